package io.repurpose.graph;

/** Neo4j cannot be reached right now (down, restarting, no route): callers answer 503 and retry later. */
public class GraphUnavailableException extends GraphException {
    private static final long serialVersionUID = 1L;

    public GraphUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
