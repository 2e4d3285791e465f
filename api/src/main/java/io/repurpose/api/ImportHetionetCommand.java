package io.repurpose.api;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micronaut.context.ApplicationContext;
import io.repurpose.graph.GraphConfig;
import io.repurpose.graph.GraphException;
import io.repurpose.graph.GraphStore;
import io.repurpose.graph.HetionetImporter;

/**
 * {@code repurpose import-hetionet}: loads Hetionet into the configured Neo4j. A fresh embedded database
 * is filled by Neo4j's bulk importer; an existing or external one is updated over Bolt with idempotent
 * MERGE. Exit codes: 0 done, 1 failed (nothing half-written for a batch), 2 usage, 3 done but bad lines
 * were skipped (listed with file and line).
 */
final class ImportHetionetCommand {
    static final String NODES = "hetionet/hetionet-v1.0-nodes.tsv";
    static final String EDGES = "hetionet/hetionet-v1.0-edges-19of24.sif.gz";
    static final String LOADED = "MATCH (d:DataSource {name: 'hetionet'}) RETURN d.version AS version";

    private ImportHetionetCommand() {
    }

    static final String USAGE = """
            usage: repurpose import-hetionet [--demo] [--data DIR] [--nodes FILE] [--edges FILE] [--strict] [--bolt]
                                             [--if-empty] [--batch-size N] [--writers N] [--repurpose.neo4j.*=...]
              --data DIR       shared data folder (default ../shared/data): DIR/%s and DIR/%s
              --strict         fail on the first bad line before writing anything (default: skip and count)
              --bolt           always use the Bolt MERGE path (default: bulk importer for a fresh embedded DB)
              --if-empty       do nothing when Hetionet is already loaded
              --demo           the demo's graph (demo/graph) into the demo's database (data/demo/neo4j)
            """.formatted(NODES, EDGES);

    /** Entry from {@link Main}. */
    public static void run(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandArgs a;
        Path data;
        Path nodes;
        Path edges;
        int batch;
        int writers;
        try {
            a = CommandArgs.parse(args, Set.of("--strict", "--bolt", "--if-empty", Main.DEMO_FLAG),
                    Set.of("--data", "--nodes", "--edges", "--batch-size", "--writers"), false);
            data = a.value("--data", Path::of, Path.of("..", "shared", "data"));
            nodes = a.value("--nodes", Path::of, null);
            edges = a.value("--edges", Path::of, null);
            batch = a.value("--batch-size", Integer::parseInt, HetionetImporter.Options.DEFAULT_BATCH_SIZE);
            writers = a.value("--writers", Integer::parseInt, 2);
        } catch (IllegalArgumentException e) {
            return CommandArgs.usage(err, e, USAGE);
        }
        boolean strict = a.has("--strict");
        boolean bolt = a.has("--bolt");
        boolean ifEmpty = a.has("--if-empty");
        boolean demo = a.has(Main.DEMO_FLAG);
        List<String> micronautArgs = a.settings();
        GraphConfig config = graphConfig(micronautArgs, demo);
        if (ifEmpty && config.embedded() && HetionetImporter.databaseExists(config)) {
            out.println("the embedded database under " + config.home().toAbsolutePath()
                    + " is already loaded; skipping the import (run import-hetionet to update it)");
            return 0;
        }
        StartCommand.Dataset demoData = StartCommand.Dataset.demo(Path.of("demo"));
        nodes = nodes != null ? nodes : demo ? demoData.nodes() : data.resolve(NODES);
        edges = edges != null ? edges : demo ? demoData.edges() : data.resolve(EDGES);
        for (Path f : List.of(nodes, edges)) {
            if (!Files.isReadable(f)) {
                err.println("cannot read " + f.toAbsolutePath() + " (use --data DIR or --nodes/--edges)");
                return 2;
            }
        }
        HetionetImporter.Options options = new HetionetImporter.Options(strict, batch, writers, out);
        try {
            HetionetImporter.Report report;
            Map<String, Long> counts;
            if (config.embedded() && !bolt && !HetionetImporter.databaseExists(config)) {
                out.println("fresh embedded database under " + config.home().toAbsolutePath()
                        + ": bulk import");
                // Bolt only: this command queries the counts and stops the server, so it needs no HTTP, Browser,
                // GDS or APOC (about 7 CPU s less for Neo4j's start)
                HetionetImporter.BulkResult bulk = HetionetImporter.bulkImport(config, nodes, edges, options, true);
                try (GraphStore store = bulk.store()) {
                    report = bulk.report();
                    counts = store.relationshipCounts();
                }
            } else {
                try (GraphStore store = GraphStore.open(config)) {
                    if (ifEmpty && !store.read(LOADED, Map.of()).isEmpty()) {
                        out.println("Hetionet is already loaded in " + store.boltUri() + "; nothing to do");
                        return 0;
                    }
                    out.println("updating " + store.boltUri() + " over Bolt (idempotent MERGE)");
                    report = HetionetImporter.merge(store, nodes, edges, options);
                    counts = store.relationshipCounts();
                }
            }
            print(report, counts, out);
            return report.skipped() > 0 ? 3 : 0;
        } catch (HetionetImporter.ImportException e) {
            err.println("import failed: " + e.getMessage());
            return 1;
        } catch (GraphException e) {
            err.println("import failed: " + e.getMessage());
            return 1;
        }
    }

    private static void print(HetionetImporter.Report r, Map<String, Long> counts, PrintStream out) {
        out.printf("%s: %,d nodes and %,d edges accepted, %,d bad lines skipped, in %.1f s%n", r.path(), r.nodes(),
                r.edges(), r.skipped(), r.elapsed().toMillis() / 1e3);
        out.printf("changes: %,d nodes and %,d relationships created, %,d properties set%s%n",
                r.changes().nodesCreated(), r.changes().relationshipsCreated(), r.changes().propertiesSet(),
                r.changes().isEmpty() ? " (nothing changed)" : "");
        r.problems().forEach(p -> out.println("  skipped " + p));
        if (r.skipped() > r.problems().size()) {
            out.printf("  ... and %,d more%n", r.skipped() - r.problems().size());
        }
        out.println("relationships in the database by type:");
        counts.forEach((type, n) -> out.printf("  %-24s %,10d%n", type, n));
    }

    /** Binds repurpose.neo4j.* from application.yml, the environment and --key=value, starting nothing. */
    private static GraphConfig graphConfig(List<String> micronautArgs, boolean demo) {
        try (ApplicationContext ctx = Main.cliContext(micronautArgs, Main.environments(demo))) {
            return ctx.getBean(Neo4jProperties.class).toGraphConfig();
        }
    }
}
