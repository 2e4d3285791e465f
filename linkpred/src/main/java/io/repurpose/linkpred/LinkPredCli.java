package io.repurpose.linkpred;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import io.repurpose.graph.GraphConfig;
import io.repurpose.graph.GraphStore;
import io.repurpose.graph.HetionetImporter;

/**
 * Command line: {@code train}, {@code evaluate} (leakage-free CV with baselines, plots, optional external
 * validation TSV) and {@code bench} (pipeline timing, DWPC vs Cypher path queries). Opens the embedded
 * Neo4j under {@code --home} (importing Hetionet from {@code --data} into a fresh one) or an external
 * server with {@code --uri}.
 *
 * <pre>
 * LinkPredCli train    --home DIR [--data DIR] [--model DIR] [--embeddings AUTO|GDS|IN_PROJECT|NONE] [--seed N]
 * LinkPredCli evaluate --home DIR [--out DIR] [--external pairs.tsv] [--embeddings ...] [--seed N] [--folds 0,1] [--negatives 50]
 * LinkPredCli bench    --home DIR [--pairs 100]
 * LinkPredCli load     --home DIR [--model DIR]   (load a saved model, print load time and query latency)
 * LinkPredCli dwpc-scipy --home DIR | --from-export DIR [--reps 3] [--export linkpred/target/dwpc-export] [--script linkpred/bench/dwpc_scipy.py]
 *             (DWPC feature set: ours cold/warm against the scipy script on the same exported graph, same run)
 * LinkPredCli explain-bench --home DIR --model DIR [--pairs 600]   (explain latency: top-k vs every path, same run)
 * LinkPredCli explain-pairs --home DIR --model DIR --pairs-file FILE [--rounds 5] [--compare-unbuffered true]
 *             [--compare-source-side true] [--compare-session-6 true] [--compare-without-stats true]
 *             (CPU time of explain per pair of a tab-separated drug/disease list, and a digest of the answers)
 * </pre>
 */
public final class LinkPredCli {
    private LinkPredCli() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: LinkPredCli train|evaluate|bench --home DIR [options]");
            System.exit(2);
        }
        Map<String, String> opt = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            opt.put(args[i].substring(2), args[i + 1]);
        }
        LinkPredConfig config = LinkPredConfig.defaults()
                .withSeed(Long.parseLong(opt.getOrDefault("seed", "42")))
                .withEmbeddings(LinkPredConfig.EmbeddingSource.valueOf(opt.getOrDefault("embeddings", "AUTO")))
                .withModelDirectory(Path.of(opt.getOrDefault("model", LinkPredConfig.DEFAULT_MODEL_DIRECTORY.toString())));
        if (opt.containsKey("negatives")) {
            LinkPredConfig c = config;
            config = new LinkPredConfig(c.modelDirectory(), c.seed(), c.damping(), c.minMetapathLength(),
                    c.maxMetapathLength(), c.relationshipTypes(), c.treatsType(), c.embeddings(), c.embeddingDimension(),
                    Integer.parseInt(opt.get("negatives")), c.epochs(), c.learningRate(), c.minibatchSize(),
                    c.writeTopPerDrug(), c.writeTopPerDisease(), c.folds());
        }
        PrintStream out = System.out;
        if (args[0].equals("dwpc-scipy") && opt.containsKey("from-export")) { // no Neo4j needed
            dwpcAgainstScipy(readExport(Path.of(opt.get("from-export"))), config,
                    Path.of(opt.getOrDefault("export", "linkpred/target/dwpc-export")),
                    Path.of(opt.getOrDefault("script", "linkpred/bench/dwpc_scipy.py")),
                    Integer.parseInt(opt.getOrDefault("reps", "3")), out);
            return;
        }
        try (GraphStore store = open(opt, out)) {
            switch (args[0]) {
                case "train" -> train(store, config, out);
                case "evaluate" -> evaluate(store, config, opt, out);
                case "bench" -> bench(store, config, opt, out);
                case "dwpc" -> {
                    HetGraph g = Projector.project(store, Projector.types(store, config.relationshipTypes()));
                    dwpcTimings(g, config, Integer.parseInt(opt.getOrDefault("reps", "5")), out);
                }
                case "tune" -> {
                    HetGraph g = Projector.project(store, Projector.types(store, config.relationshipTypes()));
                    Embeddings emb = LinkPredictor.embed(store, g, config);
                    List<Integer> folds = new ArrayList<>();
                    for (String f : opt.getOrDefault("folds", "0,1,2,3,4").split(",")) {
                        folds.add(Integer.parseInt(f.trim()));
                    }
                    Tuning.run(g, emb, config, folds, opt.getOrDefault("variants", "features"),
                            Integer.parseInt(opt.getOrDefault("parts", "1")), out);
                }
                case "dwpc-scipy" -> {
                    HetGraph g = Projector.project(store, Projector.types(store, config.relationshipTypes()));
                    dwpcAgainstScipy(g, config, Path.of(opt.getOrDefault("export", "linkpred/target/dwpc-export")),
                            Path.of(opt.getOrDefault("script", "linkpred/bench/dwpc_scipy.py")),
                            Integer.parseInt(opt.getOrDefault("reps", "3")), out);
                }
                case "explain-bench" -> explainBench(LinkPredictor.load(store, config),
                        Integer.parseInt(opt.getOrDefault("pairs", "600")), config.seed(), out);
                case "explain-pairs" -> explainPairs(LinkPredictor.load(store, config),
                        Files.readAllLines(Path.of(opt.get("pairs-file"))),
                        Integer.parseInt(opt.getOrDefault("rounds", "5")),
                        Compare.of(opt), out);
                case "load" -> {
                    long t0 = System.nanoTime();
                    LinkPredictor p = LinkPredictor.load(store, config);
                    out.printf(Locale.ROOT, "loaded %s from %s in %.2f s (candidates served from here)%n",
                            p.model().version(), config.modelDirectory(), (System.nanoTime() - t0) / 1e9);
                    List<Candidate> first = p.candidatesForDisease(p.ranking().targetIds[0], 20, true);
                    out.printf(Locale.ROOT, "first candidate list (%d rows) at %.2f s%n", first.size(),
                            (System.nanoTime() - t0) / 1e9);
                    p.explain(first.get(0).drugId(), first.get(0).diseaseId());
                    out.printf(Locale.ROOT, "first explanation (graph projected and features built in the "
                            + "background) at %.1f s%n", (System.nanoTime() - t0) / 1e9);
                    queryTimings(p, out);
                }
                default -> throw new IllegalArgumentException("unknown command " + args[0]);
            }
        }
    }

    static GraphStore open(Map<String, String> opt, PrintStream out) {
        if (opt.containsKey("uri")) {
            return GraphStore.open(GraphConfig.external(opt.get("uri"), opt.getOrDefault("user", "neo4j"),
                    opt.getOrDefault("password", "")));
        }
        Path home = Path.of(opt.getOrDefault("home", "data/neo4j"));
        GraphConfig config = new GraphConfig(null, "neo4j", opt.getOrDefault("password", "linkpred-password"), null,
                home, 0, 0, opt.getOrDefault("server-heap", "2g"), opt.getOrDefault("page-cache", "1g"),
                Duration.ofSeconds(300));
        if (HetionetImporter.databaseExists(config)) {
            return GraphStore.open(config);
        }
        Path data = Path.of(opt.getOrDefault("data", System.getProperty("repurpose.shared.data", "../shared/data")));
        out.println("importing Hetionet from " + data + " into " + home);
        return HetionetImporter.bulkImport(config, data.resolve("hetionet/hetionet-v1.0-nodes.tsv"),
                data.resolve("hetionet/hetionet-v1.0-edges-19of24.sif.gz"),
                HetionetImporter.Options.defaults(out)).store();
    }

    static void train(GraphStore store, LinkPredConfig config, PrintStream out) {
        long t0 = System.nanoTime();
        LinkPredictor p = LinkPredictor.train(store, config);
        out.printf(Locale.ROOT, "trained %s in %.1f s; saved to %s%n", p.model().version(),
                (System.nanoTime() - t0) / 1e9, config.modelDirectory().toAbsolutePath());
        out.println("metrics: " + p.model().metrics());
        queryTimings(p, out);
    }

    /**
     * CPU time of {@link LinkPredictor#explain} for each listed pair (drug, tab, disease per line): the fastest
     * of {@code rounds} (this thread's CPU time, so that other processes on the machine add little), with the
     * percentiles over the pairs, the costliest pairs, the bytes allocated, and a digest of every answer (metapaths,
     * nodes, path-degree products, contributions, other paths, features: equal digests mean equal explanations).
     */
    static void explainPairs(LinkPredictor p, List<String> lines, int rounds, Compare against, PrintStream out) {
        boolean compare = against != Compare.NONE; // every way gives the same answer, bit for bit: checked
        String other = against.what;
        List<String[]> pairs = new ArrayList<>();
        for (String line : lines) {
            if (!line.isBlank()) {
                pairs.add(line.trim().split("\t"));
            }
        }
        long w0 = System.nanoTime();
        p.explain(pairs.get(0)[0], pairs.get(0)[1]);
        out.printf(Locale.ROOT, "explanation graph ready after %.1f s; %s%n", secs(w0), load());
        PathStats stats = p.awaitPathStats();
        out.printf(Locale.ROOT, "path stats ready after %.1f s (%,d pairs with paths); %s%n", secs(w0),
                stats.entries(), load());
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        double[] best = new double[pairs.size()];
        java.util.Arrays.fill(best, Double.MAX_VALUE);
        long[] paths = new long[pairs.size()];
        double[] unbuffered = compare ? new double[pairs.size()] : null;
        if (compare) {
            java.util.Arrays.fill(unbuffered, Double.MAX_VALUE);
        }
        long bytes = 0;
        java.security.MessageDigest digest;
        try {
            digest = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (int r = 0; r < rounds + 1; r++) { // round 0 warms up
            for (int i = 0; i < pairs.size(); i++) {
                boolean unbufferedFirst = (r + i) % 2 == 0;
                if (unbuffered != null && unbufferedFirst) {
                    unbuffered[i] = Math.min(unbuffered[i], otherMillis(p, pairs.get(i), mx, against, null));
                }
                long b0 = mx.getCurrentThreadAllocatedBytes();
                long t0 = mx.getCurrentThreadCpuTime();
                Explanation e = p.explain(pairs.get(i)[0], pairs.get(i)[1]);
                long t = mx.getCurrentThreadCpuTime() - t0;
                if (unbuffered != null && !unbufferedFirst) { // the same pair without the path buffer, alternating
                    unbuffered[i] = Math.min(unbuffered[i], otherMillis(p, pairs.get(i), mx, against, null));
                }
                if (compare && r == 1) { // the same answer, bit for bit
                    otherMillis(p, pairs.get(i), mx, against, e);
                }
                if (r == 0) {
                    continue;
                }
                bytes += mx.getCurrentThreadAllocatedBytes() - b0;
                best[i] = Math.min(best[i], t / 1e6);
                paths[i] = e.paths().size() + e.otherPaths();
                if (r == 1) {
                    StringBuilder sb = new StringBuilder();
                    for (Explanation.PathContribution pc : e.paths()) {
                        sb.append(pc.metapath()).append(pc.nodes()).append(pc.edges())
                                .append(Double.doubleToLongBits(pc.pathDegreeProduct())).append(',')
                                .append(Double.doubleToLongBits(pc.contribution())).append(';');
                    }
                    sb.append(e.otherPaths()).append(',').append(Double.doubleToLongBits(e.otherPathsContribution()))
                            .append(e.features()).append(Double.doubleToLongBits(e.linearScore())).append('\n');
                    digest.update(sb.toString().getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        double[] sorted = best.clone();
        java.util.Arrays.sort(sorted);
        double sum = java.util.Arrays.stream(best).sum();
        out.printf(Locale.ROOT, "explain CPU per pair over %d pairs (fastest of %d rounds): mean %.3f ms, p50 %.3f, "
                        + "p90 %.3f, p99 %.3f, max %.3f; %.0f kB allocated per explanation; %s%n", pairs.size(), rounds,
                sum / best.length, pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), sorted[sorted.length - 1],
                bytes / 1e3 / rounds / pairs.size(), load());
        Integer[] idx = new Integer[best.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(best[b], best[a]));
        for (int i = 0; i < Math.min(10, idx.length); i++) {
            int j = idx[i];
            out.printf(Locale.ROOT, "  %-9s %-11s %7.3f ms  %,d paths%n", pairs.get(j)[0], pairs.get(j)[1], best[j],
                    paths[j]);
        }
        if (compare) {
            double u = java.util.Arrays.stream(unbuffered).sum();
            double[] us = unbuffered.clone();
            java.util.Arrays.sort(us);
            out.printf(Locale.ROOT, "  same pairs %s, alternating: mean %.3f ms, p50 %.3f, "
                    + "p90 %.3f, p99 %.3f, max %.3f (default / that: %.3f)%s%n", other, u / us.length, pct(us, 50),
                    pct(us, 90), pct(us, 99), us[us.length - 1], sum / u,
                    compare ? "; every answer equal to the default's" : "");
        }
        Map<String, double[]> byDisease = new LinkedHashMap<>(); // {sum, count}
        for (int i = 0; i < best.length; i++) {
            double[] a = byDisease.computeIfAbsent(pairs.get(i)[1], d -> new double[2]);
            a[0] += best[i];
            a[1]++;
        }
        out.print("  mean per disease:");
        byDisease.forEach((d, a) -> out.printf(Locale.ROOT, " %s %.2f", d, a[0] / a[1]));
        out.println();
        out.printf(Locale.ROOT, "answers digest %s%n", java.util.HexFormat.of().formatHex(digest.digest()));
    }

    /** What {@code explain-pairs} runs each pair against, alternating with the default explanation. */
    enum Compare {
        NONE("", null),
        UNBUFFERED("without the path buffer", LinkPredictor.PathWalk.DEFAULT.withBuffered(0)),
        SOURCE_SIDE("every path of every metapath enumerated, from the source (session 5)",
                new LinkPredictor.PathWalk(LinkPredictor.TopCollector.BUFFERED, Dwpc.Direction.SOURCE, false, false,
                        false)),
        SESSION_6("metapaths walked in feature order, counted by walking (session 6)",
                LinkPredictor.PathWalk.SESSION_6),
        WITHOUT_STATS("the path stats not used (largest part first, counted by walking)",
                new LinkPredictor.PathWalk(LinkPredictor.TopCollector.BUFFERED, Dwpc.Direction.CHEAPER, true, true,
                        false));

        final String what;
        final LinkPredictor.PathWalk walk;

        Compare(String what, LinkPredictor.PathWalk walk) {
            this.what = what;
            this.walk = walk;
        }

        static Compare of(Map<String, String> opt) {
            for (Compare c : values()) {
                if (c != NONE && Boolean.parseBoolean(opt.getOrDefault("compare-"
                        + c.name().toLowerCase(Locale.ROOT).replace('_', '-'), "false"))) {
                    return c;
                }
            }
            return NONE;
        }
    }

    /**
     * CPU milliseconds of the pair explained the {@code against} way; fails when {@code expected} is given and the
     * answer differs from it.
     */
    private static double otherMillis(LinkPredictor p, String[] pair, java.lang.management.ThreadMXBean mx,
                                      Compare against, Explanation expected) {
        long u0 = mx.getCurrentThreadCpuTime();
        Explanation e = p.explain(pair[0], pair[1], LinkPredictor.DEFAULT_EXPLAIN_PATHS, against.walk);
        double ms = (mx.getCurrentThreadCpuTime() - u0) / 1e6;
        if (expected != null && !expected.equals(e)) {
            throw new IllegalStateException("answers differ for " + pair[0] + " " + pair[1]);
        }
        return ms;
    }

    /** Latency of the in-memory queries the API serves. */
    static void queryTimings(LinkPredictor p, PrintStream out) {
        String[] drugs = p.ranking().sourceIds;
        String[] diseases = p.ranking().targetIds;
        for (int warm = 0; warm < 2; warm++) {
            long q0 = System.nanoTime();
            int n = 0;
            for (int i = 0; i < 2000; i++) {
                n += p.candidatesForDisease(diseases[i % diseases.length], 20, true).size();
                n += p.candidatesForDrug(drugs[(i * 7) % drugs.length], 20, true).size();
            }
            double perQuery = (System.nanoTime() - q0) / 1e6 / 4000;
            long e0 = System.nanoTime();
            int paths = 0;
            for (int i = 0; i < 20; i++) {
                paths += p.explain(drugs[(i * 31) % drugs.length], diseases[(i * 11) % diseases.length]).paths().size();
            }
            double perExplain = (System.nanoTime() - e0) / 1e6 / 20;
            out.printf(Locale.ROOT, "%s: top-20 candidates %.3f ms per query (%d rows); explain %.1f ms per pair (%d paths)%n",
                    warm == 0 ? "cold" : "warm", perQuery, n, perExplain, paths);
        }
    }

    /**
     * Explanation latency over {@code pairs} varied pairs (a third top candidates of random diseases, a third
     * known treatments, a third random pairs; seeded): the top-k explanation and the session-2 one (every path
     * materialised, then sorted) alternately on each pair, in the same JVM, after a warm-up on other pairs;
     * checks that both list the same paths. Prints percentiles and the bytes allocated per explanation.
     */
    static void explainBench(LinkPredictor p, int pairs, long seed, PrintStream out) {
        long w0 = System.nanoTime();
        String[] drugs = p.ranking().sourceIds;
        String[] diseases = p.ranking().targetIds;
        p.explain(drugs[0], diseases[0]);
        out.printf(Locale.ROOT, "explanation graph ready after %.1f s; %s%n", secs(w0), load());
        SplittableRandom r = new SplittableRandom(seed);
        List<String[]> known = new ArrayList<>();
        for (String d : diseases) {
            for (Candidate c : p.candidatesForDisease(d, 1000, false)) {
                if (c.known()) {
                    known.add(new String[]{c.drugId(), d});
                }
            }
        }
        List<String[]> sample = new ArrayList<>();
        for (int i = 0; i < pairs + 100; i++) {
            switch (i % 3) {
                case 0 -> {
                    String d = diseases[r.nextInt(diseases.length)];
                    List<Candidate> top = p.candidatesForDisease(d, 10, true);
                    sample.add(new String[]{top.get(r.nextInt(top.size())).drugId(), d});
                }
                case 1 -> sample.add(known.get(r.nextInt(known.size())));
                default -> sample.add(new String[]{drugs[r.nextInt(drugs.length)], diseases[r.nextInt(diseases.length)]});
            }
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        for (int i = pairs; i < pairs + 100; i++) { // warm-up on pairs not measured
            p.explain(sample.get(i)[0], sample.get(i)[1]);
            p.explainAllPaths(sample.get(i)[0], sample.get(i)[1], LinkPredictor.DEFAULT_EXPLAIN_PATHS);
        }
        double[][] ms = new double[2][pairs];
        long[] bytes = new long[2];
        long totalPaths = 0;
        int mismatches = 0;
        for (int i = 0; i < pairs; i++) {
            String[] pr = sample.get(i);
            Explanation[] e = new Explanation[2];
            for (int j = 0; j < 2; j++) {
                int v = (i + j) % 2; // alternate which goes first
                long b0 = mx.getThreadAllocatedBytes(tid);
                long t0 = System.nanoTime();
                e[v] = v == 0 ? p.explainAllPaths(pr[0], pr[1], LinkPredictor.DEFAULT_EXPLAIN_PATHS)
                        : p.explain(pr[0], pr[1]);
                ms[v][i] = (System.nanoTime() - t0) / 1e6;
                bytes[v] += mx.getThreadAllocatedBytes(tid) - b0;
            }
            totalPaths += e[0].paths().size() + e[0].otherPaths();
            if (!e[0].paths().stream().map(x -> x.nodes()).toList()
                    .equals(e[1].paths().stream().map(x -> x.nodes()).toList())
                    || e[0].otherPaths() != e[1].otherPaths()
                    || Math.abs(e[0].total() - e[1].total()) > 1e-9) {
                mismatches++;
            }
        }
        out.printf(Locale.ROOT, "explain latency over %d pairs (%.0f paths per pair on average), %d listed, same JVM, "
                + "alternating; %s%n", pairs, (double) totalPaths / pairs, LinkPredictor.DEFAULT_EXPLAIN_PATHS, load());
        String[] label = {"every path materialised (session 2)", "bounded top-k (now)"};
        for (int v = 0; v < 2; v++) {
            double[] x = ms[v].clone();
            java.util.Arrays.sort(x);
            out.printf(Locale.ROOT, "  %-36s p50 %7.2f ms  p90 %7.2f  p99 %7.2f  max %7.2f  mean %7.2f; %.2f MB "
                            + "allocated per explanation%n", label[v], pct(x, 50), pct(x, 90), pct(x, 99), x[x.length - 1],
                    java.util.Arrays.stream(x).average().orElse(0), bytes[v] / 1e6 / pairs);
        }
        out.printf(Locale.ROOT, "  pairs whose listed paths differ: %d%n", mismatches);
    }

    /**
     * Exports the projection to {@code dir} (graph.tsv + int32 edge files), then {@code reps} times: the
     * scipy script (its own cold and warm timings, printed by it), ours cold (a cold copy of the graph: CSR
     * and weights built inside the timing) and ours warm (the same {@link Dwpc} again: weights cached, JIT
     * warm), with 1 and 2 threads; checks that the scipy values equal ours.
     */
    static void dwpcAgainstScipy(HetGraph g, LinkPredConfig config, Path dir, Path script, int reps, PrintStream out)
            throws IOException, InterruptedException {
        List<Metapath> metapaths = FeatureBuilder.metapaths(g, config);
        exportForScipy(g, metapaths, config.damping(), dir);
        int ns = g.count(g.kind(FeatureBuilder.SOURCE));
        int nt = g.count(g.kind(FeatureBuilder.TARGET));
        out.printf(Locale.ROOT, "graph exported to %s: %d edges, %d metapaths x %d pairs; %s%n", dir, g.edgeCount(),
                metapaths.size(), ns * nt, load());
        String[] labels = {"scipy cold", "scipy warm", "ours cold 1 thread", "ours warm 1 thread",
                "ours cold 2 threads", "ours warm 2 threads"};
        double[][] t = new double[labels.length][reps]; // wall seconds
        double[][] cpu = new double[labels.length][reps]; // process CPU seconds
        Map<String, float[]> ours = null;
        for (int r = 0; r < reps; r++) {
            Process py = new ProcessBuilder("python3", script.toString(), dir.toString(), "--reps", "1")
                    .redirectErrorStream(true).start();
            String text = new String(py.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (py.waitFor() != 0 || !text.contains("SCIPY ")) {
                throw new IllegalStateException("scipy script failed: " + text);
            }
            String line = text.substring(text.indexOf("SCIPY "));
            t[0][r] = Double.parseDouble(line.replaceAll("(?s).* cold=([0-9.]+).*", "$1"));
            t[1][r] = Double.parseDouble(line.replaceAll("(?s).* warm=([0-9.]+).*", "$1"));
            cpu[0][r] = Double.parseDouble(line.replaceAll("(?s).*cpu_cold=([0-9.]+).*", "$1"));
            cpu[1][r] = Double.parseDouble(line.replaceAll("(?s).*cpu_warm=([0-9.]+).*", "$1"));
            for (int threads = 1; threads <= 2; threads++) {
                HetGraph cold = g.coldCopy();
                System.gc();
                long p0 = processCpu();
                long c0 = System.nanoTime();
                Dwpc d = new Dwpc(cold, config.damping(), FeatureBuilder.SOURCE, FeatureBuilder.TARGET, threads);
                Map<String, float[]> v = d.compute(metapaths);
                t[2 * threads][r] = secs(c0);
                cpu[2 * threads][r] = (processCpu() - p0) / 1e9;
                long p1 = processCpu();
                long w0 = System.nanoTime();
                d.compute(metapaths);
                t[2 * threads + 1][r] = secs(w0);
                cpu[2 * threads + 1][r] = (processCpu() - p1) / 1e9;
                ours = v;
            }
            out.printf(Locale.ROOT, "  rep %d (wall / CPU s): scipy cold %.3f / %.3f, warm %.3f / %.3f; ours 1 thread "
                            + "cold %.3f / %.3f, warm %.3f / %.3f; 2 threads cold %.3f / %.3f, warm %.3f / %.3f; %s%n",
                    r + 1, t[0][r], cpu[0][r], t[1][r], cpu[1][r], t[2][r], cpu[2][r], t[3][r], cpu[3][r], t[4][r],
                    cpu[4][r], t[5][r], cpu[5][r], load());
        }
        // scipy's values against ours, relative to each metapath's largest value (sums run in other orders)
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(Files.readAllBytes(dir.resolve("scipy-dwpc.bin")))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        double maxRel = 0;
        long nonZero = 0;
        long zeroMismatch = 0;
        for (Metapath m : metapaths) {
            float[] x = ours.get(m.name());
            float[] y = new float[x.length];
            buf.asFloatBuffer().get(y);
            buf.position(buf.position() + 4 * x.length);
            double scale = 0;
            for (float v : x) {
                scale = Math.max(scale, v);
            }
            for (int i = 0; i < x.length; i++) {
                if (x[i] != 0 || y[i] != 0) {
                    nonZero++;
                    if ((x[i] == 0) != (y[i] == 0)) {
                        zeroMismatch++;
                    }
                    maxRel = Math.max(maxRel, Math.abs(x[i] - y[i]) / scale);
                }
            }
        }
        out.printf(Locale.ROOT, "values: %d non-zero, max difference %.1e of the metapath's largest value, %d pairs "
                + "zero in one and not the other%n", nonZero, maxRel, zeroMismatch);
        for (int i = 0; i < labels.length; i++) {
            out.printf(Locale.ROOT, "  %-20s wall best %.3f s, mean %.3f s; CPU best %.3f s over %d%n", labels[i],
                    min(t[i]), java.util.Arrays.stream(t[i]).average().orElse(0), min(cpu[i]), reps);
        }
        for (int threads = 1; threads <= 2; threads++) {
            out.printf(Locale.ROOT, "  speed-up over scipy, %d thread%s (best/best): wall cold %.2fx, warm %.2fx; "
                            + "CPU cold %.2fx, warm %.2fx%n", threads, threads == 1 ? "" : "s",
                    min(t[0]) / min(t[2 * threads]), min(t[1]) / min(t[2 * threads + 1]),
                    min(cpu[0]) / min(cpu[2 * threads]), min(cpu[1]) / min(cpu[2 * threads + 1]));
        }
    }

    private static double min(double[] xs) {
        return java.util.Arrays.stream(xs).min().orElse(Double.NaN);
    }

    /** CPU time of this JVM (every thread, GC and JIT included), ns. */
    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** graph.tsv (kinds, edge types, metapaths, damping) and one int32 file per edge type (sources, then targets). */
    static void exportForScipy(HetGraph g, List<Metapath> metapaths, double damping, Path dir) throws IOException {
        Files.createDirectories(dir);
        StringBuilder tsv = new StringBuilder();
        for (int k = 0; k < g.kinds.size(); k++) {
            tsv.append("kind\t").append(g.kinds.get(k)).append('\t').append(g.count(k)).append('\n');
        }
        int i = 0;
        for (HetGraph.EdgeType e : g.edgeTypes) {
            String file = "edges-" + (i++) + ".bin";
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 * e.size()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (int v : e.src) {
                b.putInt(v);
            }
            for (int v : e.dst) {
                b.putInt(v);
            }
            Files.write(dir.resolve(file), b.array());
            tsv.append("edges\t").append(e.name()).append('\t').append(e.source).append('\t').append(e.target)
                    .append('\t').append(e.symmetric ? 1 : 0).append('\t').append(e.size()).append('\t').append(file)
                    .append('\n');
        }
        for (Metapath m : metapaths) {
            List<String> steps = new ArrayList<>();
            for (Metapath.Step s : m.steps()) {
                steps.add(s.edgeType(g).name() + "," + (s.forward() ? 1 : 0));
            }
            tsv.append("metapath\t").append(m.name()).append('\t').append(String.join(";", steps)).append('\n');
        }
        tsv.append("source\t").append(g.kind(FeatureBuilder.SOURCE)).append('\n');
        tsv.append("target\t").append(g.kind(FeatureBuilder.TARGET)).append('\n');
        tsv.append("damping\t").append(damping).append('\n');
        Files.writeString(dir.resolve("graph.tsv"), tsv);
    }

    /** A graph written by {@link #exportForScipy} (node ids are their dense indexes; no names, no documents). */
    static HetGraph readExport(Path dir) throws IOException {
        List<String> kinds = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        List<HetGraph.EdgeType> types = new ArrayList<>();
        List<String> lines = Files.readAllLines(dir.resolve("graph.tsv"));
        for (String line : lines) {
            String[] p = line.split("\t");
            if (p[0].equals("kind")) {
                kinds.add(p[1]);
                counts.add(Integer.parseInt(p[2]));
            }
        }
        String[][] ids = new String[kinds.size()][];
        for (int k = 0; k < ids.length; k++) {
            ids[k] = new String[counts.get(k)];
            for (int i = 0; i < ids[k].length; i++) {
                ids[k][i] = kinds.get(k) + ":" + i;
            }
        }
        for (String line : lines) {
            String[] p = line.split("\t");
            if (!p[0].equals("edges")) {
                continue;
            }
            int s = Integer.parseInt(p[2]);
            int t = Integer.parseInt(p[3]);
            int n = Integer.parseInt(p[5]);
            java.nio.IntBuffer b = java.nio.ByteBuffer.wrap(Files.readAllBytes(dir.resolve(p[6])))
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN).asIntBuffer();
            int[] src = new int[n];
            int[] dst = new int[n];
            b.get(src);
            b.get(dst);
            types.add(HetGraph.EdgeType.create(p[1].substring(0, p[1].indexOf('/')), kinds.get(s), kinds.get(t), s, t,
                    counts.get(s), counts.get(t), src, dst, null));
        }
        return new HetGraph(kinds, ids, ids, types);
    }

    /** The q-th percentile (nearest rank) of sorted values. */
    static double pct(double[] sorted, double q) {
        int i = (int) Math.ceil(q / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    static void evaluate(GraphStore store, LinkPredConfig config, Map<String, String> opt, PrintStream out)
            throws IOException {
        Path dir = Path.of(opt.getOrDefault("out", "target/linkpred-eval"));
        Files.createDirectories(dir);
        HetGraph g = Projector.project(store, Projector.types(store, config.relationshipTypes()));
        Embeddings emb = LinkPredictor.embed(store, g, config);
        List<Integer> testFolds = new ArrayList<>();
        for (String f : opt.getOrDefault("folds", "").split(",")) {
            if (!f.isBlank()) {
                testFolds.add(Integer.parseInt(f.trim()));
            }
        }
        CrossValidation.Result r = testFolds.isEmpty() ? CrossValidation.run(g, emb, config)
                : CrossValidation.run(g, emb, config, testFolds);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d-fold CV, test folds %s, seed %d, %d treats edges, %d metapaths, "
                        + "%d features, embeddings: %s, %.1f s%n", r.folds(), r.testFolds(), r.seed(), r.positives(),
                r.metapaths(), r.features(), r.embeddingSource(), r.seconds()));
        sb.append(String.format(Locale.ROOT, "%-34s %8s %8s %8s %8s%n", "model", "AUROC", "AUPRC", "MRR", "Hits@10"));
        List<Plots.Curve> roc = new ArrayList<>();
        List<Plots.Curve> pr = new ArrayList<>();
        for (CrossValidation.ModelResult m : r.models().values()) {
            if (m.pooledScores().isEmpty()) {
                continue;
            }
            sb.append(String.format(Locale.ROOT, "%-34s %8.4f %8.4f %8.4f %8.4f   per fold AUROC %s AUPRC %s%n",
                    m.model(), m.mean(m.auroc()), m.mean(m.auprc()), m.mean(m.mrr()), m.mean(m.hits10()),
                    perFold(m.auroc()), perFold(m.auprc())));
            double[] s = Plots.concat(m.pooledScores())[0];
            boolean[] l = Plots.concatLabels(m.pooledLabels());
            roc.add(new Plots.Curve(String.format(Locale.ROOT, "%s (%.3f)", m.model(), m.mean(m.auroc())),
                    Metrics.roc(s, l)));
            pr.add(new Plots.Curve(String.format(Locale.ROOT, "%s (%.3f)", m.model(), m.mean(m.auprc())),
                    Metrics.pr(s, l)));
        }
        Plots.write(dir.resolve("roc.png"), "ROC, held-out treatments (pooled over folds)", "false positive rate",
                "true positive rate", roc, true);
        Plots.write(dir.resolve("pr.png"), "Precision-recall, held-out treatments (pooled)", "recall", "precision",
                pr, false);
        CrossValidation.ModelResult best = r.models().get("combined");
        if (best != null && !best.pooledScores().isEmpty()) {
            Plots.histogram(dir.resolve("scores.png"), "Held-out linear scores, combined model (pooled over folds)",
                    "linear score (logit)", Plots.concat(best.pooledScores())[0],
                    Plots.concatLabels(best.pooledLabels()), 60);
        }
        if (opt.containsKey("external")) {
            sb.append(external(g, emb, config, Path.of(opt.get("external"))));
        }
        out.print(sb);
        Files.writeString(dir.resolve("metrics.txt"), sb.toString(), StandardCharsets.UTF_8);
        out.println("wrote " + dir.resolve("metrics.txt") + ", roc.png, pr.png, scores.png");
    }

    private static String perFold(double[] xs) {
        StringBuilder sb = new StringBuilder();
        for (double x : xs) {
            sb.append(sb.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.4f", x));
        }
        return sb.toString();
    }

    /** External validation: the final model (trained on every treats edge) on pairs from a TSV. */
    static String external(HetGraph g, Embeddings emb, LinkPredConfig config, Path tsv) throws IOException {
        LinkPredictor p = LinkPredictor.fit(g, emb, config, List.of());
        int sk = g.kind(FeatureBuilder.SOURCE);
        int tk = g.kind(FeatureBuilder.TARGET);
        int nt = g.count(tk);
        boolean[] training = new boolean[g.count(sk) * nt];
        for (long k : FeatureBuilder.positives(g, config.treatsType())) {
            training[Splits.index(k, nt)] = true;
        }
        Set<Integer> pos = new HashSet<>();
        int lines = 0;
        int unknown = 0;
        for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            if (f.length < 2 || line.startsWith("#")) {
                continue;
            }
            lines++;
            int c = g.node(sk, f[0].trim());
            int d = g.node(tk, f[1].trim());
            if (c < 0 || d < 0) {
                unknown++;
                continue;
            }
            if (!training[c * nt + d]) {
                pos.add(c * nt + d);
            }
        }
        double[] model = new double[training.length];
        for (int c = 0; c < g.count(sk); c++) {
            for (int d = 0; d < nt; d++) {
                model[c * nt + d] = p.linearScore(c, d);
            }
        }
        double[] prior = CrossValidation.degreePrior(p.space(), config.treatsType(), g);
        double[] a = CrossValidation.external(model, pos, training);
        double[] b = CrossValidation.external(prior, pos, training);
        return String.format(Locale.ROOT, "external validation %s: %d lines, %d unknown ids, %d new positive pairs%n"
                        + "  final model  AUROC %.4f AUPRC %.4f%n  degree prior AUROC %.4f AUPRC %.4f%n",
                tsv, lines, unknown, pos.size(), a[0], a[1], b[0], b[1]);
    }

    static void bench(GraphStore store, LinkPredConfig config, Map<String, String> opt, PrintStream out) {
        Map<String, Double> t = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        List<String> types = Projector.types(store, config.relationshipTypes());
        HetGraph g = Projector.project(store, types);
        t.put("projection", secs(t0));
        out.printf(Locale.ROOT, "graph: %d edges of %d types%n", g.edgeCount(), types.size());
        long t1 = System.nanoTime();
        Embeddings emb = LinkPredictor.embed(store, g, config);
        t.put("embeddings (" + emb.source() + ")", secs(t1));
        long t2 = System.nanoTime();
        LinkPredictor p = LinkPredictor.fit(g, emb, config.withWriteBack(0, 0), types);
        t.put("DWPC (all variants) + training + scoring all pairs", secs(t2));
        double total = secs(t0);
        t.put("TOTAL pipeline", total);
        t.forEach((k, v) -> out.printf(Locale.ROOT, "  %-55s %8.2f s%n", k, v));
        out.printf(Locale.ROOT, "peak heap %.2f GB (max %.2f GB)%n", peakHeap() / 1e9,
                Runtime.getRuntime().maxMemory() / 1e9);

        // in-project FastRP for comparison
        long e0 = System.nanoTime();
        Embeddings.fastRp(g.withoutTypes(Set.of(config.treatsType())), g.kind(FeatureBuilder.SOURCE),
                g.kind(FeatureBuilder.TARGET), config.embeddingDimension(), config.seed());
        out.printf(Locale.ROOT, "in-project FastRP: %.2f s%n", secs(e0));

        List<Metapath> metapaths = FeatureBuilder.metapaths(g, config);
        dwpcTimings(g, config, 3, out);

        // Cypher path queries for the same DWPC values
        int pairs = Integer.parseInt(opt.getOrDefault("pairs", "100"));
        List<String> chosen = List.of("CbGaD", "CrCtD", "CtDrD", "CbGbCtD", "CpDpCtD", "CdGuD");
        List<Metapath> cm = metapaths.stream().filter(m -> chosen.contains(m.name())).toList();
        Dwpc dwpc = new Dwpc(g.coldCopy(), config.damping(), FeatureBuilder.SOURCE, FeatureBuilder.TARGET, 2);
        long o0 = System.nanoTime();
        Map<String, float[]> ours = dwpc.compute(cm);
        double oursSecs = secs(o0);
        SplittableRandom r = new SplittableRandom(config.seed());
        int sk = g.kind(FeatureBuilder.SOURCE);
        int tk = g.kind(FeatureBuilder.TARGET);
        int nt = g.count(tk);
        // half the pairs are known treatments (non-zero DWPC is likelier), half random
        long[] pos = FeatureBuilder.positives(g, config.treatsType());
        int[][] sample = new int[pairs][2];
        for (int i = 0; i < pairs; i++) {
            if (i % 2 == 0) {
                long k = pos[r.nextInt(pos.length)];
                sample[i] = new int[]{(int) (k >>> 32), (int) k};
            } else {
                sample[i] = new int[]{r.nextInt(g.count(sk)), r.nextInt(nt)};
            }
        }
        double maxRel = 0;
        int nonZero = 0;
        long c0 = System.nanoTime();
        for (Metapath m : cm) {
            String q = cypherDwpc(m, config.damping());
            for (int[] s : sample) {
                double v = ((Number) store.read(q, Map.of("c", g.ids[sk][s[0]], "d", g.ids[tk][s[1]]))
                        .get(0).get("dwpc")).doubleValue();
                double o = ours.get(m.name())[s[0] * nt + s[1]];
                if (v != 0 || o != 0) {
                    nonZero++;
                    maxRel = Math.max(maxRel, Math.abs(v - o) / Math.max(Math.abs(v), Math.abs(o)));
                }
            }
        }
        double cypherSecs = secs(c0);
        int queries = cm.size() * pairs;
        out.printf(Locale.ROOT, "DWPC vs Cypher, %d metapaths %s x %d pairs = %d values (%d non-zero): "
                        + "max relative difference %.2e%n", cm.size(), cm.stream().map(Metapath::name).toList(), pairs,
                queries, nonZero, maxRel);
        out.printf(Locale.ROOT, "  Cypher path queries: %.2f s for %d values (%.2f ms each)%n", cypherSecs, queries,
                1000 * cypherSecs / queries);
        out.printf(Locale.ROOT, "  sparse products: %.3f s for the same metapaths over ALL %d pairs (%d values)%n",
                oursSecs, g.count(sk) * nt, cm.size() * g.count(sk) * nt);
        out.printf(Locale.ROOT, "  ratio for the %d values alone: %.0fx faster; per value: %.0fx%n", queries,
                cypherSecs / oursSecs,
                (cypherSecs / queries) / (oursSecs / ((double) cm.size() * g.count(sk) * nt)));
        out.println("sample candidates: " + p.candidatesForDisease("DOID:1324", 5, true));
    }

    /**
     * One full DWPC feature set (every metapath × every pair), cold (CSR and weights built inside the timing),
     * {@code reps} times: the session-1 dense right-to-left products and the current sparse suffix products,
     * alternating in the same run; checks that both give the same values.
     */
    static void dwpcTimings(HetGraph g, LinkPredConfig config, int reps, PrintStream out) {
        List<Metapath> metapaths = FeatureBuilder.metapaths(g, config);
        double[][] secs = new double[2][reps];
        Map<String, float[]> a = null;
        Map<String, float[]> b = null;
        for (int i = 0; i < reps; i++) {
            for (int v = 0; v < 2; v++) {
                HetGraph cold = g.coldCopy();
                System.gc();
                long d0 = System.nanoTime();
                Map<String, float[]> r = new Dwpc(cold, config.damping(), FeatureBuilder.SOURCE, FeatureBuilder.TARGET,
                        2, v == 0).compute(metapaths);
                secs[v][i] = secs(d0);
                if (v == 0) {
                    a = r;
                } else {
                    b = r;
                }
            }
        }
        // rounding differs with the order of the sums; compare relative to each metapath's largest value
        double maxRel = 0;
        for (String m : a.keySet()) {
            float[] x = a.get(m);
            float[] y = b.get(m);
            double scale = 0;
            for (float v : x) {
                scale = Math.max(scale, v);
            }
            for (int i = 0; i < x.length; i++) {
                if (x[i] != y[i]) {
                    maxRel = Math.max(maxRel, Math.abs(x[i] - y[i]) / scale);
                }
            }
        }
        String[] label = {"dense right-to-left (session 1)", "sparse suffix products (now)"};
        for (int v = 0; v < 2; v++) {
            double best = java.util.Arrays.stream(secs[v]).min().orElse(0);
            double mean = java.util.Arrays.stream(secs[v]).average().orElse(0);
            out.printf(Locale.ROOT, "DWPC feature set, %s: %d metapaths x %d pairs: best %.3f s, mean %.3f s over %d "
                            + "cold runs%n", label[v], metapaths.size(),
                    g.count(g.kind(FeatureBuilder.SOURCE)) * g.count(g.kind(FeatureBuilder.TARGET)), best, mean, reps);
        }
        out.printf(Locale.ROOT, "  speed-up (best/best) %.2fx, (mean/mean) %.2fx; max difference %.1e of the metapath's largest "
                        + "value; %s%n",
                java.util.Arrays.stream(secs[0]).min().orElse(0) / java.util.Arrays.stream(secs[1]).min().orElse(1),
                java.util.Arrays.stream(secs[0]).average().orElse(0) / java.util.Arrays.stream(secs[1]).average()
                        .orElse(1), maxRel, load());
    }

    static String load() {
        return String.format(Locale.ROOT, "load average %.2f",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** A Cypher query computing one metapath's DWPC for a single pair ($c, $d) by enumerating paths. */
    static String cypherDwpc(Metapath m, double damping) {
        StringBuilder match = new StringBuilder("MATCH (n0:" + m.steps().get(0).from() + " {identifier: $c})");
        List<String> labels = new ArrayList<>();
        labels.add(m.steps().get(0).from());
        StringBuilder degrees = new StringBuilder();
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < m.length(); i++) {
            Metapath.Step s = m.steps().get(i);
            String a = "n" + i;
            String b = "n" + (i + 1);
            boolean symmetric = s.source().equals(s.target()) && !s.label().contains(">") && !s.label().contains("<");
            String rel = symmetric ? "-[:" + s.type() + "]-" : s.forward() ? "-[:" + s.type() + "]->" : "<-[:" + s.type() + "]-";
            String node = i == m.length() - 1 ? "(" + b + ":" + s.to() + " {identifier: $d})" : "(" + b + ":" + s.to() + ")";
            match.append(rel).append(node);
            labels.add(s.to());
            String outPattern = symmetric ? "(" + a + ")-[:" + s.type() + "]-(x)"
                    : s.forward() ? "(" + a + ")-[:" + s.type() + "]->(x)" : "(" + a + ")<-[:" + s.type() + "]-(x)";
            String inPattern = symmetric ? "(" + b + ")-[:" + s.type() + "]-(x)"
                    : s.forward() ? "(" + b + ")<-[:" + s.type() + "]-(x)" : "(" + b + ")-[:" + s.type() + "]->(x)";
            degrees.append(", COUNT { MATCH ").append(outPattern).append(" WHERE x <> ").append(a)
                    .append(" RETURN DISTINCT x } AS o").append(i)
                    .append(", COUNT { MATCH ").append(inPattern).append(" WHERE x <> ").append(b)
                    .append(" RETURN DISTINCT x } AS i").append(i);
            terms.add("(toFloat(o" + i + ") * i" + i + ") ^ -" + damping);
        }
        List<String> distinct = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            for (int j = i + 1; j < labels.size(); j++) {
                if (labels.get(i).equals(labels.get(j))) {
                    distinct.add("n" + i + " <> n" + j);
                }
            }
        }
        StringBuilder q = new StringBuilder(match);
        if (!distinct.isEmpty()) {
            q.append(" WHERE ").append(String.join(" AND ", distinct));
        }
        StringBuilder nodes = new StringBuilder();
        for (int i = 0; i < labels.size(); i++) {
            nodes.append(i == 0 ? "" : ", ").append("n").append(i);
        }
        q.append(" WITH DISTINCT ").append(nodes).append(degrees);
        q.append(" RETURN coalesce(sum(").append(String.join(" * ", terms)).append("), 0.0) AS dwpc");
        return q.toString();
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
