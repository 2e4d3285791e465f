package io.repurpose.ingest;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.repurpose.graph.GraphConfig;
import io.repurpose.graph.GraphStore;
import io.repurpose.nlp.TextAnnotator;

/**
 * Command line: {@code ingest [options] <path>...} for cron or a Kubernetes CronJob; the api module
 * dispatches its {@code ingest} sub-command here. Exit code 0 when everything landed, 1 when some input
 * failed (and was quarantined) while the rest landed, 2 when the job was aborted or the arguments are bad.
 */
public final class IngestCli {

    static final String USAGE = """
            usage: ingest [options] <file-or-folder>...
              --neo4j URI            bolt://host:7687 or neo4j://... ; default: embedded server under --home
              --user NAME            default neo4j
              --password-file FILE   file holding the Neo4j password (or --password PASSWORD)
              --home DIR             embedded Neo4j home, default data/neo4j
              --workers N            NLP threads, default: cores
              --batch N              documents per transaction, default 100
              --queue N              queue bound, default 256
              --quarantine DIR       default data/quarantine
              --progress SECONDS     progress log interval, default 10 (0: off)
              --shared-data DIR      lexicons for the CoreNLP annotator, default ../shared/data
              --nlp-models DIR       trained NLP models, default data/models/nlp
              --annotator-class C    a TextAnnotator with a public no-argument constructor
                                     (default: the CoreNLP annotator of the nlp module)
            exit code: 0 all ingested, 1 some input failed (quarantined, rest ingested), 2 aborted/bad usage""";

    private IngestCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (o.paths.isEmpty()) {
            err.println(USAGE);
            return 2;
        }
        TextAnnotator annotator;
        try {
            annotator = annotator(o.annotatorClass, Path.of(o.values.getOrDefault("shared-data", "../shared/data")),
                    o.values.get("nlp-models"));
        } catch (RuntimeException e) {
            err.println("cannot load the annotator: " + e.getMessage());
            return 2;
        }
        try (GraphStore store = GraphStore.open(o.graphConfig())) {
            IngestPipeline pipeline = new IngestPipeline(store, annotator, o.ingestConfig());
            IngestReport report = pipeline.ingest(o.paths, null);
            out.println(report.summary());
            return report.exitCode();
        } catch (RuntimeException e) {
            err.println("ingest aborted: " + e.getMessage());
            return 2;
        }
    }

    /** The annotator named on the command line, or the default CoreNLP one. */
    static TextAnnotator annotator(String className, Path sharedData, String modelDir) {
        if (className == null) {
            return DefaultAnnotator.load(sharedData, modelDir == null ? null : Path.of(modelDir));
        }
        try {
            Class<?> c = Class.forName(className);
            return (TextAnnotator) c.getConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException("--annotator-class " + className + ": " + e, e);
        }
    }

    /** Parsed options. */
    static final class Options {
        final List<Path> paths = new ArrayList<>();
        final Map<String, String> values = new LinkedHashMap<>();
        String annotatorClass;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.startsWith("--")) {
                    String key = a.substring(2);
                    if (!List.of("neo4j", "user", "password", "password-file", "home", "workers", "batch", "queue",
                            "quarantine", "progress", "annotator-class", "shared-data", "nlp-models").contains(key)) {
                        throw new IllegalArgumentException("unknown option " + a);
                    }
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("option " + a + " needs a value");
                    }
                    o.values.put(key, args[++i]);
                } else {
                    o.paths.add(Path.of(a));
                }
            }
            o.annotatorClass = o.values.get("annotator-class");
            return o;
        }

        String password() {
            if (values.containsKey("password")) {
                return values.get("password");
            }
            if (values.containsKey("password-file")) {
                try {
                    return Files.readString(Path.of(values.get("password-file")), StandardCharsets.UTF_8).strip();
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot read --password-file: " + e.getMessage(), e);
                }
            }
            throw new IllegalArgumentException("give --password-file (or --password)");
        }

        GraphConfig graphConfig() {
            String uri = values.get("neo4j");
            if (uri == null || uri.equals("embedded")) {
                Path home = Path.of(values.getOrDefault("home", GraphConfig.DEFAULT_HOME.toString()));
                return GraphConfig.embedded(home, password());
            }
            return GraphConfig.external(uri, values.getOrDefault("user", "neo4j"), password());
        }

        IngestConfig ingestConfig() {
            IngestConfig c = IngestConfig.withQuarantine(Path.of(values.getOrDefault("quarantine",
                    IngestConfig.DEFAULT_QUARANTINE.toString())));
            if (values.containsKey("workers")) {
                c = c.withWorkers(integer("workers"));
            }
            if (values.containsKey("batch")) {
                c = c.withBatchSize(integer("batch"));
            }
            if (values.containsKey("queue")) {
                c = c.withQueueCapacity(integer("queue"));
            }
            if (values.containsKey("progress")) {
                c = c.withProgressInterval(Duration.ofSeconds(integer("progress")));
            }
            return c;
        }

        private int integer(String key) {
            try {
                return Integer.parseInt(values.get(key));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + key + " needs a number, got " + values.get(key), e);
            }
        }
    }
}
