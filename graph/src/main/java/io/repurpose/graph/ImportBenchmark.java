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
 * (b) the Bolt MERGE path's relationships per second on the full edge file and an identical re-run,
 * (c) the naive one-transaction-per-edge loader on a sample, and the ratio (b)/(c).
 *
 * <pre>java ... io.repurpose.graph.ImportBenchmark NODES.tsv EDGES.sif.gz [sampleEdges=20000] [batch=20000] [writers=2]</pre>
 */
public final class ImportBenchmark {
    private ImportBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: ImportBenchmark NODES.tsv EDGES.sif[.gz] [sampleEdges] [batchSize]");
            System.exit(2);
        }
        Path nodes = Path.of(args[0]);
        Path edges = Path.of(args[1]);
        int sample = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 20_000;
        int writers = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        PrintStream out = System.out;
        Path root = Files.createTempDirectory("repurpose-import-bench");
        HetionetImporter.Options quiet = new HetionetImporter.Options(false, batch, writers, null);

        // (a) bulk: empty directory -> started, queryable database with schema
        long t0 = System.nanoTime();
        HetionetImporter.BulkResult bulk = HetionetImporter.bulkImport(config(root.resolve("bulk")), nodes, edges,
                quiet);
        long rels;
        try (GraphStore store = bulk.store()) {
            rels = (Long) store.read("MATCH ()-[r]->() RETURN count(r) AS c", Map.of()).get(0).get("c");
            double bulkSeconds = (System.nanoTime() - t0) / 1e9;
            out.printf(Locale.ROOT, "(a) bulk import, empty -> started DB with constraints + full-text index: "
                    + "%.1f s (%,d nodes, %,d relationships queryable)%n", bulkSeconds, bulk.report().nodes(), rels);
        }

        // (b) Bolt MERGE into an empty running database, then an identical re-run
        try (GraphStore store = GraphStore.open(config(root.resolve("merge")))) {
            HetionetImporter.Parsed parsed = HetionetImporter.parse(nodes, edges, quiet);
            HetionetImporter.Report first = HetionetImporter.merge(store, nodes, edges, quiet);
            double mergeRate = first.edgesPerSecond();
            out.printf(Locale.ROOT, "(b) Bolt MERGE, batches of %,d, %d conflict-free writers: %,d relationships in %.1f s "
                    + "(whole run incl. parse and nodes) -> %,.0f rels/s in the edge phase%n", batch, writers,
                    first.changes().relationshipsCreated(), first.elapsed().toMillis() / 1e3, mergeRate);
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
            }
        }
        deleteTree(root);
    }

    private static Path emptyEdges(Path root) throws IOException {
        Path f = root.resolve("no-edges.sif");
        Files.writeString(f, "source\tmetaedge\ttarget\n");
        return f;
    }

    private static GraphConfig config(Path home) {
        return new GraphConfig(null, "neo4j", "bench-password", null, home, 0, 0, "4g", "2g",
                Duration.ofSeconds(180));
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
