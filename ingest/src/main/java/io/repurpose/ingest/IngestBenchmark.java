package io.repurpose.ingest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.repurpose.graph.GraphConfig;
import io.repurpose.graph.GraphStore;
import io.repurpose.nlp.TextAnnotator;

/**
 * Benchmark: ingests N abstracts (default 10,000) end to end (parse → NLP → Neo4j) into a fresh embedded
 * Neo4j and reports documents/s and busy time per stage. The shared corpora hold ~2,100 real abstracts
 * (BC5CDR, BioRED, MEDLINE samples); they are repeated under new PMIDs to reach N, written as PubTator
 * files. Baselines measured in the same run: parse-only, and NLP-only on the same worker count.
 *
 * <pre>
 * java -cp ... io.repurpose.ingest.IngestBenchmark --shared-data ../shared/data [--docs 10000]
 *     [--workers N] [--batch 100] [--work target/bench] [--annotator-class C] [--nlp-models DIR]
 *     [--nlp-sample 500]
 * </pre>
 */
public final class IngestBenchmark {

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) throws Exception {
        java.util.Map<String, String> o = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value pairs, got " + args[i]);
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        int n = Integer.parseInt(o.getOrDefault("docs", "10000"));
        Path shared = Path.of(o.getOrDefault("shared-data", "../shared/data"));
        Path work = Path.of(o.getOrDefault("work", "target/bench"));
        IngestConfig config = IngestConfig.withQuarantine(work.resolve("quarantine"))
                .withProgressInterval(Duration.ofSeconds(15));
        if (o.containsKey("workers")) {
            config = config.withWorkers(Integer.parseInt(o.get("workers")));
        }
        if (o.containsKey("batch")) {
            config = config.withBatchSize(Integer.parseInt(o.get("batch")));
        }

        long t0 = System.nanoTime();
        List<SourceDocument> base = corpus(shared, config);
        out.printf(Locale.ROOT, "corpus: %d distinct abstracts read in %.1f s%n", base.size(), secs(t0));
        Path input = work.resolve("input-" + n);
        List<Path> files = writeInput(base, n, input);

        // baseline 1: parse only
        long p0 = System.nanoTime();
        long parsed = 0;
        for (Path f : files) {
            ReaderCount c = new ReaderCount();
            try (InputStream in = InputFormat.decompress(Files.newInputStream(f))) {
                new PubTatorReader().read(in, f.getFileName().toString(), c);
            }
            parsed += c.n;
        }
        double parseRate = parsed / secs(p0);

        long l0 = System.nanoTime();
        TextAnnotator annotator = IngestCli.annotator(o.get("annotator-class"), shared, o.get("nlp-models"));
        out.printf(Locale.ROOT, "annotator %s loaded in %.1f s%n", annotator.modelVersion(), secs(l0));

        // baseline 2: NLP only, same number of threads, on a sample (after a warm-up)
        int sample = Math.min(Integer.parseInt(o.getOrDefault("nlp-sample", "500")), base.size());
        for (int i = 0; i < Math.min(50, base.size()); i++) {
            annotator.annotate("warm-" + i, base.get(i).text());
        }
        ExecutorService pool = Executors.newFixedThreadPool(config.workers());
        long a0 = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        for (int i = 0; i < sample; i++) {
            SourceDocument d = base.get(i);
            fs.add(pool.submit(() -> annotator.annotate(d.id(), d.text())));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        double nlpRate = sample / secs(a0);
        pool.shutdown();

        Path home = work.resolve("neo4j-" + System.currentTimeMillis());
        IngestReport report;
        try (GraphStore store = GraphStore.open(new GraphConfig(null, "neo4j", "bench-password", null, home, 0, 0,
                "2g", "512m", Duration.ofSeconds(300)))) {
            IngestPipeline pipeline = new IngestPipeline(store, annotator, config);
            report = pipeline.ingest(List.of(input), p -> out.println("  progress: " + p));
        }
        out.println(report.summary());
        out.printf(Locale.ROOT, "%nBENCHMARK %d abstracts, %d workers, batch %d (machine shared with other builds)%n",
                n, config.workers(), config.batchSize());
        out.printf(Locale.ROOT, "  end-to-end     %8.1f docs/s  (%.1f s wall; target 10,000 in 300 s = 33.3 docs/s)%n",
                report.docsPerSecond(), report.wallTime().toMillis() / 1000.0);
        out.printf(Locale.ROOT, "  parse only     %8.1f docs/s  (baseline, same run)%n", parseRate);
        out.printf(Locale.ROOT, "  NLP only       %8.1f docs/s  (baseline, %d threads, %d docs, same run)%n", nlpRate,
                config.workers(), sample);
        out.printf(Locale.ROOT, "  end-to-end / NLP-only = %.2f%n", report.docsPerSecond() / nlpRate);
        IngestReport.StageTimings t = report.timings();
        long docs = Math.max(1, report.documentsIngested());
        out.printf(Locale.ROOT, "  busy per doc: read %.2f ms, lookup %.2f ms, nlp %.2f ms (summed over %d threads), "
                        + "write %.2f ms%n", t.read().toNanos() / 1e6 / docs, t.lookup().toNanos() / 1e6 / docs,
                t.nlp().toNanos() / 1e6 / docs, config.workers(), t.write().toNanos() / 1e6 / docs);
        return report.exitCode();
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The real abstracts of the shared corpora, each once. */
    static List<SourceDocument> corpus(Path shared, IngestConfig config) throws IOException {
        List<Path> sources = List.of(shared.resolve("corpora/bc5cdr/CDR_TrainingSet.PubTator.txt"),
                shared.resolve("corpora/bc5cdr/CDR_DevelopmentSet.PubTator.txt"),
                shared.resolve("corpora/biored/Train.PubTator"), shared.resolve("corpora/biored/Dev.PubTator"),
                shared.resolve("text/pubmed/medline16n0902.xml.gz"),
                shared.resolve("text/pubmed/test_current_medline.xml.gz"),
                shared.resolve("text/pubmed/pubmed-29768149.xml"));
        java.util.Map<String, SourceDocument> byId = new java.util.LinkedHashMap<>();
        for (Path p : sources) {
            if (!Files.exists(p)) {
                continue;
            }
            ReaderCount c = new ReaderCount();
            try (InputStream in = InputFormat.decompress(Files.newInputStream(p))) {
                InputFormat.detect(p.getFileName().toString(), in).reader(config).read(in,
                        p.getFileName().toString(), c);
            } catch (DocumentReader.BadInputException e) {
                throw new IOException(p + ": " + e.getMessage(), e);
            }
            for (SourceDocument d : c.docs) {
                if (!d.text().isBlank()) {
                    byId.putIfAbsent(d.id(), d);
                }
            }
        }
        if (byId.isEmpty()) {
            throw new IllegalArgumentException("no abstracts under " + shared.toAbsolutePath());
        }
        return new ArrayList<>(byId.values());
    }

    /** Writes n documents as PubTator files of 1,000, repeating the base abstracts under new PMIDs. */
    static List<Path> writeInput(List<SourceDocument> base, int n, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        BufferedWriter w = null;
        try {
            for (int i = 0; i < n; i++) {
                if (i % 1000 == 0) {
                    if (w != null) {
                        w.close();
                    }
                    Path f = dir.resolve(String.format(Locale.ROOT, "bench-%03d.pubtator", i / 1000));
                    files.add(f);
                    w = Files.newBufferedWriter(f, StandardCharsets.UTF_8);
                }
                SourceDocument d = base.get(i % base.size());
                String title = d.title().isEmpty() ? d.text() : d.title();
                String rest = d.title().isEmpty() ? "" : d.text().substring(Math.min(d.text().length(),
                        d.title().length())).strip();
                long pmid = 900_000_000L + i;
                w.write(pmid + "|t|" + title.replace('\n', ' ') + "\n");
                w.write(pmid + "|a|" + rest.replace('\n', ' ') + "\n\n");
            }
        } finally {
            if (w != null) {
                w.close();
            }
        }
        return files;
    }

    /** Counts and keeps what a reader hands out. */
    private static final class ReaderCount implements DocumentReader.Sink {
        final List<SourceDocument> docs = new ArrayList<>();
        long n;

        @Override
        public void document(SourceDocument doc, String position) {
            docs.add(doc);
            n++;
        }

        @Override
        public void badRecord(String position, String kind, String message, String rawRecord) {
        }
    }
}
