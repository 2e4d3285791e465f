package io.repurpose.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.serde.annotation.Serdeable;
import io.repurpose.graph.GraphStore;
import io.repurpose.ingest.IngestConfig;
import io.repurpose.ingest.IngestError;
import io.repurpose.ingest.IngestPipeline;
import io.repurpose.ingest.IngestReport;
import io.repurpose.nlp.CoreNlpAnnotator;
import io.repurpose.nlp.NlpConfig;
import io.repurpose.nlp.TextAnnotator;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asynchronous ingestion for the API: jobs run one at a time on one background thread through the
 * ingest module's {@link IngestPipeline}; the annotator is loaded on the first job. Also the scheduled
 * job that ingests the configured watch folder.
 */
@Singleton
@Requires(beans = GraphStore.class)
class IngestService {
    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

    /**
     * A job as GET /jobs/{id} shows it.
     *
     * @param id        job id
     * @param trigger   {@code api} or {@code schedule}
     * @param status    queued, running, succeeded, failed (some input failed; the rest landed), aborted
     * @param submitted when it was queued
     * @param counts    documents seen/ingested/skipped/failed, evidence written, files...
     * @param errors    problems with file and position
     * @param message   why it aborted, if it did
     */
    @Serdeable
    record JobView(String id, String trigger, String status, Instant submitted, @Nullable Map<String, Long> counts,
                   @Nullable List<String> errors, @Nullable String message) {
    }

    private record Job(String id, String trigger, Instant submitted, CompletableFuture<IngestReport> report,
                       AtomicBoolean started) {
    }

    private final GraphStore store;
    private final IngestProperties properties;
    private final OrderlyShutdown shutdown;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "repurpose-ingest");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final AtomicBoolean watchRunning = new AtomicBoolean();
    private volatile IngestPipeline pipeline;

    IngestService(GraphStore store, IngestProperties properties, OrderlyShutdown shutdown) {
        this.store = store;
        this.properties = properties;
        this.shutdown = shutdown;
    }

    /** Queues one text document. */
    JobView submitText(String documentId, String text, @Nullable String title, @Nullable Integer year,
                       @Nullable String source) {
        return submit("api", () -> pipeline().ingestText(documentId, text, source == null ? "api" : source, title,
                year));
    }

    /** Queues a document file's content (PubMed XML, PubTator...): written to the inbox, then ingested. */
    JobView submitFile(String extension, byte[] content) {
        Path file;
        try {
            Files.createDirectories(properties.inbox());
            file = properties.inbox().resolve("api-" + UUID.randomUUID() + extension);
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the inbox " + properties.inbox() + ": " + e.getMessage(),
                    e);
        }
        return submit("api", () -> pipeline().ingest(List.of(file)));
    }

    /** The job, if known. */
    @Nullable
    JobView job(String id) {
        Job j = jobs.get(id);
        return j == null ? null : view(j);
    }

    /** Recent jobs, newest first. */
    List<JobView> jobs() {
        return jobs.values().stream().sorted(Comparator.comparing(Job::submitted).reversed()).map(this::view)
                .toList();
    }

    /** The scheduled job: ingests the watch folder (already ingested files are skipped by the ledger). */
    @Scheduled(cron = "${repurpose.ingest.cron:0 0 * * * *}")
    void ingestWatchFolder() {
        Path watch = properties.watch();
        if (watch == null || !Files.isDirectory(watch)) {
            return;
        }
        if (!watchRunning.compareAndSet(false, true)) {
            LOG.info("scheduled ingestion of {} still running; skipping this turn", watch);
            return;
        }
        LOG.info("scheduled ingestion of {}", watch);
        submit("schedule", () -> {
            try {
                return pipeline().ingest(List.of(watch));
            } finally {
                watchRunning.set(false);
            }
        });
    }

    private JobView submit(String trigger, Supplier<IngestReport> work) {
        String id = "job-" + UUID.randomUUID();
        Job job = new Job(id, trigger, Instant.now(), new CompletableFuture<>(), new AtomicBoolean());
        forgetOldJobs();
        jobs.put(id, job);
        executor.execute(() -> {
            job.started().set(true);
            try {
                IngestReport r = work.get();
                LOG.info("{} ({}): {}", id, trigger, r.summary().lines().findFirst().orElse(""));
                job.report().complete(r);
            } catch (Throwable e) {
                if (shutdown.stopping()) {
                    // a re-run skips what landed (ingestion ledger) and finishes the rest
                    LOG.info("{} ({}) stopped by the shutdown: {}", id, trigger, e.toString());
                } else {
                    LOG.error("{} ({}) aborted", id, trigger, e);
                }
                job.report().completeExceptionally(e);
            }
        });
        return view(job);
    }

    private void forgetOldJobs() {
        if (jobs.size() >= properties.keepJobs()) {
            jobs.values().stream().filter(j -> j.report().isDone()).sorted(Comparator.comparing(Job::submitted))
                    .limit(jobs.size() - properties.keepJobs() + 1L).map(Job::id).toList().forEach(jobs::remove);
        }
    }

    private JobView view(Job j) {
        CompletableFuture<IngestReport> f = j.report();
        if (!f.isDone()) {
            return new JobView(j.id(), j.trigger(), j.started().get() ? "running" : "queued", j.submitted(), null,
                    null, null);
        }
        if (f.isCompletedExceptionally()) {
            String message;
            try {
                f.join();
                message = null;
            } catch (RuntimeException e) {
                Throwable c = e.getCause() == null ? e : e.getCause();
                message = c.getClass().getSimpleName() + ": " + c.getMessage();
            }
            return new JobView(j.id(), j.trigger(), "aborted", j.submitted(), null, null, message);
        }
        IngestReport r = f.join();
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        counts.put("filesSeen", (long) r.filesSeen());
        counts.put("filesSkipped", (long) r.filesSkipped());
        counts.put("filesFailed", (long) r.filesFailed());
        counts.put("documentsSeen", r.documentsSeen());
        counts.put("documentsIngested", r.documentsIngested());
        counts.put("documentsSkipped", r.documentsSkipped());
        counts.put("documentsFailed", r.documentsFailed());
        counts.put("evidenceWritten", r.evidenceWritten());
        counts.put("wallTimeMillis", r.wallTime().toMillis());
        List<String> errors = new ArrayList<>();
        for (IngestError e : r.errors()) {
            errors.add(e.toString());
        }
        String status = r.aborted() ? "aborted" : r.succeeded() ? "succeeded" : "failed";
        return new JobView(j.id(), j.trigger(), status, j.submitted(), counts, errors, null);
    }

    private IngestPipeline pipeline() {
        IngestPipeline p = pipeline;
        if (p == null) {
            synchronized (this) {
                if (pipeline == null) {
                    long t0 = System.nanoTime();
                    TextAnnotator annotator = annotator(properties);
                    LOG.info("annotator {} ready in {} ms", annotator.modelVersion(),
                            (System.nanoTime() - t0) / 1_000_000);
                    pipeline = new IngestPipeline(store, annotator, IngestConfig.withQuarantine(properties.quarantine())
                            .withWorkers(properties.workers()));
                }
                p = pipeline;
            }
        }
        return p;
    }

    /** The configured annotator: CoreNLP, or a class with a no-argument constructor. */
    static TextAnnotator annotator(IngestProperties properties) {
        if ("corenlp".equals(properties.annotator())) {
            return CoreNlpAnnotator.load(new NlpConfig(properties.sharedData(), properties.nlpModels()));
        }
        try {
            return (TextAnnotator) Class.forName(properties.annotator()).getConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("repurpose.ingest.annotator: cannot create '" + properties.annotator()
                    + "': " + e, e);
        }
    }

    /** Stops the running job (interrupted, then waited for) before the graph store it writes to closes. */
    @PreDestroy
    void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(OrderlyShutdown.WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.info("an ingestion job still runs after {} s; closing anyway", OrderlyShutdown.WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        IngestPipeline p = pipeline;
        if (p != null) {
            p.close();
        }
    }
}
