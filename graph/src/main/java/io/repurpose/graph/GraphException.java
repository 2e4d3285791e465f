package io.repurpose.graph;

/** A failure to reach, start or use Neo4j, with a message that says what to do. */
public class GraphException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GraphException(String message) {
        super(message);
    }

    public GraphException(String message, Throwable cause) {
        super(message, cause);
    }
}
