package io.repurpose.ingest;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import io.repurpose.graph.GraphStore;
import io.repurpose.nlp.TextAnnotator;

/**
 * Ingests documents into the graph: reads PubMed/MEDLINE XML (gzipped or not), PubTator, clinical-note
 * CSV and plain text, annotates them with a {@link TextAnnotator} on a bounded worker pool and writes
 * {@code Document}, {@code Evidence} and aggregate {@code LITERATURE_<TYPE>} edges through one writer in
 * batched transactions keyed by document.
 *
 * <p>Incremental and crash-safe: a ledger in Neo4j ({@code IngestFile} nodes with content hashes, and each
 * {@code Document}'s content hash) lets a re-run skip what is done; a document is written whole in one
 * transaction or not at all, so a run killed at any point and run again ends with every document exactly
 * once. A revised document replaces its own evidence and the aggregates of the pairs it touches.
 *
 * <p>Thread-safe; jobs of one pipeline run one at a time (a second caller waits). The store and annotator
 * are the caller's: {@link #close()} closes neither.
 */
public final class IngestPipeline implements AutoCloseable {
    private static final DateTimeFormatter JOB_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final EvidenceGraph graph;
    private final TextAnnotator annotator;
    private final IngestConfig config;
    private final ReentrantLock oneJobAtATime = new ReentrantLock(true);
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();

    /** Creates the pipeline and the graph schema it needs (constraints and indexes; idempotent). */
    public IngestPipeline(GraphStore store, TextAnnotator annotator, IngestConfig config) {
        Objects.requireNonNull(store, "store");
        this.annotator = Objects.requireNonNull(annotator, "annotator");
        this.config = Objects.requireNonNull(config, "config");
        this.graph = new EvidenceGraph(store);
        graph.ensureSchema();
    }

    public IngestConfig config() {
        return config;
    }

    /** Ingests files and folders (walked recursively); blocks until done. */
    public IngestReport ingest(List<Path> paths) {
        return ingest(paths, null);
    }

    /** Ingests files and folders, reporting progress every {@link IngestConfig#progressInterval()}. */
    public IngestReport ingest(List<Path> paths, Consumer<IngestProgress> progress) {
        Objects.requireNonNull(paths, "paths");
        return locked(jobId -> new IngestRun(config, graph, annotator, jobId, progress).runFiles(List.copyOf(paths)),
                newJobId());
    }

    /** Ingests documents handed in directly (no file ledger; document hashes still apply). */
    public IngestReport ingestDocuments(List<SourceDocument> documents) {
        Objects.requireNonNull(documents, "documents");
        return locked(jobId -> new IngestRun(config, graph, annotator, jobId, null)
                .runDocuments(List.copyOf(documents)), newJobId());
    }

    /**
     * Ingests one text, e.g. from {@code POST /documents}.
     *
     * @param id     document id, unique across sources (e.g. {@code note:123}, {@code PMID:29768149})
     * @param text   the text
     * @param source source name stored on the document, e.g. {@code api}
     * @param title  title, may be null
     * @param year   publication year, may be null
     */
    public IngestReport ingestText(String id, String text, String source, String title, Integer year) {
        return ingestDocuments(List.of(new SourceDocument(id, source == null ? "api" : source, title, text, year,
                null, List.of(), Map.of())));
    }

    /**
     * Starts {@link #ingest(List)} in the background and returns at once; poll {@link #job(String)}.
     * Jobs queue behind each other.
     */
    public Job submit(List<Path> paths) {
        Objects.requireNonNull(paths, "paths");
        String id = newJobId();
        List<Path> copy = List.copyOf(paths);
        CompletableFuture<IngestReport> future = new CompletableFuture<>();
        Job job = new Job(id, copy, future);
        jobs.put(id, job);
        Thread t = new Thread(() -> {
            try {
                future.complete(locked(jobId -> new IngestRun(config, graph, annotator, jobId, null)
                        .runFiles(copy), id));
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        }, "ingest-job-" + id);
        t.setDaemon(true);
        t.start();
        return job;
    }

    /** A job started with {@link #submit}, or null. */
    public Job job(String id) {
        return jobs.get(id);
    }

    private IngestReport locked(java.util.function.Function<String, IngestReport> body, String jobId) {
        oneJobAtATime.lock();
        try {
            return body.apply(jobId);
        } finally {
            oneJobAtATime.unlock();
        }
    }

    private static String newJobId() {
        return "ingest-" + LocalDateTime.now(ZoneOffset.UTC).format(JOB_TIME) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Nothing to release: the store and the annotator belong to the caller. */
    @Override
    public void close() {
        jobs.clear();
    }

    /** A background job: its id, its inputs and its outcome. */
    public record Job(String id, List<Path> paths, CompletableFuture<IngestReport> report) {
        /** {@code running}, {@code succeeded}, {@code failed} (some input failed) or {@code aborted}. */
        public String status() {
            if (!report.isDone()) {
                return "running";
            }
            if (report.isCompletedExceptionally()) {
                return "aborted";
            }
            IngestReport r = report.join();
            return r.aborted() ? "aborted" : r.succeeded() ? "succeeded" : "failed";
        }
    }
}
