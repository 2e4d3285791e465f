package io.repurpose.api;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import io.micronaut.context.ApplicationContext;
import io.repurpose.graph.GraphStore;
import io.repurpose.ingest.IngestConfig;
import io.repurpose.ingest.IngestPipeline;
import io.repurpose.ingest.IngestReport;
import io.repurpose.nlp.TextAnnotator;

/**
 * {@code repurpose ingest FILE-OR-FOLDER...}: ingests documents (PubMed XML, PubTator, clinical CSV,
 * text) with the application's configuration ({@code repurpose.neo4j.*}, {@code repurpose.ingest.*}),
 * printing progress. Exit code: 0 all ingested, 1 some input failed (quarantined), 2 aborted or bad usage.
 */
final class IngestCommand {
    static final String USAGE = """
            usage: repurpose ingest [--demo] [--repurpose.neo4j.*=...] [--repurpose.ingest.*=...] FILE-OR-FOLDER...
              --demo   into the demo's database (data/demo)
            """;

    private IngestCommand() {
    }

    /** Entry from {@link Main}. */
    public static void run(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandArgs a;
        try {
            a = CommandArgs.parse(args, Set.of(Main.DEMO_FLAG), Set.of(), true);
            if (a.operands().isEmpty()) {
                throw new IllegalArgumentException("no file or folder to ingest");
            }
        } catch (IllegalArgumentException e) {
            return CommandArgs.usage(err, e, USAGE);
        }
        boolean demo = a.has(Main.DEMO_FLAG);
        List<String> micronautArgs = a.settings();
        List<Path> paths = a.operands().stream().map(Path::of).toList();
        try (ApplicationContext ctx = Main.cliContext(micronautArgs, Main.environments(demo))) {
            IngestProperties p = ctx.getBean(IngestProperties.class);
            out.println("loading the annotator (" + p.annotator() + ")...");
            TextAnnotator annotator = IngestService.annotator(p);
            try (GraphStore store = GraphStore.open(ctx.getBean(Neo4jProperties.class).toGraphConfig())) {
                IngestPipeline pipeline = new IngestPipeline(store, annotator,
                        IngestConfig.withQuarantine(p.quarantine()).withWorkers(p.workers()));
                IngestReport report = pipeline.ingest(paths, progress -> out.println("  " + progress));
                out.println(report.summary());
                return report.exitCode();
            }
        } catch (RuntimeException e) {
            err.println("ingest aborted: " + e.getMessage());
            return 2;
        }
    }
}
