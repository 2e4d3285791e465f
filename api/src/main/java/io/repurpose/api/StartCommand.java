package io.repurpose.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.repurpose.graph.GraphConfig;
import io.repurpose.graph.GraphStore;
import io.repurpose.graph.HetionetImporter;
import io.repurpose.ingest.IngestConfig;
import io.repurpose.ingest.IngestPipeline;
import io.repurpose.ingest.IngestReport;
import io.repurpose.linkpred.LinkPredConfig;
import io.repurpose.linkpred.LinkPredictor;
import io.repurpose.nlp.NlpConfig;
import io.repurpose.nlp.NlpTrain;
import io.repurpose.nlp.TextAnnotator;

/**
 * {@code repurpose start}: the main job. Starts the embedded Neo4j once and, on that one server, loads
 * the graph if it is not loaded, ingests the documents not ingested yet, trains the link-prediction model
 * unless the saved one was trained on the same graph, writes its predictions, then serves the API on the
 * same open store. The default is the bundled demo ({@code demo/}: a slice of Hetionet and sample
 * documents, database under {@code data/demo}); {@code --full} uses the shared data (all of Hetionet, the
 * MEDLINE samples and clinical notes; database under {@code data/neo4j}).
 */
final class StartCommand {
    static final String USAGE = """
            usage: repurpose start [--full] [--data DIR] [--demo-dir DIR] [--retrain] [--no-serve] [--key=value ...]
              (default)      the bundled demo: DEMO-DIR/graph (a slice of Hetionet v1.0) and DEMO-DIR/documents
                             (sample abstracts and notes); database data/demo/neo4j, model data/demo/models/linkpred
              --full         the shared data: DIR/hetionet (all of Hetionet v1.0) and DIR/text (MEDLINE samples,
                             MTSamples notes); database data/neo4j, model data/models/linkpred
              --data DIR     the shared data folder (default ../shared/data): NLP lexicons and training corpora,
                             and everything --full loads
              --demo-dir DIR the demo dataset (default demo)
              --retrain      train the link-prediction model even when the saved one fits the graph
              --no-serve     do everything but serve, then stop
            """;

    /** Micronaut environment of the demo: application-demo.yml moves its database, models and inbox to data/demo. */
    static final String DEMO_ENVIRONMENT = "demo";

    /** Heap of the JVM that trains the NLP models when the model folder has none (NlpTrain's measured need). */
    static final String NLP_TRAIN_HEAP = "-Xmx5g";
    /** Left by session-2..10 {@code start}s that trained a relation model on a slice only: it is replaced. */
    static final String QUICK_MODEL_MARK = "QUICK-MODEL.txt";

    /** The store {@code start} opened, handed to the application context it then starts (see GraphFactory). */
    private static final AtomicReference<GraphStore> HANDOVER = new AtomicReference<>();
    /** The steps of the last preparation, for the banner. */
    private static final AtomicReference<List<Step>> STEPS = new AtomicReference<>(List.of());

    private StartCommand() {
    }

    /**
     * What {@code start} loads.
     *
     * @param name      {@code demo} or {@code full}
     * @param nodes     Hetionet-layout node TSV
     * @param edges     Hetionet-layout edge SIF(.gz)
     * @param documents  files and folders to ingest
     * @param embeddings FastRP of the link-prediction model: on the demo's few hundred nodes the in-process one
     *                   takes milliseconds where a GDS projection takes tens of seconds; GDS when available on
     *                   the full graph
     */
    record Dataset(String name, Path nodes, Path edges, List<Path> documents,
                   LinkPredConfig.EmbeddingSource embeddings) {
        static Dataset demo(Path demoDir) {
            return new Dataset("demo", demoDir.resolve("graph/nodes.tsv"), demoDir.resolve("graph/edges.sif.gz"),
                    List.of(demoDir.resolve("documents")), LinkPredConfig.EmbeddingSource.IN_PROJECT);
        }

        static Dataset full(Path sharedData) {
            return new Dataset("full", sharedData.resolve(ImportHetionetCommand.NODES),
                    sharedData.resolve(ImportHetionetCommand.EDGES),
                    List.of(sharedData.resolve("text/pubmed"), sharedData.resolve("text/clinical")),
                    LinkPredConfig.EmbeddingSource.AUTO);
        }

        /**
         * The link-prediction settings for this dataset on {@code store}, saving into {@code modelDir}. The model
         * learns from the curated (Hetionet) relationship types only: a few dozen documents give literature
         * edges that are non-zero for one or two training pairs; standardised by their tiny spread, such
         * features get extreme weights and saturate unrelated candidates (the API still shows the literature
         * next to each candidate). On the full data, after its 1,006 documents, training on every type dropped
         * the training-row AUROC from 0.983 to 0.897. linkpred now floors that spread (b08ad76): on the demo
         * with its 62 literature edges, training rows then give AUROC 0.964 / AUPRC 0.679 with every type
         * against 0.972 / 0.688 with the curated ones (no collapse, but no gain either), so start still trains
         * on the curated types; {@code repurpose train} uses every type.
         */
        LinkPredConfig linkPredConfig(GraphStore store, Path modelDir) {
            List<String> curated = new ArrayList<>();
            for (Map<String, Object> row : store.read("CALL db.relationshipTypes() YIELD relationshipType AS t "
                    + "RETURN t ORDER BY t", Map.of())) {
                String t = (String) row.get("t");
                if (!store.read("MATCH ()-[r:`" + t.replace("`", "``") + "`]->() WHERE r.source = $s RETURN 1 LIMIT 1",
                        Map.of("s", HetionetImporter.SOURCE)).isEmpty()) {
                    curated.add(t);
                }
            }
            return LinkPredConfig.defaults().withModelDirectory(modelDir).withEmbeddings(embeddings)
                    .withRelationshipTypes(curated);
        }
    }

    /** One step of the preparation: what it did and how long it took. */
    record Step(String name, String outcome, Duration took) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-20s %7.1f s  %s", name, took.toMillis() / 1e3, outcome);
        }
    }

    /** Makes the annotator when documents need it (the CoreNLP one, or a test's). */
    interface AnnotatorSource {
        TextAnnotator load(PrintStream out);
    }

    /** The outcome of {@link #prepare}: the open store (the caller closes or serves it) and the steps. */
    record Prepared(GraphStore store, List<Step> steps, LinkPredictor trained) {
    }

    /** Entry from {@link Main}: prepares, then serves until the process is stopped. */
    static void run(String[] args) {
        int rc = execute(args, System.out, System.err);
        if (rc != 0) {
            System.exit(rc);
        }
    }

    static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandArgs a;
        Path data;
        Path demoDir;
        try {
            a = CommandArgs.parse(args, Set.of("--full", Main.DEMO_FLAG, "--retrain", "--no-serve"),
                    Set.of("--data", "--demo-dir"), false);
            if (a.has("--full") && a.has(Main.DEMO_FLAG)) {
                throw new IllegalArgumentException("--full and --demo exclude each other");
            }
            data = a.value("--data", Path::of, null);
            demoDir = a.value("--demo-dir", Path::of, Path.of("demo"));
        } catch (IllegalArgumentException e) {
            return CommandArgs.usage(err, e, USAGE);
        }
        boolean full = a.has("--full");
        boolean retrain = a.has("--retrain");
        boolean serve = !a.has("--no-serve");
        List<String> settings = a.settings();
        String[] environments = full ? new String[0] : new String[] {DEMO_ENVIRONMENT};
        Dataset dataset = full ? Dataset.full(data == null ? Path.of("..", "shared", "data") : data)
                : Dataset.demo(demoDir);
        long t0 = System.nanoTime();
        GraphConfig graph;
        IngestProperties ingest;
        Path modelDir;
        try (ApplicationContext ctx = Main.cliContext(settings, environments)) {
            graph = ctx.getBean(Neo4jProperties.class).toGraphConfig();
            IngestProperties p = ctx.getBean(IngestProperties.class);
            // --data also says where the NLP lexicons are (otherwise repurpose.ingest.shared-data, ../shared/data)
            ingest = data == null ? p : new IngestProperties(p.annotator(), data, p.nlpModels(), p.inbox(),
                    p.quarantine(), p.workers(), p.watch(), p.cron(), p.keepJobs());
            modelDir = ctx.getBean(LinkPredProperties.class).modelDirectory();
        } catch (RuntimeException e) {
            err.println("bad configuration: " + e.getMessage());
            return 2;
        }
        for (Path f : List.of(dataset.nodes(), dataset.edges())) {
            if (!Files.isReadable(f)) {
                err.println("cannot read " + f.toAbsolutePath() + (full ? " (use --data DIR)" : " (use --demo-dir DIR)"));
                return 2;
            }
        }
        out.printf("Repurpose start: %s dataset (%s), Neo4j %s, model %s%n", dataset.name(),
                dataset.nodes().getParent().toAbsolutePath().normalize(),
                graph.embedded() ? "embedded under " + graph.home().toAbsolutePath().normalize() : graph.uri(),
                modelDir.toAbsolutePath().normalize());
        final IngestProperties ingestProperties = ingest;
        Prepared prepared;
        try {
            prepared = prepare(dataset, graph, ingestProperties, modelDir,
                    o -> loadAnnotator(ingestProperties, o), retrain, out);
        } catch (RuntimeException e) {
            err.println("start failed: " + e.getMessage());
            return 1;
        }
        List<Step> steps = new ArrayList<>(prepared.steps());
        if (!serve) {
            prepared.store().close();
            printSteps(steps, t0, out);
            return 0;
        }
        out.println("[4/4] API: starting the HTTP server on the same Neo4j...");
        HANDOVER.set(prepared.store());
        STEPS.set(steps);
        try {
            Micronaut.build(settings.toArray(String[]::new)).mainClass(Application.class).environments(environments)
                    .start();
        } catch (RuntimeException e) {
            GraphStore left = HANDOVER.getAndSet(null);
            if (left != null) {
                left.close();
            }
            err.println("the API did not start: " + e.getMessage());
            return 1;
        }
        GraphStore left = HANDOVER.getAndSet(null);
        if (left != null) {
            left.close();
            err.println("the application did not take the prepared graph store");
            return 1;
        }
        return 0;
    }

    /**
     * Loads the graph if it is not loaded, ingests what is not ingested, trains when the model does not
     * fit the graph; returns the open store. Each step says what it did and how long it took.
     */
    static Prepared prepare(Dataset dataset, GraphConfig graph, IngestProperties ingest, Path modelDir,
                            AnnotatorSource annotators, boolean retrain, PrintStream out) {
        List<Step> steps = new ArrayList<>();
        GraphStore store = loadGraph(dataset, graph, steps, out);
        try {
            ingestDocuments(store, dataset.documents(), ingest, annotators, steps, out);
            LinkPredictor trained = linkPrediction(store, dataset, modelDir, retrain, steps, out);
            return new Prepared(store, List.copyOf(steps), trained);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static GraphStore loadGraph(Dataset dataset, GraphConfig graph, List<Step> steps, PrintStream out) {
        long t0 = System.nanoTime();
        HetionetImporter.Options options = HetionetImporter.Options.defaults(out);
        GraphStore store;
        String outcome;
        if (graph.embedded() && !HetionetImporter.databaseExists(graph)) {
            out.printf("[1/4] graph: fresh database under %s: bulk import of %s (Neo4j starts once, during "
                    + "the import, and the imported store is swapped in)%n", graph.home().toAbsolutePath().normalize(),
                    dataset.nodes().getParent());
            HetionetImporter.BulkResult bulk = HetionetImporter.bulkImport(graph, dataset.nodes(), dataset.edges(),
                    options);
            store = bulk.store();
            outcome = String.format(Locale.ROOT, "imported %,d nodes and %,d edges (%,d bad lines skipped)",
                    bulk.report().nodes(), bulk.report().edges(), bulk.report().skipped());
        } else {
            out.printf("[1/4] graph: starting Neo4j on %s%n", graph.embedded()
                    ? "the database under " + graph.home().toAbsolutePath().normalize() : graph.uri());
            store = GraphStore.open(graph);
            try {
                if (store.read(ImportHetionetCommand.LOADED, Map.of()).isEmpty()) {
                    out.println("  the graph is empty: loading it over Bolt (idempotent MERGE)");
                    HetionetImporter.Report r = HetionetImporter.merge(store, dataset.nodes(), dataset.edges(), options);
                    outcome = String.format(Locale.ROOT, "merged %,d nodes and %,d edges", r.nodes(), r.edges());
                } else {
                    outcome = "already loaded, nothing imported";
                }
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
        }
        long nodes = store.nodeCounts().values().stream().mapToLong(Long::longValue).sum();
        long rels = store.relationshipCounts().values().stream().mapToLong(Long::longValue).sum();
        outcome += String.format(Locale.ROOT, "; the graph holds %,d nodes and %,d relationships", nodes, rels);
        Step step = new Step("graph", outcome, Duration.ofNanos(System.nanoTime() - t0));
        out.println("  " + step.outcome());
        steps.add(step);
        return store;
    }

    private static void ingestDocuments(GraphStore store, List<Path> documents, IngestProperties ingest,
                                        AnnotatorSource annotators, List<Step> steps, PrintStream out) {
        long t0 = System.nanoTime();
        List<Path> files = files(documents);
        List<Path> pending = files.stream().filter(f -> !ingested(store, f)).toList();
        if (pending.isEmpty()) {
            Step step = new Step("documents", "all " + files.size() + " files already ingested (ingestion ledger)",
                    Duration.ofNanos(System.nanoTime() - t0));
            out.println("[2/4] documents: " + step.outcome());
            steps.add(step);
            return;
        }
        out.printf("[2/4] documents: %d of %d files to ingest through the NLP pipeline%n", pending.size(), files.size());
        TextAnnotator annotator = annotators.load(out);
        Step nlp = new Step("NLP models", annotator.modelVersion(), Duration.ofNanos(System.nanoTime() - t0));
        steps.add(nlp);
        long i0 = System.nanoTime();
        IngestReport report;
        try (IngestPipeline pipeline = new IngestPipeline(store, annotator,
                IngestConfig.withQuarantine(ingest.quarantine()).withWorkers(ingest.workers())
                        .withProgressInterval(Duration.ofSeconds(5)))) {
            report = pipeline.ingest(pending, progress -> out.println("  " + progress));
        } finally {
            if (annotator instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    out.println("  (closing the annotator: " + e.getMessage() + ")");
                }
            }
        }
        out.println("  " + report.summary().replace("\n", "\n  "));
        if (report.exitCode() == 2) {
            throw new IllegalStateException("ingestion aborted: " + report.summary().lines().findFirst().orElse(""));
        }
        long literature = ((Number) store.read("MATCH ()-[r]->() WHERE type(r) STARTS WITH 'LITERATURE_' "
                + "RETURN count(r) AS n", Map.of()).get(0).get("n")).longValue();
        String outcome = String.format(Locale.ROOT, "%d documents ingested, %d evidence (%d asserted), %,d literature "
                        + "edges in the graph%s", report.documentsIngested(), report.evidenceWritten(),
                report.positiveEvidence(), literature, report.succeeded() ? "" : "; some input failed (quarantined)");
        Step step = new Step("documents", outcome, Duration.ofNanos(System.nanoTime() - i0));
        out.println("  " + outcome);
        steps.add(step);
    }

    private static LinkPredictor linkPrediction(GraphStore store, Dataset dataset, Path modelDir, boolean retrain,
                                                List<Step> steps, PrintStream out) {
        long t0 = System.nanoTime();
        String fingerprint = GraphFingerprint.of(store);
        boolean haveModel = ModelService.stamp(modelDir) != null && Files.exists(modelDir.resolve("model.properties"));
        String saved = GraphFingerprint.saved(modelDir);
        if (haveModel && !retrain && (saved == null || saved.equals(fingerprint))) {
            if (saved == null) {
                GraphFingerprint.save(modelDir, fingerprint);
            }
            Step step = new Step("link prediction", "the model in " + modelDir + " was trained on this graph; "
                    + "not retrained (--retrain forces it)", Duration.ofNanos(System.nanoTime() - t0));
            out.println("[3/4] link prediction: " + step.outcome());
            steps.add(step);
            return null;
        }
        out.println("[3/4] link prediction: " + (!haveModel ? "no model yet" : retrain ? "--retrain"
                : "the graph changed since the model was trained") + "; training (projection, embeddings, DWPC "
                + "features, 5 folds, Tribuo) and writing the top candidates back as PREDICTS_CtD");
        LinkPredConfig config = dataset.linkPredConfig(store, modelDir);
        out.println("  relationship types learnt from (the curated ones): " + config.relationshipTypes());
        LinkPredictor p = TrainCommand.train(store, config, out);
        GraphFingerprint.save(modelDir, fingerprint);
        long predictions = ((Number) store.read("MATCH ()-[r:PREDICTS_CtD]->() RETURN count(r) AS n", Map.of())
                .get(0).get("n")).longValue();
        Step step = new Step("link prediction", String.format(Locale.ROOT, "trained %s (%d treats edges), %,d "
                        + "predictions written", p.model().version(),
                p.model().metrics().getOrDefault("train.positives", 0.0).longValue(), predictions),
                Duration.ofNanos(System.nanoTime() - t0));
        out.println("  " + step.outcome());
        steps.add(step);
        return p;
    }

    /** The production annotator; trains the adopted NLP models first when the model folder has none. */
    static TextAnnotator loadAnnotator(IngestProperties ingest, PrintStream out) {
        if ("corenlp".equals(ingest.annotator())) {
            NlpConfig config = new NlpConfig(ingest.sharedData(), ingest.nlpModels());
            if (!Files.exists(config.modelDir().resolve("relations.model"))
                    || Files.exists(config.modelDir().resolve(QUICK_MODEL_MARK))) {
                trainNlpModels(config, out);
            }
            out.println("  loading the NLP pipeline (CoreNLP, lexicons from " + ingest.sharedData() + ", models from "
                    + ingest.nlpModels() + ")...");
        } else {
            out.println("  loading the annotator " + ingest.annotator() + "...");
        }
        try (Ticker t = new Ticker(out, "loading the NLP pipeline")) {
            return IngestService.annotator(ingest);
        }
    }

    /**
     * No NLP models: trains the adopted configuration ({@code NlpTrain --adopted}, the models nlp/README.md reports)
     * from the train splits in the shared data, in a JVM of its own (its heap is larger than the application's), its
     * output in {@code train.log} in the model folder.
     */
    static void trainNlpModels(NlpConfig config, PrintStream out) {
        Path dir = config.modelDir();
        Path log = dir.resolve("train.log");
        out.printf("  no NLP models in %s: training the adopted ones from the BC5CDR and BioRED train splits "
                + "(NlpTrain --adopted, about 4-10 minutes; log %s)%n", dir, log);
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), NLP_TRAIN_HEAP,
                "-cp", System.getProperty("java.class.path"), NlpTrain.class.getName(), "--adopted",
                "--shared-data", config.sharedData().toString(), "--model-dir", dir.toString(),
                "--threads", Integer.toString(Runtime.getRuntime().availableProcessors()));
        try (Ticker t = new Ticker(out, "training the NLP models")) {
            Files.createDirectories(dir);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            int code = p.waitFor();
            if (code != 0) {
                throw new IllegalStateException("training the NLP models failed (exit " + code + "); the end of " + log
                        + ":\n" + tail(log, 20));
            }
            Files.deleteIfExists(dir.resolve(QUICK_MODEL_MARK));
        } catch (IOException e) {
            throw new UncheckedIOException("training the NLP models failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while training the NLP models", e);
        }
    }

    private static String tail(Path file, int lines) throws IOException {
        List<String> all = Files.readAllLines(file);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** The regular files under {@code paths}, as the ingestion pipeline walks them (hidden files left out). */
    static List<Path> files(List<Path> paths) {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                            .sorted().forEach(out::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + p + ": " + e.getMessage(), e);
                }
            } else if (Files.isRegularFile(p)) {
                out.add(p);
            }
        }
        return out;
    }

    /** True when the ingestion ledger holds this file with the same content (so the annotator need not load). */
    static boolean ingested(GraphStore store, Path file) {
        List<Map<String, Object>> rows = store.read("MATCH (f:IngestFile {path: $path}) RETURN f.hash AS hash",
                Map.of("path", file.toAbsolutePath().normalize().toString()));
        return !rows.isEmpty() && sha256(file).equals(rows.get(0).get("hash"));
    }

    private static String sha256(Path f) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(f), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JVM", e);
        }
    }

    private static void printSteps(List<Step> steps, long t0, PrintStream out) {
        out.printf(Locale.ROOT, "%n  steps (%.1f s in all):%n", (System.nanoTime() - t0) / 1e9);
        steps.forEach(s -> out.println("    " + s));
    }

    /** The store prepared by {@code start}, once; null when the application was not started by it. */
    static GraphStore takePreparedStore() {
        return HANDOVER.getAndSet(null);
    }

    /** The steps of {@code start} in this process (empty for {@code serve}). */
    static List<Step> steps() {
        return STEPS.get();
    }

    /** Prints "still working" every 20 s while a silent step runs. */
    static final class Ticker implements AutoCloseable {
        private final Thread thread;

        Ticker(PrintStream out, String what) {
            long t0 = System.nanoTime();
            thread = new Thread(() -> {
                try {
                    while (true) {
                        Thread.sleep(20_000);
                        out.printf(Locale.ROOT, "  ... %s, %d s%n", what, (System.nanoTime() - t0) / 1_000_000_000);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "repurpose-start-ticker");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() {
            thread.interrupt();
        }
    }
}
