package io.repurpose.graph;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The import benchmark (issue 2): in one run, on fresh embedded databases under a temporary directory,
 * (a) the bulk path from nothing to a started, queryable database with constraints and full-text index,
 * (b) the Bolt MERGE path's relationships per second on the full edge file and an identical re-run: {@code merge}
 * (and {@code both}) MERGE every edge, as the issue asks; {@code bolt} measures the loader's default instead, which
 * writes a type that holds no relationship yet with CREATE,
 * (c) the naive one-transaction-per-edge loader on a sample, and the ratio (b)/(c).
 *
 * <pre>java ... io.repurpose.graph.ImportBenchmark NODES.tsv EDGES.sif.gz [sampleEdges=20000] [batch=5000] [writers=2]
 *     [bulk|bulk-full|merge|bolt|both]</pre>
 * {@code bulk} (and {@code both}) start the server as {@code import-hetionet} does, Bolt only; {@code bulk-full}
 * as {@code start} does, with HTTP, Neo4j Browser, GDS and APOC.
 */
public final class ImportBenchmark {
    private ImportBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: ImportBenchmark NODES.tsv EDGES.sif[.gz] [sampleEdges] [batchSize] [writers] "
                    + "[bulk|bulk-full|merge|bolt|both]");
            System.exit(2);
        }
        Path nodes = Path.of(args[0]);
        Path edges = Path.of(args[1]);
        int sample = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : HetionetImporter.Options.DEFAULT_BATCH_SIZE;
        int writers = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        String parts = args.length > 5 ? args[5] : "both";
        PrintStream out = System.out;
        Path root = Files.createTempDirectory("repurpose-import-bench");

        out.println("load average at the start: " + loadAverage());
        boolean bolt = "bolt".equals(parts);
        if (!"merge".equals(parts) && !bolt) {
            bulk(nodes, edges, root, batch, writers, out, !"bulk-full".equals(parts));
        }
        if ("merge".equals(parts) || "both".equals(parts) || bolt) {
            merge(nodes, edges, root, sample, batch, writers, out, !bolt);
        }
        deleteTree(root);
    }

    private static void bulk(Path nodes, Path edges, Path root, int batch, int writers, PrintStream out,
                             boolean boltOnly) {
        // (a) bulk: empty directory -> started, queryable database with schema
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        HetionetImporter.Options logged = new HetionetImporter.Options(false, batch, writers,
                new PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
        long t0 = System.nanoTime();
        HetionetImporter.BulkResult bulk = HetionetImporter.bulkImport(config(root.resolve("bulk")), nodes, edges,
                logged, boltOnly);
        long rels;
        try (GraphStore store = bulk.store()) {
            long q0 = System.nanoTime();
            rels = (Long) store.read("MATCH ()-[r]->() RETURN count(r) AS c", Map.of()).get(0).get("c");
            long fulltext = store.read("CALL db.index.fulltext.queryNodes('entity_names', 'metformin') YIELD node "
                    + "RETURN node.identifier AS id", Map.of()).size();
            long q1 = System.nanoTime();
            double bulkSeconds = (q1 - t0) / 1e9;
            out.printf(Locale.ROOT, "(a) bulk import, empty -> started DB with constraints + full-text index: "
                    + "%.1f s (%,d nodes, %,d relationships queryable, %d full-text hit(s) for metformin; server: %s)%n",
                    bulkSeconds, bulk.report().nodes(), rels, fulltext, boltOnly
                            ? "Bolt only, as import-hetionet" : "Bolt, HTTP, Browser, GDS, APOC, as start");
            for (String line : log.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("    ") || line.contains("timeline") || line.contains("warm-up")) {
                    out.println(line);
                }
            }
            out.printf(Locale.ROOT, "    %-44s %6.1f   cpu %5.1f%n", "first queries answered (count, full-text)",
                    bulkSeconds, HetionetImporter.serverCpu(store));
            out.printf(Locale.ROOT, "    %-44s %6.1f%n", "this JVM's CPU s", cpuSeconds());
            out.println("    load average: " + loadAverage());
        }
    }

    private static void merge(Path nodes, Path edges, Path root, int sample, int batch, int writers, PrintStream out,
                              boolean mergeEveryEdge) throws IOException {
        HetionetImporter.Options quiet = new HetionetImporter.Options(false, batch, writers, null);

        // (b) Bolt MERGE into an empty running database, then an identical re-run
        try (GraphStore store = GraphStore.open(config(root.resolve("merge")))) {
            HetionetImporter.Parsed parsed = HetionetImporter.parse(nodes, edges, quiet);
            double serverCpu0 = HetionetImporter.serverCpu(store);
            double cpu0 = cpuSeconds();
            HetionetImporter.Report first = HetionetImporter.merge(store, nodes, edges, quiet, mergeEveryEdge);
            double serverCpu = HetionetImporter.serverCpu(store) - serverCpu0;
            double clientCpu = cpuSeconds() - cpu0;
            double mergeRate = first.edgesPerSecond();
            out.printf(Locale.ROOT, "(b) Bolt %s, batches of %,d, %d conflict-free writers: %,d relationships in %.1f s "
                    + "(whole run incl. parse and nodes) -> %,.0f rels/s in the edge phase (%.1f s; load %s)%n",
                    mergeEveryEdge ? "MERGE of every edge" : "loader default (CREATE into empty types, else MERGE)", batch,
                    writers, first.changes().relationshipsCreated(), first.elapsed().toMillis() / 1e3, mergeRate,
                    first.edgePhase().toMillis() / 1e3, loadAverage());
            // CPU seconds are steadier than wall time on a shared machine: compare these in A/B runs
            out.printf(Locale.ROOT, "    CPU of the whole run (parse, nodes, edges): server JVM %.1f s, this JVM %.1f s%n",
                    serverCpu, clientCpu);
            HetionetImporter.Report again = HetionetImporter.merge(store, nodes, edges, quiet);
            out.printf(Locale.ROOT, "    identical re-run: %s in %.1f s%n", again.changes().isEmpty()
                    ? "changed nothing" : "CHANGED " + again.changes(), again.elapsed().toMillis() / 1e3);

            // (c) naive loader on a sample, same database shape (nodes present, edges absent)
            try (GraphStore naive = GraphStore.open(config(root.resolve("naive")))) {
                HetionetImporter.merge(naive, nodes, emptyEdges(root), quiet);
                double naiveRate = HetionetImporter.mergeOneByOne(naive, parsed, sample);
                out.printf(Locale.ROOT, "(c) one transaction per edge, %,d-edge sample: %,.0f rels/s%n", sample,
                        naiveRate);
                out.printf(Locale.ROOT, "    ratio (b)/(c): %.0fx%n", mergeRate / naiveRate);
                out.println("load average at the end: " + loadAverage());
            }
        }
    }

    private static double cpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis() / 1e3).orElse(-1.0);
    }

    /** The 1, 5 and 15 minute load averages (Linux), to read the figures against. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2] + " (" + Runtime.getRuntime().availableProcessors() + " cores)";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static Path emptyEdges(Path root) throws IOException {
        Path f = root.resolve("no-edges.sif");
        Files.writeString(f, "source\tmetaedge\ttarget\n");
        return f;
    }

    private static GraphConfig config(Path home) {
        return new GraphConfig(null, "neo4j", "bench-password", null, home, 0, 0, "4g", "2g",
                Duration.ofSeconds(900));
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
