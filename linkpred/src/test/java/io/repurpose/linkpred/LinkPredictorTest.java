package io.repurpose.linkpred;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.impl.ArrayExample;

import io.repurpose.graph.GraphConfig;
import io.repurpose.graph.GraphStore;

/**
 * Against a real embedded Neo4j: a hand-checked component (C1..C3, G1, G2, D1, D2) and a seeded synthetic
 * component with a planted signal (compounds treat diseases they share genes with) for training.
 */
class LinkPredictorTest {
    @TempDir
    static Path dir;
    static GraphStore store;
    static HetGraph graph;
    static LinkPredictor predictor;
    static LinkPredConfig config;

    static final double P = Math.pow(8, -0.4); // 8^-0.4, the PDP of every hand-checked path below

    @BeforeAll
    static void setUp() {
        store = GraphStore.open(new GraphConfig(null, "neo4j", "test-password", null, dir.resolve("neo4j"), 0, 0,
                "1g", "256m", Duration.ofSeconds(300)));
        // hand-checked component
        store.write("""
                CREATE (c1:Compound {identifier: 'C1', name: 'one'}), (c2:Compound {identifier: 'C2', name: 'two'}),
                       (c3:Compound {identifier: 'C3', name: 'three'}),
                       (g1:Gene {identifier: '1', name: 'G1'}), (g2:Gene {identifier: '2', name: 'G2'}),
                       (d1:Disease {identifier: 'DOID:1', name: 'd one'}), (d2:Disease {identifier: 'DOID:2', name: 'd two'}),
                       (c1)-[:BINDS_CbG]->(g1), (c1)-[:BINDS_CbG]->(g2), (c2)-[:BINDS_CbG]->(g1),
                       (d1)-[:ASSOCIATES_DaG]->(g1), (d1)-[:ASSOCIATES_DaG]->(g2), (d2)-[:ASSOCIATES_DaG]->(g2),
                       (c1)-[:TREATS_CtD]->(d1), (c2)-[:TREATS_CtD]->(d2),
                       (c3)-[:LITERATURE_BINDS {documentIds: ['PMID:123', 'PMID:456']}]->(g2)
                """, Map.of());
        // synthetic component: treats when a compound and a disease share >= 2 genes
        SplittableRandom r = new SplittableRandom(7);
        int nc = 40;
        int nd = 12;
        int ng = 50;
        List<Map<String, Object>> binds = new ArrayList<>();
        List<Map<String, Object>> assoc = new ArrayList<>();
        List<Map<String, Object>> treats = new ArrayList<>();
        List<Map<String, Object>> interacts = new ArrayList<>();
        List<Set<Integer>> cg = new ArrayList<>();
        List<Set<Integer>> dg = new ArrayList<>();
        for (int c = 0; c < nc; c++) {
            Set<Integer> s = new HashSet<>();
            while (s.size() < 4) {
                s.add(r.nextInt(ng));
            }
            cg.add(s);
            for (int g : s) {
                binds.add(Map.of("a", "DBS" + c, "b", "S" + g));
            }
        }
        for (int d = 0; d < nd; d++) {
            Set<Integer> s = new HashSet<>();
            while (s.size() < 8) {
                s.add(r.nextInt(ng));
            }
            dg.add(s);
            for (int g : s) {
                assoc.add(Map.of("a", "DOID:S" + d, "b", "S" + g));
            }
        }
        for (int c = 0; c < nc; c++) {
            for (int d = 0; d < nd; d++) {
                Set<Integer> shared = new HashSet<>(cg.get(c));
                shared.retainAll(dg.get(d));
                if (shared.size() >= 2 || r.nextDouble() < 0.01) {
                    treats.add(Map.of("a", "DBS" + c, "b", "DOID:S" + d));
                }
            }
        }
        for (int i = 0; i < 80; i++) {
            int a = r.nextInt(ng);
            int b = r.nextInt(ng);
            if (a != b) {
                interacts.add(Map.of("a", "S" + a, "b", "S" + b));
            }
        }
        List<Map<String, Object>> nodes = new ArrayList<>();
        store.write("UNWIND range(0, $n - 1) AS i CREATE (:Compound {identifier: 'DBS' + i, name: 'compound ' + i})",
                Map.of("n", nc));
        store.write("UNWIND range(0, $n - 1) AS i CREATE (:Disease {identifier: 'DOID:S' + i, name: 'disease ' + i})",
                Map.of("n", nd));
        store.write("UNWIND range(0, $n - 1) AS i CREATE (:Gene {identifier: 'S' + i, name: 'gene ' + i})",
                Map.of("n", ng));
        store.write("UNWIND $rows AS row MATCH (a:Compound {identifier: row.a}) MATCH (b:Gene {identifier: row.b}) "
                + "CREATE (a)-[:BINDS_CbG]->(b)", Map.of("rows", binds));
        store.write("UNWIND $rows AS row MATCH (a:Disease {identifier: row.a}) MATCH (b:Gene {identifier: row.b}) "
                + "CREATE (a)-[:ASSOCIATES_DaG]->(b)", Map.of("rows", assoc));
        store.write("UNWIND $rows AS row MATCH (a:Compound {identifier: row.a}) MATCH (b:Disease {identifier: row.b}) "
                + "CREATE (a)-[:TREATS_CtD]->(b)", Map.of("rows", treats));
        store.write("UNWIND $rows AS row MATCH (a:Gene {identifier: row.a}) MATCH (b:Gene {identifier: row.b}) "
                + "CREATE (a)-[:INTERACTS_GiG]->(b)", Map.of("rows", interacts));
        assertTrue(treats.size() >= 15, "planted treatments: " + treats.size());
        graph = Projector.project(store, Projector.types(store, List.of()));
        config = new LinkPredConfig(dir.resolve("model"), 42L, 0.4, 2, 3, List.of(), "TREATS_CtD",
                LinkPredConfig.EmbeddingSource.AUTO, 8, 5, 30, 0.1, 16, 3, 3, 3);
        predictor = LinkPredictor.train(store, config);
    }

    @AfterAll
    static void tearDown() {
        if (store != null) {
            store.close();
        }
    }

    private static Map<String, float[]> dwpc(HetGraph g, String... names) {
        List<Metapath> all = Metapath.enumerate(g, "Compound", "Disease", 2, 3);
        List<Metapath> chosen = all.stream().filter(m -> List.of(names).contains(m.name())).toList();
        assertEquals(names.length, chosen.size(), "metapaths found: " + all.stream().map(Metapath::name).toList());
        return new Dwpc(g, 0.4, "Compound", "Disease", 2).compute(chosen);
    }

    private static double at(HetGraph g, float[] m, String c, String d) {
        int ci = g.node(g.kind("Compound"), c);
        int di = g.node(g.kind("Disease"), d);
        return m[ci * g.count(g.kind("Disease")) + di];
    }

    @Test
    void projectionReadsEveryNodeAndEdge() {
        assertEquals(List.of("Compound", "Disease", "Gene"), graph.kinds);
        assertEquals(43, graph.count(graph.kind("Compound")));
        long lit = graph.edgesOfType("LITERATURE_BINDS").get(0).size();
        assertEquals(1, lit);
        assertArrayEquals(new String[]{"PMID:123", "PMID:456"},
                graph.edgesOfType("LITERATURE_BINDS").get(0).documentIds[0]);
    }

    @Test
    void dwpcMatchesHandComputedValues() {
        Map<String, float[]> v = dwpc(graph, "CbGaD", "CbGbCtD", "CtDaGaD");
        // CbGaD(C1, D1): C1-G1-D1 = (2*2)^-.4 (1*2)^-.4 and C1-G2-D1 = (2*1)^-.4 (2*2)^-.4, each 8^-.4
        assertEquals(2 * P, at(graph, v.get("CbGaD"), "C1", "DOID:1"), 1e-6);
        // CbGaD(C2, D2): no gene in common
        assertEquals(0, at(graph, v.get("CbGaD"), "C2", "DOID:2"), 0);
        // CbGaD(C1, D2): C1-G2-D2 = (2*1)^-.4 (2*1)^-.4 = 4^-.4
        assertEquals(Math.pow(4, -0.4), at(graph, v.get("CbGaD"), "C1", "DOID:2"), 1e-6);
        // CbGbCtD(C1, D1): only the walks C1-G-C1-D1, which revisit C1: not paths
        assertEquals(0, at(graph, v.get("CbGbCtD"), "C1", "DOID:1"), 0);
        // CbGbCtD(C1, D2): C1-G1-C2-D2 = (2*2)^-.4 (2*1)^-.4 (1*1)^-.4
        assertEquals(P, at(graph, v.get("CbGbCtD"), "C1", "DOID:2"), 1e-6);
        // CtDaGaD(C1, D1): walks C1-D1-G-D1 revisit D1
        assertEquals(0, at(graph, v.get("CtDaGaD"), "C1", "DOID:1"), 0);
        // CtDaGaD(C1, D2): C1-D1-G2-D2 = (1*1)^-.4 (2*2)^-.4 (2*1)^-.4
        assertEquals(P, at(graph, v.get("CtDaGaD"), "C1", "DOID:2"), 1e-6);
    }

    @Test
    void enumeratedPathsSumToTheMatrixForEveryMetapathAndPair() {
        List<Metapath> all = FeatureBuilder.metapaths(graph, config);
        assertTrue(all.size() >= 8, "metapaths: " + all);
        Dwpc dwpc = new Dwpc(graph, 0.4, "Compound", "Disease", 2);
        Map<String, float[]> v = dwpc.compute(all);
        int nd = graph.count(graph.kind("Disease"));
        int checked = 0;
        SplittableRandom r = new SplittableRandom(1);
        for (Metapath m : all) {
            for (int k = 0; k < 40; k++) {
                int c = r.nextInt(graph.count(graph.kind("Compound")));
                int d = r.nextInt(nd);
                double sum = dwpc.paths(m, c, d).stream().mapToDouble(Dwpc.PathInstance::pdp).sum();
                assertEquals(sum, v.get(m.name())[c * nd + d], 1e-5 * Math.max(1, sum), m.name());
                checked++;
            }
        }
        assertTrue(checked > 300);
        // both suffix forms (dense block, session 1, and sparse rows, session 6) give the same matrices
        Map<String, float[]> dense = new Dwpc(graph, 0.4, "Compound", "Disease", 2, true).compute(all);
        for (Metapath m : all) {
            float[] a = dense.get(m.name());
            float[] b = v.get(m.name());
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 1e-6 * Math.max(1, a[i]), m.name());
            }
        }
    }

    @Test
    void bothSidesEnumerateTheSamePathsInTheSameOrder() {
        List<Metapath> all = FeatureBuilder.metapaths(graph, config);
        Dwpc dwpc = new Dwpc(graph, 0.4, "Compound", "Disease", 1);
        int nc = graph.count(graph.kind("Compound"));
        int nd = graph.count(graph.kind("Disease"));
        int length3 = 0;
        int paths = 0;
        int cheaperFromTarget = 0;
        for (Metapath m : all) {
            Dwpc.Steps st = dwpc.steps(m);
            length3 += m.length() == 3 ? 1 : 0;
            for (int c = 0; c < nc; c++) {
                for (int d = 0; d < nd; d++) {
                    List<String> source = paths(dwpc, st, c, d, Dwpc.Direction.SOURCE);
                    String what = m.name() + " " + c + " " + d;
                    assertEquals(source, paths(dwpc, st, c, d, Dwpc.Direction.TARGET), what);
                    assertEquals(source, paths(dwpc, st, c, d, Dwpc.Direction.CHEAPER), what);
                    assertEquals(source.size(), dwpc.count(st, c, d, new int[st.kinds().length]), what);
                    paths += source.size();
                    if (m.length() == 3 && Dwpc.cheaperFromTarget(st, c, d)) {
                        cheaperFromTarget++;
                    }
                }
            }
        }
        assertTrue(length3 >= 4, "length-3 metapaths: " + length3);
        assertTrue(paths > 1000, "paths compared: " + paths);
        assertTrue(cheaperFromTarget > 0, "no pair cheaper from the target");
        // and whole explanations: equal records (every double bit for bit) whichever side enumerates, and whether
        // or not a metapath whose paths cannot be listed only counts them
        int counted = 0;
        for (String drug : List.of("C1", "C2", "DBS0", "DBS5", "DBS17", "DBS33")) {
            for (String disease : List.of("DOID:1", "DOID:2", "DOID:S3", "DOID:S7", "DOID:S11")) {
                for (int k : new int[]{0, 1, 2, 3, 25}) {
                    String what = drug + " " + disease + " k=" + k;
                    Explanation e = predictor.explain(drug, disease, k, walk(Dwpc.Direction.SOURCE, false, false));
                    assertEquals(e, predictor.explain(drug, disease, k, walk(Dwpc.Direction.TARGET, false, false)),
                            what);
                    assertEquals(e, predictor.explain(drug, disease, k, walk(Dwpc.Direction.SOURCE, true, false)),
                            what);
                    assertEquals(e, predictor.explain(drug, disease, k, walk(Dwpc.Direction.CHEAPER, true, true)),
                            what);
                    assertEquals(e, predictor.explain(drug, disease, k), what);
                    counted += e.otherPaths();
                }
            }
        }
        assertTrue(counted > 100, "paths not listed: " + counted);
    }

    @Test
    void edgeIndexFindsTheFirstStoredEdgeOfAPairInEitherOrientationOfSymmetricTypes() {
        int checked = 0;
        int absent = 0;
        SplittableRandom r = new SplittableRandom(3);
        for (HetGraph.EdgeType e : graph.edgeTypes) {
            Map<Long, Integer> first = new java.util.HashMap<>();
            for (int i = 0; i < e.src.length; i++) {
                first.putIfAbsent(HetGraph.key(e.src[i], e.dst[i]), i);
            }
            for (int i = 0; i < e.src.length; i++) {
                int s = e.src[i];
                int t = e.dst[i];
                assertEquals(first.get(HetGraph.key(s, t)), e.edgeIndex(s, t), e.type);
                if (e.symmetric) {
                    assertEquals(first.getOrDefault(HetGraph.key(t, s), first.get(HetGraph.key(s, t))),
                            e.edgeIndex(t, s), e.type);
                }
                checked++;
            }
            for (int k = 0; k < 200; k++) {
                int s = r.nextInt(e.sourceCount);
                int t = r.nextInt(e.targetCount);
                Integer want = first.get(HetGraph.key(s, t));
                if (want == null && e.symmetric) {
                    want = first.get(HetGraph.key(t, s));
                }
                assertEquals(want == null ? -1 : want, e.edgeIndex(s, t), e.type + " " + s + " " + t);
                absent += want == null ? 1 : 0;
            }
        }
        assertTrue(checked > 300, "edges checked: " + checked);
        assertTrue(absent > 100, "absent pairs checked: " + absent);
    }

    @Test
    void pathStatsCountEveryPairsPathsAndBoundItsLargestShare() {
        PathStats stats = predictor.buildPathStats();
        FeatureSpace space = predictor.space();
        Dwpc dwpc = new Dwpc(predictor.graph(), config.damping(), "Compound", "Disease", 1);
        int metapaths = 0;
        int pairs = 0;
        int skipped = 0;
        for (int m = 0; m < space.metapaths.size(); m++) {
            if (!stats.has(m)) {
                continue;
            }
            metapaths++;
            Dwpc.Steps st = dwpc.steps(space.metapaths.get(m));
            for (int c = 0; c < space.sourceCount; c++) {
                for (int d = 0; d < space.targetCount; d++) {
                    String what = space.metapaths.get(m).name() + " " + c + " " + d;
                    int at = stats.find(m, c, d);
                    if (space.rawDwpc(m, c, d) == 0) {
                        assertEquals(-1, at, what);
                        continue;
                    }
                    double[] sumMax = new double[2];
                    int n = dwpc.forEachPath(st, c, d, new int[st.kinds().length], (nodes, pdp) -> {
                        sumMax[0] += pdp;
                        sumMax[1] = Math.max(sumMax[1], pdp);
                    }, Dwpc.Direction.SOURCE);
                    assertTrue(at >= 0, what);
                    assertEquals(n, stats.count(m, at), what);
                    assertTrue(stats.share(m, at) >= sumMax[1] / sumMax[0], what);
                    assertTrue(stats.share(m, at) <= Math.nextUp((float) (sumMax[1] / sumMax[0])), what);
                    pairs++;
                    skipped += stats.share(m, at) < 0.5 ? 1 : 0;
                }
            }
        }
        assertTrue(metapaths >= 4, "metapaths with stats: " + metapaths);
        assertTrue(pairs > 500, "pairs checked: " + pairs);
        assertTrue(skipped > 100, "pairs whose largest path has under half the DWPC: " + skipped);
        // the same explanations, record for record, with the stats (counts looked up, more metapaths only
        // counted) as without them, walked in either order
        for (String drug : List.of("C1", "C2", "C3", "DBS0", "DBS5", "DBS17", "DBS33")) {
            for (String disease : List.of("DOID:1", "DOID:2", "DOID:S3", "DOID:S7", "DOID:S11")) {
                for (int k : new int[]{0, 1, 2, 3, 25}) {
                    String what = drug + " " + disease + " k=" + k;
                    Explanation e = predictor.explain(drug, disease, k, LinkPredictor.PathWalk.SESSION_6);
                    assertEquals(e, predictor.explain(drug, disease, k), what);
                    assertEquals(e, predictor.explain(drug, disease, k, walk(Dwpc.Direction.CHEAPER, true, false)),
                            what);
                    assertEquals(e, predictor.explain(drug, disease, k,
                            new LinkPredictor.PathWalk(LinkPredictor.TopCollector.BUFFERED, Dwpc.Direction.CHEAPER,
                                    true, false, true)), what);
                }
            }
        }
    }

    /** Paths buffered, from {@code direction}, ({@code bounded}) only counted where none can be listed. */
    private static LinkPredictor.PathWalk walk(Dwpc.Direction direction, boolean bounded, boolean largestFirst) {
        return new LinkPredictor.PathWalk(LinkPredictor.TopCollector.BUFFERED, direction, bounded, largestFirst,
                false);
    }

    /** The paths of {@code st} from c to d as the sink sees them, in order: nodes and PDP bits. */
    private static List<String> paths(Dwpc dwpc, Dwpc.Steps st, int c, int d, Dwpc.Direction direction) {
        List<String> out = new ArrayList<>();
        int n = dwpc.forEachPath(st, c, d, new int[st.kinds().length], (nodes, pdp) ->
                out.add(java.util.Arrays.toString(nodes) + " " + Double.doubleToLongBits(pdp)), direction);
        assertEquals(out.size(), n);
        return out;
    }

    @Test
    void trainingRowsNeverSeeTheirOwnTreatsEdge() {
        FeatureBuilder fb = new FeatureBuilder(graph, config, FeatureBuilder.metapaths(graph, config), 1);
        Embeddings none = Embeddings.none(graph, fb.sourceKind, fb.targetKind);
        FeatureSpace full = fb.space(Set.of(), null, none);
        Splits splits = Splits.create(full.sourceCount, full.targetCount, fb.positives(), 3, 42L);
        TrainingRows rows = TrainingRows.collect(fb, splits, Set.of(0, 1, 2), Set.of(), full.scales(), none, 5, 42L, 1);
        int degree = full.names().indexOf("degree:Compound:TREATS_CtD>");
        int ctdDisease = full.names().indexOf("degree:Disease:TREATS_CtD<");
        assertTrue(degree >= 0 && ctdDisease >= 0, full.names().toString());
        int nt = full.targetCount;
        int positives = 0;
        for (int i = 0; i < rows.labels().length; i++) {
            if (!rows.labels()[i]) {
                continue;
            }
            positives++;
            int c = rows.pairs()[i] / nt;
            int d = rows.pairs()[i] % nt;
            // the row's own edge is removed: its CtD degrees are below the full graph's
            assertTrue(rows.features()[i][degree] < full.value(degree, c, d), "compound CtD degree leaks");
            assertTrue(rows.features()[i][ctdDisease] < full.value(ctdDisease, c, d), "disease CtD degree leaks");
            // and equal to the degree in the graph without the row's fold
            int fold = rows.fold()[i];
            long inFoldOfC = 0;
            long total = 0;
            for (int p = 0; p < splits.positives().length; p++) {
                if ((int) (splits.positives()[p] >>> 32) == c) {
                    total++;
                    if (splits.positiveFold()[p] == fold) {
                        inFoldOfC++;
                    }
                }
            }
            assertEquals(Math.log1p(total - inFoldOfC), rows.features()[i][degree], 1e-12);
        }
        assertEquals(fb.positives().length, positives);
        // removing one edge changes the features of its fold's graph
        long edge = fb.positives()[0];
        FeatureSpace without = fb.space(Set.of(edge), full.scales(), none);
        int c = (int) (edge >>> 32);
        int d = (int) edge;
        boolean changed = false;
        for (int f = 0; f < full.size(); f++) {
            if (full.value(f, c, d) != without.value(f, c, d)) {
                changed = true;
            }
        }
        assertTrue(changed);
        // with two sub-folds per fold, a positive row lacks exactly the edges of its own (fold, sub-fold)
        TrainingRows halves = TrainingRows.collect(fb, splits, Set.of(0, 1, 2), Set.of(), full.scales(), none, 5, 42L, 2);
        byte[] sub = splits.subfolds(2, 42L);
        int checkedHalves = 0;
        for (int i = 0; i < halves.labels().length; i++) {
            if (!halves.labels()[i]) {
                continue;
            }
            int p = halves.pairs()[i];
            int hc = p / nt;
            long sameGroup = 0;
            long total = 0;
            for (int q = 0; q < splits.positives().length; q++) {
                long k = splits.positives()[q];
                if ((int) (k >>> 32) == hc) {
                    total++;
                    int qi = Splits.index(k, nt);
                    if (splits.positiveFold()[q] == halves.fold()[i] && sub[qi] == sub[p]) {
                        sameGroup++;
                    }
                }
            }
            assertTrue(sameGroup >= 1);
            assertEquals(Math.log1p(total - sameGroup), halves.features()[i][degree], 1e-12);
            checkedHalves++;
        }
        assertEquals(fb.positives().length, checkedHalves);
    }

    @Test
    void explanationSumsToTheLinearScore() {
        long nonPath = predictor.model().features().stream().filter(f -> !f.startsWith(FeatureSpace.DWPC)).count();
        assertTrue(nonPath > LinkPredictor.DEFAULT_EXPLAIN_FEATURES, "the test model has more non-path features ("
                + nonPath + ") than an explanation lists, so the remainder is exercised");
        int checked = 0;
        for (String drug : List.of("C1", "C3", "DBS0", "DBS5", "DBS17")) {
            for (String disease : List.of("DOID:1", "DOID:2", "DOID:S3", "DOID:S7")) {
                Explanation e = predictor.explain(drug, disease, 3);
                double linear = predictor.linearScore(graph.node(0, drug), predictor.graph().node(1, disease));
                assertEquals(linear, e.linearScore(), 1e-9);
                assertEquals(e.linearScore(), e.total(), 1e-9, drug + " " + disease);
                assertEquals(nonPath, (long) e.features().size() + e.otherFeatures(), "every non-path feature listed or counted");
                assertEquals(Math.min(nonPath, LinkPredictor.DEFAULT_EXPLAIN_FEATURES), e.features().size());
                assertEquals(predictor.score(drug, disease), e.probability(), 1e-12);
                checked++;
            }
        }
        assertEquals(20, checked);
        Explanation e = predictor.explain("C1", "DOID:1", 100);
        assertFalse(e.paths().isEmpty());
        Explanation.PathContribution p = e.paths().get(0);
        assertEquals(p.nodes().size() - 1, p.edges().size());
        assertEquals("C1", p.nodes().get(0).identifier());
        assertEquals("DOID:1", p.nodes().get(p.nodes().size() - 1).identifier());
    }

    @Test
    void topKExplanationListsTheSamePathsAsSortingEveryPath() {
        int compared = 0;
        for (String drug : List.of("C1", "C3", "DBS0", "DBS5", "DBS17")) {
            for (String disease : List.of("DOID:1", "DOID:2", "DOID:S3", "DOID:S7")) {
                for (int k : new int[]{0, 1, 3, 25, 1000}) {
                    Explanation all = predictor.explainAllPaths(drug, disease, k);
                    // every path buffered, and (buffer of 1 or 2) the local top-k taking over in a metapath
                    for (int buffered : new int[]{1 << 16, 1, 2}) {
                        Explanation fast = predictor.explain(drug, disease, k,
                                LinkPredictor.PathWalk.DEFAULT.withBuffered(buffered));
                        String what = drug + " " + disease + " k=" + k + " buffered=" + buffered;
                        assertEquals(all.paths().size(), fast.paths().size(), what);
                        for (int i = 0; i < all.paths().size(); i++) {
                            Explanation.PathContribution a = all.paths().get(i);
                            Explanation.PathContribution b = fast.paths().get(i);
                            assertEquals(a.metapath(), b.metapath(), what);
                            assertEquals(a.nodes(), b.nodes(), what);
                            assertEquals(a.edges(), b.edges(), what);
                            assertEquals(a.pathDegreeProduct(), b.pathDegreeProduct(), what);
                            assertEquals(a.contribution(), b.contribution(), 1e-12, what);
                        }
                        assertEquals(all.otherPaths(), fast.otherPaths(), what);
                        assertEquals(all.otherPathsContribution(), fast.otherPathsContribution(), 1e-9, what);
                        assertEquals(all.features(), fast.features(), what);
                        assertEquals(all.linearScore(), fast.linearScore(), what);
                        assertEquals(fast.linearScore(), fast.total(), 1e-9, what);
                        compared += all.paths().size();
                    }
                }
            }
        }
        assertTrue(compared > 20, "too few paths compared: " + compared);
    }

    @Test
    void literatureEdgesAreFlaggedWithTheirDocuments() {
        Explanation e = predictor.explain("C3", "DOID:1", 1000);
        Explanation.PathEdge lit = e.paths().stream().flatMap(p -> p.edges().stream())
                .filter(Explanation.PathEdge::literature).findFirst().orElseThrow();
        assertEquals("LITERATURE_BINDS", lit.type());
        assertEquals(List.of("PMID:123", "PMID:456"), lit.documentIds());
        assertTrue(e.paths().stream().flatMap(p -> p.edges().stream()).filter(x -> !x.literature())
                .allMatch(x -> x.documentIds().isEmpty()));
    }

    @Test
    void linearModelAgreesWithTribuo() {
        LinearModel m = predictor.linearModel();
        FeatureSpace space = predictor.space();
        int[] f = predictor.featureIndexes();
        String[] names = m.features().toArray(String[]::new);
        assertTrue(java.util.Arrays.stream(f).anyMatch(i -> space.derivedOp(i) != null), "the model has derived terms");
        for (int c = 0; c < 5; c++) {
            for (int d = 0; d < 5; d++) {
                double[] raw = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    raw[i] = space.value(f[i], c, d);
                }
                double[] filled = new double[f.length];
                space.rowFiller(f).fill(c, d, filled);
                assertArrayEquals(raw, filled, "derived terms from the row equal FeatureSpace.value");
                double[] z = ModelTrainer.standardise(raw, m.means(), m.sds());
                // per bag, the model mixes Tribuo's two models' logits: (1 - mix) * every feature's + mix *
                // Rephetio-style; the bags' mixed logits are averaged
                ModelTrainer.TribuoModels t = predictor.tribuoModel();
                assertEquals(ModelTrainer.REPHETIO_MIX, t.mix());
                assertEquals(ModelTrainer.BAGS, t.bags());
                double logit = 0;
                double firstAll = 0;
                for (int b = 0; b < t.bags(); b++) {
                    double pa = positive(t.all().get(b).predict(new ArrayExample<>(ModelTrainer.NEGATIVE, names, z)));
                    double pr = positive(t.rephetio().get(b).predict(
                            new ArrayExample<>(ModelTrainer.NEGATIVE, names, z)));
                    logit += ((1 - t.mix()) * Math.log(pa / (1 - pa)) + t.mix() * Math.log(pr / (1 - pr))) / t.bags();
                    firstAll = b == 0 ? Math.log(pa / (1 - pa)) : firstAll;
                }
                assertEquals(LinearModel.sigmoid(logit), LinearModel.sigmoid(m.linear(raw)), 1e-9);
                assertTrue(Math.abs(firstAll - m.linear(raw)) > 1e-6, "the mix changes the score");
            }
        }
    }

    private static double positive(Prediction<Label> p) {
        return p.getOutputScores().get(ModelTrainer.POSITIVE.getLabel()).getScore();
    }

    @Test
    void plantedSignalIsLearnedAndRankingsAreConsistent() {
        ModelInfo info = predictor.model();
        assertTrue(info.metrics().get("train.auroc") > 0.8, info.metrics().toString());
        assertEquals("gds.fastRP", info.embeddingSource());
        assertEquals(16, info.dataSnapshotHash().length());
        List<Candidate> list = predictor.candidatesForDisease("DOID:S3", 10, true);
        assertEquals(10, list.size());
        for (int i = 0; i < list.size(); i++) {
            assertEquals(i + 1, list.get(i).rank());
            assertFalse(list.get(i).known());
            if (i > 0) {
                assertTrue(list.get(i - 1).score() >= list.get(i).score());
            }
        }
        List<Candidate> withKnown = predictor.candidatesForDrug("DBS0", 100, false);
        assertEquals(graph.count(graph.kind("Disease")), withKnown.size());
        assertThrows(IllegalArgumentException.class, () -> predictor.candidatesForDrug("nope", 3, true));
    }

    @Test
    void predictionsAreWrittenBackAsRelationships() {
        List<Map<String, Object>> rows = store.read("MATCH (c:Compound)-[r:PREDICTS_CtD]->(d:Disease) "
                + "RETURN count(r) AS n, min(r.rank) AS minRank, max(r.percentile) AS maxP, "
                + "collect(DISTINCT r.modelVersion) AS versions", Map.of());
        long n = (Long) rows.get(0).get("n");
        assertTrue(n >= 3 * 14, "written: " + n);
        assertEquals(1L, rows.get(0).get("minRank"));
        assertEquals(List.of(predictor.model().version()), rows.get(0).get("versions"));
        // none of them is a known treatment
        assertEquals(0L, store.read("MATCH (c)-[:PREDICTS_CtD]->(d) WHERE (c)-[:TREATS_CtD]->(d) RETURN count(*) AS n",
                Map.of()).get(0).get("n"));
        // and projecting again does not read them
        assertTrue(Projector.types(store, List.of()).stream().noneMatch(t -> t.startsWith("PREDICTS_")));
    }

    @Test
    void saveAndLoadGiveIdenticalScores() throws Exception {
        assertTrue(java.nio.file.Files.isRegularFile(config.modelDirectory().resolve(Ranking.FILE)));
        LinkPredictor loaded = LinkPredictor.load(store, config);
        // the saved scores are served as they were, for every pair
        assertArrayEquals(predictor.ranking().linear, loaded.ranking().linear, 0);
        assertArrayEquals(predictor.ranking().known, loaded.ranking().known);
        // and the graph projected again gives the same scores (no hidden dependence on the saved ones)
        LinkPredictor rescored = LinkPredictor.restore(Projector.project(store, Projector.types(store, List.of())),
                ModelStore.read(config.modelDirectory()), config.modelDirectory());
        assertArrayEquals(predictor.ranking().linear, rescored.ranking().linear, 0);
        assertEquals(predictor.model().version(), loaded.model().version());
        assertEquals(predictor.model().features(), loaded.model().features());
        for (String d : List.of("DOID:1", "DOID:S0", "DOID:S5")) {
            assertEquals(predictor.candidatesForDisease(d, 20, false), loaded.candidatesForDisease(d, 20, false));
        }
        assertEquals(predictor.explain("DBS3", "DOID:S2"), loaded.explain("DBS3", "DOID:S2"));
        // the loaded model builds its path stats in the background; explanations stay the same with them
        assertTrue(loaded.awaitPathStats().entries() > 0);
        for (String drug : List.of("C1", "DBS3", "DBS17")) {
            for (String disease : List.of("DOID:1", "DOID:S2", "DOID:S7")) {
                assertEquals(predictor.explain(drug, disease, 3, LinkPredictor.PathWalk.SESSION_6),
                        loaded.explain(drug, disease, 3), drug + " " + disease);
            }
        }
    }

    @Test
    void inProjectFastRpIsSeededAndCloseNodesAreSimilar() {
        int s = graph.kind("Compound");
        int t = graph.kind("Disease");
        Embeddings a = Embeddings.fastRp(graph, s, t, 16, 3);
        Embeddings b = Embeddings.fastRp(graph, s, t, 16, 3);
        Embeddings c = Embeddings.fastRp(graph, s, t, 16, 4);
        assertArrayEquals(a.sources()[5], b.sources()[5]);
        assertFalse(java.util.Arrays.equals(a.sources()[5], c.sources()[5]));
        assertNotEquals(0f, a.targets()[0][0] * a.targets()[0][0] + a.targets()[0][1] * a.targets()[0][1]);
    }

    @Test
    void crossValidationIsSeededAndReportsEveryBaseline() {
        int s = graph.kind("Compound");
        int t = graph.kind("Disease");
        Embeddings emb = Embeddings.fastRp(graph.withoutTypes(Set.of("TREATS_CtD")), s, t, 8, 42L);
        CrossValidation.Result a = CrossValidation.run(graph, emb, config);
        CrossValidation.Result b = CrossValidation.run(graph, emb, config);
        assertEquals(CrossValidation.MODELS.keySet(), a.models().keySet());
        for (String m : a.models().keySet()) {
            CrossValidation.ModelResult x = a.models().get(m);
            CrossValidation.ModelResult y = b.models().get(m);
            assertArrayEquals(x.auroc(), y.auroc(), 0, m);
            assertArrayEquals(x.mrr(), y.mrr(), 0, m);
            for (double v : x.auroc()) {
                assertTrue(v >= 0 && v <= 1, m + " AUROC " + v);
            }
        }
        // the planted signal (shared genes) is visible to DWPC: better than chance on held-out treatments
        CrossValidation.ModelResult dwpc = a.models().get("DWPC only");
        assertTrue(dwpc.mean(dwpc.auroc()) > 0.7, "DWPC-only AUROC " + dwpc.mean(dwpc.auroc()));
    }

    @Test
    void scoreHistogramIsWritten() throws Exception {
        java.nio.file.Path png = dir.resolve("scores.png");
        Plots.histogram(png, "t", "x", new double[]{-3, -2, -2, 0, 1, 4}, new boolean[]{false, false, false, true,
                false, true}, 10);
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(720, img.getWidth());
        assertEquals(500, img.getHeight());
    }

    @Test
    void metricsOnKnownRankings() {
        double[] scores = {0.9, 0.8, 0.7, 0.6};
        boolean[] labels = {true, false, true, false};
        assertEquals(0.75, Metrics.auroc(scores, labels), 1e-12);
        assertEquals((1 + 2.0 / 3) / 2, Metrics.auprc(scores, labels), 1e-12);
        // filtered rank: pair 2 (score .7) of source 0 with 4 targets; target 0 is another positive and is skipped
        boolean[] positive = {true, false, true, false};
        double[] r = CrossValidation.ranks(scores, new int[]{2}, positive, 4);
        assertEquals(1 / 2.0, r[0], 1e-12); // only target 1 (0.8) is better
        assertEquals(1.0, r[1], 1e-12);
    }

    @Test
    void cypherPathQueriesGiveTheSameDwpc() {
        List<Metapath> all = FeatureBuilder.metapaths(graph, config);
        Map<String, float[]> v = new Dwpc(graph, 0.4, "Compound", "Disease", 2).compute(all);
        int sk = graph.kind("Compound");
        int tk = graph.kind("Disease");
        int nt = graph.count(tk);
        String[][] pairs = {{"C1", "DOID:1"}, {"C1", "DOID:2"}, {"C3", "DOID:1"}, {"DBS2", "DOID:S4"}, {"DBS9", "DOID:S1"}};
        int nonZero = 0;
        for (Metapath m : all) {
            String q = LinkPredCli.cypherDwpc(m, 0.4);
            for (String[] p : pairs) {
                double cypher = ((Number) store.read(q, Map.of("c", p[0], "d", p[1])).get(0).get("dwpc")).doubleValue();
                double ours = v.get(m.name())[graph.node(sk, p[0]) * nt + graph.node(tk, p[1])];
                assertEquals(cypher, ours, 1e-6 * Math.max(1, cypher), m.name() + " " + p[0] + " " + p[1] + ": " + q);
                if (cypher > 0) {
                    nonZero++;
                }
            }
        }
        assertTrue(nonZero >= 10, "non-zero values compared: " + nonZero);
    }

    @Test
    void externalValidationCountsOnlyNewKnownPairs() throws Exception {
        // one new pair, one training treatment (ignored), one unknown id
        java.nio.file.Path tsv = dir.resolve("external.tsv");
        java.nio.file.Files.writeString(tsv, "# drug\tdisease\nC3\tDOID:2\nC1\tDOID:1\nDB99999\tDOID:1\n");
        int s = graph.kind("Compound");
        int t = graph.kind("Disease");
        Embeddings emb = Embeddings.fastRp(graph.withoutTypes(Set.of("TREATS_CtD")), s, t, 8, 42L);
        String report = LinkPredCli.external(graph, emb, config, tsv);
        assertTrue(report.contains("3 lines, 1 unknown ids, 1 new positive pairs"), report);
        double[] r = CrossValidation.external(new double[]{0.9, 0.1, 0.5, 0.2}, Set.of(0), new boolean[]{false, false, true, false});
        assertEquals(1.0, r[0], 1e-12); // the new positive outranks every non-training pair
        assertEquals(1.0, r[1], 1e-12);
    }
}
