package io.repurpose.ingest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How an ingestion job runs.
 *
 * @param workers          NLP worker threads; default: the number of cores
 * @param queueCapacity    bound of each queue (parser → workers, workers → writer); bounds memory and
 *                         gives backpressure
 * @param batchSize        documents per write transaction
 * @param quarantineDir    where bad files and bad records are copied, one folder per job
 * @param progressInterval how often progress (documents/s, ETA) is logged and reported; zero turns it off
 * @param lookupChunk      documents per ledger lookup (which ids are already in the graph with this hash)
 * @param noteIdPrefix     prefix of clinical-note document ids, e.g. {@code note:} + the CSV id column
 * @param maxDocumentChars longest text accepted for one document; longer is reported as bad input
 * @param writeLinger      how long the writer waits for a batch to fill when NLP delivers slowly: fewer,
 *                         larger transactions (a job's last batch never waits)
 */
public record IngestConfig(int workers, int queueCapacity, int batchSize, Path quarantineDir,
                           Duration progressInterval, int lookupChunk, String noteIdPrefix, int maxDocumentChars,
                           Duration writeLinger) {

    public static final Path DEFAULT_QUARANTINE = Path.of("data", "quarantine");

    public IngestConfig {
        if (workers < 1 || workers > 256) {
            throw new IllegalArgumentException("workers must be in [1,256], got " + workers);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be positive, got " + queueCapacity);
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("batchSize must be in [1,10000], got " + batchSize);
        }
        Objects.requireNonNull(quarantineDir, "quarantineDir");
        progressInterval = progressInterval == null ? Duration.ofSeconds(10) : progressInterval;
        if (progressInterval.isNegative()) {
            throw new IllegalArgumentException("progressInterval is negative: " + progressInterval);
        }
        if (lookupChunk < 1) {
            throw new IllegalArgumentException("lookupChunk must be positive, got " + lookupChunk);
        }
        noteIdPrefix = noteIdPrefix == null ? "note:" : noteIdPrefix;
        if (maxDocumentChars < 1) {
            throw new IllegalArgumentException("maxDocumentChars must be positive, got " + maxDocumentChars);
        }
        writeLinger = writeLinger == null ? Duration.ofSeconds(5) : writeLinger;
        if (writeLinger.isNegative()) {
            throw new IllegalArgumentException("writeLinger is negative: " + writeLinger);
        }
    }

    /**
     * Defaults: one worker per core, queues of 256, 100 documents per transaction, ./data/quarantine,
     * progress every 10 s, writer linger 5 s.
     */
    public static IngestConfig defaults() {
        return withQuarantine(DEFAULT_QUARANTINE);
    }

    /** Defaults with another quarantine folder. */
    public static IngestConfig withQuarantine(Path quarantineDir) {
        int cores = Runtime.getRuntime().availableProcessors();
        return new IngestConfig(Math.max(1, cores), 256, 100, quarantineDir, Duration.ofSeconds(10), 200,
                "note:", 1_000_000, Duration.ofSeconds(5));
    }

    public IngestConfig withWorkers(int n) {
        return new IngestConfig(n, queueCapacity, batchSize, quarantineDir, progressInterval, lookupChunk,
                noteIdPrefix, maxDocumentChars, writeLinger);
    }

    public IngestConfig withBatchSize(int n) {
        return new IngestConfig(workers, queueCapacity, n, quarantineDir, progressInterval, lookupChunk,
                noteIdPrefix, maxDocumentChars, writeLinger);
    }

    public IngestConfig withQueueCapacity(int n) {
        return new IngestConfig(workers, n, batchSize, quarantineDir, progressInterval, lookupChunk,
                noteIdPrefix, maxDocumentChars, writeLinger);
    }

    public IngestConfig withProgressInterval(Duration d) {
        return new IngestConfig(workers, queueCapacity, batchSize, quarantineDir, d, lookupChunk,
                noteIdPrefix, maxDocumentChars, writeLinger);
    }

    public IngestConfig withWriteLinger(Duration d) {
        return new IngestConfig(workers, queueCapacity, batchSize, quarantineDir, progressInterval, lookupChunk,
                noteIdPrefix, maxDocumentChars, d);
    }
}
