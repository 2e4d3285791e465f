package io.repurpose.linkpred;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import io.repurpose.graph.GraphStore;

/**
 * Node embeddings of the source (Compound) and target (Disease) nodes, indexed by the projection's local
 * ids; rows of absent nodes are zero. Two producers of FastRP (Chen et al., "Fast and Accurate Network
 * Embeddings via Very Sparse Random Projection", CIKM 2019): Neo4j GDS in the server
 * ({@link #gds}), and {@link #fastRp} over the in-memory projection for servers without GDS.
 *
 * @param source    which producer
 * @param dimension vector length
 * @param sources   source-kind vectors
 * @param targets   target-kind vectors
 */
record Embeddings(String source, int dimension, float[][] sources, float[][] targets) {

    static final String GDS_VERSION = "CALL gds.version() YIELD gdsVersion RETURN gdsVersion";
    static final String GDS_PROJECT = "CALL gds.graph.project($name, '*', $relationships) "
            + "YIELD nodeCount, relationshipCount RETURN nodeCount, relationshipCount";
    static final String GDS_FASTRP = "CALL gds.fastRP.stream($name, {embeddingDimension: $dimension, "
            + "randomSeed: $seed, iterationWeights: [0.0, 1.0, 1.0], concurrency: 1}) YIELD nodeId, embedding "
            + "WITH gds.util.asNode(nodeId) AS n, embedding WHERE $source IN labels(n) OR $target IN labels(n) "
            + "RETURN $source IN labels(n) AS isSource, n.identifier AS id, embedding";
    static final String GDS_DROP = "CALL gds.graph.drop($name, false) YIELD graphName RETURN graphName";

    static boolean gdsAvailable(GraphStore store) {
        try {
            store.read(GDS_VERSION, Map.of());
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * FastRP by GDS over the given relationship types (undirected), in the server; then the graph
     * projection is dropped.
     */
    static Embeddings gds(GraphStore store, HetGraph g, List<String> types, int sourceKind, int targetKind,
                          int dimension, long seed) {
        String name = "linkpred-" + UUID.randomUUID();
        Map<String, Object> rels = new LinkedHashMap<>();
        for (String t : types) {
            rels.put(t, Map.of("type", t, "orientation", "UNDIRECTED"));
        }
        float[][] s = new float[g.count(sourceKind)][dimension];
        float[][] t = new float[g.count(targetKind)][dimension];
        store.read(GDS_PROJECT, Map.of("name", name, "relationships", rels));
        try {
            store.stream(GDS_FASTRP, Map.of("name", name, "dimension", dimension, "seed", seed,
                    "source", g.kinds.get(sourceKind), "target", g.kinds.get(targetKind)), row -> {
                boolean isSource = (Boolean) row.get("isSource");
                int kind = isSource ? sourceKind : targetKind;
                int i = g.node(kind, String.valueOf(row.get("id")));
                if (i < 0) {
                    return;
                }
                @SuppressWarnings("unchecked")
                List<Object> v = (List<Object>) row.get("embedding");
                float[] out = (isSource ? s : t)[i];
                for (int j = 0; j < dimension; j++) {
                    out[j] = ((Number) v.get(j)).floatValue();
                }
            });
        } finally {
            store.read(GDS_DROP, Map.of("name", name));
        }
        return new Embeddings("gds.fastRP", dimension, s, t);
    }

    /**
     * In-project FastRP: very sparse random projection (s = 3) seeded per node identifier, three
     * propagation steps over the row-normalised undirected adjacency of the given graph, each step
     * L2-normalised per node, combined with iteration weights (0, 1, 1) as GDS does by default.
     */
    static Embeddings fastRp(HetGraph g, int sourceKind, int targetKind, int dimension, long seed) {
        int k = g.kinds.size();
        int[] offset = new int[k + 1];
        for (int i = 0; i < k; i++) {
            offset[i + 1] = offset[i] + g.count(i);
        }
        int n = offset[k];
        // undirected adjacency over all edge types (global ids)
        long m = 0;
        for (HetGraph.EdgeType e : g.edgeTypes) {
            m += e.size();
        }
        int[] from = new int[(int) (2 * m)];
        int[] to = new int[(int) (2 * m)];
        int w = 0;
        for (HetGraph.EdgeType e : g.edgeTypes) {
            for (int i = 0; i < e.size(); i++) {
                int a = offset[e.source] + e.src[i];
                int b = offset[e.target] + e.dst[i];
                from[w] = a;
                to[w++] = b;
                from[w] = b;
                to[w++] = a;
            }
        }
        HetGraph.Csr adj = HetGraph.Csr.of(n, n, from, to, w);
        float[] current = new float[n * dimension];
        double sqrt3 = Math.sqrt(3);
        for (int kind = 0; kind < k; kind++) {
            for (int i = 0; i < g.count(kind); i++) {
                SplittableRandom r = new SplittableRandom(seed * 31 + (g.kinds.get(kind) + ":" + g.ids[kind][i]).hashCode());
                int base = (offset[kind] + i) * dimension;
                for (int j = 0; j < dimension; j++) {
                    double u = r.nextDouble();
                    current[base + j] = (float) (u < 1.0 / 6 ? sqrt3 : u < 2.0 / 6 ? -sqrt3 : 0);
                }
            }
        }
        double[] weights = {0.0, 1.0, 1.0};
        float[] sum = new float[n * dimension];
        for (double weight : weights) {
            float[] next = new float[n * dimension];
            for (int v = 0; v < n; v++) {
                int deg = adj.degree(v);
                if (deg == 0) {
                    continue;
                }
                int base = v * dimension;
                for (int i = adj.rowPtr()[v]; i < adj.rowPtr()[v + 1]; i++) {
                    int ub = adj.col()[i] * dimension;
                    for (int j = 0; j < dimension; j++) {
                        next[base + j] += current[ub + j];
                    }
                }
                double norm = 0;
                for (int j = 0; j < dimension; j++) {
                    norm += (double) next[base + j] * next[base + j];
                }
                norm = Math.sqrt(norm);
                if (norm > 0) {
                    for (int j = 0; j < dimension; j++) {
                        next[base + j] /= (float) norm;
                        sum[base + j] += (float) (weight * next[base + j]);
                    }
                }
            }
            current = next;
        }
        float[][] s = new float[g.count(sourceKind)][];
        float[][] t = new float[g.count(targetKind)][];
        for (int i = 0; i < s.length; i++) {
            int base = (offset[sourceKind] + i) * dimension;
            s[i] = java.util.Arrays.copyOfRange(sum, base, base + dimension);
        }
        for (int i = 0; i < t.length; i++) {
            int base = (offset[targetKind] + i) * dimension;
            t[i] = java.util.Arrays.copyOfRange(sum, base, base + dimension);
        }
        return new Embeddings("in-project FastRP", dimension, s, t);
    }

    /** No embeddings (dimension 0). */
    static Embeddings none(HetGraph g, int sourceKind, int targetKind) {
        return new Embeddings("none", 0, new float[g.count(sourceKind)][0], new float[g.count(targetKind)][0]);
    }

    /** Relationship types to embed over: every projected type except the target one. */
    static List<String> embeddingTypes(HetGraph g, String treatsType) {
        List<String> out = new ArrayList<>();
        for (HetGraph.EdgeType e : g.edgeTypes) {
            if (!e.type.equals(treatsType) && !out.contains(e.type)) {
                out.add(e.type);
            }
        }
        return out;
    }
}
