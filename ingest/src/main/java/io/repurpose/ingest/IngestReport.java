package io.repurpose.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one ingestion job.
 *
 * @param jobId              job id (also the quarantine sub-folder)
 * @param started            start time
 * @param wallTime           wall-clock duration
 * @param filesSeen          input files found
 * @param filesSkipped       files whose content hash is already in the ledger
 * @param filesFailed        files that could not be read to the end (quarantined)
 * @param documentsSeen      documents read
 * @param documentsIngested  documents written (new or revised)
 * @param documentsRevised   of those, documents that replaced an earlier version
 * @param documentsSkipped   documents already in the graph with the same content hash (or repeated in the job)
 * @param documentsFailed    documents that were bad input or failed in NLP or writing (quarantined)
 * @param documentsDeleted   documents withdrawn by their source (MEDLINE DeleteCitation) and removed
 * @param evidenceWritten    evidence records written
 * @param positiveEvidence   of those, asserted (counting towards literature edges)
 * @param negatedEvidence    of those, negated or hypothetical (stored, never counted as positive)
 * @param relationsUnlinked  relations dropped because a mention had no normalised identifier
 * @param errors             every problem with file and position
 * @param timings            busy time per stage
 * @param aborted            true when the job stopped early (graph unavailable, interrupted)
 */
public record IngestReport(String jobId, Instant started, Duration wallTime, int filesSeen, int filesSkipped,
                           int filesFailed, long documentsSeen, long documentsIngested, long documentsRevised,
                           long documentsSkipped, long documentsFailed, long documentsDeleted, long evidenceWritten, long positiveEvidence,
                           long negatedEvidence, long relationsUnlinked, List<IngestError> errors,
                           StageTimings timings, boolean aborted) {

    public IngestReport {
        Objects.requireNonNull(jobId, "jobId");
        errors = List.copyOf(errors);
        Objects.requireNonNull(timings, "timings");
    }

    /** True when nothing failed: no bad input, no NLP or write failure, not aborted. */
    public boolean succeeded() {
        return !aborted && errors.isEmpty() && filesFailed == 0 && documentsFailed == 0;
    }

    /** Process exit code: 0 all well, 1 some input failed (the rest landed), 2 the job was aborted. */
    public int exitCode() {
        return aborted ? 2 : succeeded() ? 0 : 1;
    }

    /** Documents written per second of wall time. */
    public double docsPerSecond() {
        double s = wallTime.toNanos() / 1e9;
        return s <= 0 ? 0 : documentsIngested / s;
    }

    /** A few lines for people and logs. */
    public String summary() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(java.util.Locale.ROOT,
                "job %s: %d files (%d skipped, %d failed); documents %d seen, %d ingested (%d revised), %d skipped, "
                        + "%d failed, %d deleted; evidence %d (%d positive, %d negated/hypothetical), %d relations without id; "
                        + "%.1f s, %.1f docs/s%n",
                jobId, filesSeen, filesSkipped, filesFailed, documentsSeen, documentsIngested, documentsRevised,
                documentsSkipped, documentsFailed, documentsDeleted, evidenceWritten, positiveEvidence, negatedEvidence,
                relationsUnlinked, wallTime.toMillis() / 1000.0, docsPerSecond()));
        b.append("stage busy time: ").append(timings).append(System.lineSeparator());
        for (IngestError e : errors) {
            b.append("  ").append(e).append(System.lineSeparator());
        }
        b.append(aborted ? "ABORTED" : succeeded() ? "OK" : "FAILED (see errors)");
        return b.toString();
    }

    /**
     * Busy time per stage, summed over the threads of the stage (so NLP on two workers may exceed wall time).
     *
     * @param read   reading and parsing input, hashing files
     * @param lookup ledger lookups (which documents are already in the graph)
     * @param nlp    annotation
     * @param write  write transactions
     */
    public record StageTimings(Duration read, Duration lookup, Duration nlp, Duration write) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "read %.1f s, lookup %.1f s, nlp %.1f s, write %.1f s",
                    read.toMillis() / 1000.0, lookup.toMillis() / 1000.0, nlp.toMillis() / 1000.0,
                    write.toMillis() / 1000.0);
        }
    }
}
