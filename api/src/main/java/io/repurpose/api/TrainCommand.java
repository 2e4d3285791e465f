package io.repurpose.api;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.micronaut.context.ApplicationContext;
import io.repurpose.graph.GraphStore;
import io.repurpose.linkpred.LinkPredConfig;
import io.repurpose.linkpred.LinkPredictor;

/**
 * {@code repurpose train}: trains the link-prediction model on the configured Neo4j and saves it to
 * {@code repurpose.linkpred.model-directory}, where a running API picks it up within its refresh
 * interval. Works against the running application's Neo4j too
 * ({@code --repurpose.neo4j.uri=bolt://127.0.0.1:7687}).
 */
final class TrainCommand {
    static final String USAGE = """
            usage: repurpose train [--demo] [--seed N] [--embeddings AUTO|GDS|IN_PROJECT|NONE] [--if-missing]
                                   [--repurpose.neo4j.*=...] [--repurpose.linkpred.model-directory=DIR]
              --demo         the demo's database and model (data/demo)
              --if-missing   do nothing when the model directory already holds a model
            """;

    private TrainCommand() {
    }

    /** Entry from {@link Main}. */
    public static void run(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandArgs a;
        long seed;
        LinkPredConfig.EmbeddingSource embeddings;
        try {
            a = CommandArgs.parse(args, Set.of("--if-missing", Main.DEMO_FLAG), Set.of("--seed", "--embeddings"), false);
            seed = a.value("--seed", Long::parseLong, 42L);
            embeddings = a.value("--embeddings", LinkPredConfig.EmbeddingSource::valueOf,
                    LinkPredConfig.EmbeddingSource.AUTO);
        } catch (IllegalArgumentException e) {
            return CommandArgs.usage(err, e, USAGE);
        }
        boolean ifMissing = a.has("--if-missing");
        boolean demo = a.has(Main.DEMO_FLAG);
        List<String> micronautArgs = a.settings();
        try (ApplicationContext ctx = Main.cliContext(micronautArgs, Main.environments(demo))) {
            java.nio.file.Path dir = ctx.getBean(LinkPredProperties.class).modelDirectory();
            if (ifMissing && ModelService.stamp(dir) != null) {
                out.println("a model is already in " + dir.toAbsolutePath() + "; skipping training (run train to retrain)");
                return 0;
            }
            try (GraphStore store = GraphStore.open(ctx.getBean(Neo4jProperties.class).toGraphConfig())) {
                String fingerprint = GraphFingerprint.of(store);
                train(store, LinkPredConfig.defaults().withSeed(seed).withEmbeddings(embeddings).withModelDirectory(dir),
                        out);
                GraphFingerprint.save(dir, fingerprint);
                return 0;
            }
        } catch (RuntimeException e) {
            err.println("training failed: " + e.getMessage());
            return 1;
        }
    }

    /** Trains on {@code store}, saves into {@code config.modelDirectory()}, writes the predictions back. */
    static LinkPredictor train(GraphStore store, LinkPredConfig config, PrintStream out) {
        out.println("  training on " + store.boltUri() + " into " + config.modelDirectory().toAbsolutePath());
        long t0 = System.nanoTime();
        LinkPredictor p = LinkPredictor.train(store, config);
        out.printf(Locale.ROOT, "  trained %s in %.1f s; saved to %s%n  metrics (training rows): %s%n",
                p.model().version(), (System.nanoTime() - t0) / 1e9, config.modelDirectory().toAbsolutePath(),
                p.model().metrics());
        return p;
    }
}
