package io.repurpose.linkpred;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.repurpose.graph.GraphStore;
import io.repurpose.graph.NodeKind;

/**
 * Streams nodes and relationships from Neo4j through {@link GraphStore#stream} into a {@link HetGraph}.
 * One query for the nodes, one per relationship type; {@code PREDICTS_*} (this module's output) is never
 * read back. Literature relationships bring their {@code documentIds}.
 */
final class Projector {
    /** One row per label combination, the nodes as [id, identifier, name] triples (few rows, little overhead). */
    static final String NODES = "MATCH (n) WHERE n.identifier IS NOT NULL "
            + "RETURN labels(n) AS labels, collect([id(n), n.identifier, n.name]) AS nodes";
    static final String TYPES = "CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType AS t";
    /** One row per type: the endpoints as two long lists (per-row overhead dominates otherwise). */
    static final String EDGES = "MATCH (a)-[r:`%s`]->(b) RETURN collect(id(a)) AS s, collect(id(b)) AS t";
    static final String LITERATURE_EDGES = "MATCH (a)-[r:`%s`]->(b) RETURN id(a) AS s, id(b) AS t, r.documentIds AS docs";

    private Projector() {
    }

    /** The relationship types to project: the requested ones, or every type present but PREDICTS_*. */
    static List<String> types(GraphStore store, List<String> requested) {
        List<String> present = new ArrayList<>();
        for (Map<String, Object> row : store.read(TYPES, Map.of())) {
            present.add((String) row.get("t"));
        }
        List<String> out = new ArrayList<>();
        for (String t : present) {
            if (t.startsWith(LinkPredConfig.PREDICTS_PREFIX)) {
                continue;
            }
            if (requested.isEmpty() || requested.contains(t)) {
                out.add(t);
            }
        }
        out.sort(null);
        return out;
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Projector.class);

    static HetGraph project(GraphStore store, List<String> types) {
        long t0 = System.nanoTime();
        HetGraph.Builder b = new HetGraph.Builder();
        Map<Long, String[]> nodes = new HashMap<>();
        store.stream(NODES, Map.of(), row -> {
            @SuppressWarnings("unchecked")
            List<String> labels = (List<String>) row.get("labels");
            String kind = kindOf(labels);
            if (kind == null) {
                return;
            }
            for (Object o : (List<?>) row.get("nodes")) {
                List<?> n = (List<?>) o;
                String id = String.valueOf(n.get(1));
                Object name = n.get(2);
                b.node(kind, id, name == null ? null : String.valueOf(name));
                nodes.put((Long) n.get(0), new String[]{kind, id});
            }
        });
        long t1 = System.nanoTime();
        for (String type : types) {
            boolean literature = type.startsWith(LinkPredConfig.LITERATURE_PREFIX);
            String q = String.format(literature ? LITERATURE_EDGES : EDGES, type.replace("`", "``"));
            if (!literature) {
                store.stream(q, Map.of(), row -> {
                    List<?> ss = (List<?>) row.get("s");
                    List<?> ts = (List<?>) row.get("t");
                    for (int i = 0; i < ss.size(); i++) {
                        String[] s = nodes.get((Long) ss.get(i));
                        String[] t = nodes.get((Long) ts.get(i));
                        if (s != null && t != null) {
                            b.edge(type, s[0], s[1], t[0], t[1], null);
                        }
                    }
                });
                continue;
            }
            store.stream(q, Map.of(), row -> {
                String[] s = nodes.get((Long) row.get("s"));
                String[] t = nodes.get((Long) row.get("t"));
                if (s == null || t == null) {
                    return; // an endpoint without identifier is not part of the projection
                }
                List<String> docs = null;
                if (literature && row.get("docs") instanceof List<?> list) {
                    docs = list.stream().map(String::valueOf).toList();
                }
                b.edge(type, s[0], s[1], t[0], t[1], literature ? (docs == null ? List.of() : docs) : null);
            });
        }
        long t2 = System.nanoTime();
        HetGraph g = b.build();
        LOG.info("projection: nodes {} ms, relationships {} ms, CSR build {} ms", (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
        return g;
    }

    /** A node's kind: its first label that is a Hetionet kind, else its first label alphabetically. */
    static String kindOf(List<String> labels) {
        if (labels == null || labels.isEmpty()) {
            return null;
        }
        for (NodeKind k : NodeKind.values()) {
            if (labels.contains(k.label())) {
                return k.label();
            }
        }
        return labels.stream().sorted().findFirst().orElse(null);
    }
}
