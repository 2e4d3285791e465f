package io.repurpose.linkpred;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.repurpose.graph.NodeKind;

/**
 * Builds {@link FeatureSpace}s for variants of one graph that differ only in their treats edges. DWPC of
 * metapaths without the treats type is computed once; metapaths through it are recomputed per variant.
 */
final class FeatureBuilder {
    static final String SOURCE = NodeKind.COMPOUND.label();
    static final String TARGET = NodeKind.DISEASE.label();

    final HetGraph full;
    final String treatsType;
    final int sourceKind;
    final int targetKind;
    final List<Metapath> metapaths;
    private final double damping;
    private final int threads;
    private final Map<String, float[]> fixed;
    private final NeighbourSimilarity neighbours;
    private final List<Metapath> dynamic = new ArrayList<>();
    private final Map<Embeddings, FeatureSpace.Similarities> similarities =
            java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

    FeatureBuilder(HetGraph full, LinkPredConfig config, List<Metapath> metapaths, int threads) {
        this.full = full;
        this.treatsType = config.treatsType();
        this.sourceKind = full.kind(SOURCE);
        this.targetKind = full.kind(TARGET);
        this.metapaths = List.copyOf(metapaths);
        this.damping = config.damping();
        this.threads = threads;
        List<Metapath> stat = new ArrayList<>();
        for (Metapath m : metapaths) {
            (m.uses(treatsType) ? dynamic : stat).add(m);
        }
        this.fixed = new Dwpc(full, damping, SOURCE, TARGET, threads).compute(stat);
        this.neighbours = NeighbourSimilarity.of(full, sourceKind, targetKind, treatsType);
    }

    static List<Metapath> metapaths(HetGraph g, LinkPredConfig config) {
        return Metapath.enumerate(g, SOURCE, TARGET, config.minMetapathLength(), config.maxMetapathLength());
    }

    /** The graph without the given treats edges. */
    HetGraph variant(Set<Long> removedTreats) {
        return removedTreats.isEmpty() ? full : full.without(treatsType, removedTreats);
    }

    FeatureSpace space(Set<Long> removedTreats, double[] scales, Embeddings embeddings) {
        HetGraph g = variant(removedTreats);
        Map<String, float[]> dyn = new Dwpc(g, damping, SOURCE, TARGET, threads).compute(dynamic);
        Map<String, float[]> all = new LinkedHashMap<>(fixed);
        all.putAll(dyn);
        FeatureSpace.Similarities sims = embeddings.dimension() == 0 ? null
                : similarities.computeIfAbsent(embeddings, FeatureSpace.Similarities::of);
        return new FeatureSpace(g, sourceKind, targetKind, metapaths, all, scales, embeddings, treatsType, sims,
                neighbours);
    }

    /** Keys (source, target) of the treats edges of the full graph. */
    long[] positives() {
        return positives(full, treatsType);
    }

    /** Keys (source, target) of the treats edges of a graph, sorted. */
    static long[] positives(HetGraph g, String treatsType) {
        int sourceKind = g.kind(SOURCE);
        int targetKind = g.kind(TARGET);
        Set<Long> keys = new HashSet<>();
        for (HetGraph.EdgeType e : g.edgesOfType(treatsType)) {
            if (e.source == sourceKind && e.target == targetKind) {
                for (int i = 0; i < e.size(); i++) {
                    keys.add(HetGraph.key(e.src[i], e.dst[i]));
                }
            }
        }
        return keys.stream().mapToLong(Long::longValue).sorted().toArray();
    }
}
