package io.repurpose.ingest;

import java.time.Duration;

/**
 * A progress tick of a running job.
 *
 * @param documentsDone  documents written, skipped or failed so far
 * @param documentsSeen  documents read so far
 * @param docsPerSecond  documents done per second since the start
 * @param fractionDone   share of input bytes (or documents, for text handed in) consumed, in [0,1]
 * @param elapsed        time since the start
 * @param eta            estimated time left, or null when unknown
 */
public record IngestProgress(long documentsDone, long documentsSeen, double docsPerSecond, double fractionDone,
                             Duration elapsed, Duration eta) {
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%d/%d documents, %.1f docs/s, %.0f%% read, elapsed %ds, ETA %s",
                documentsDone, documentsSeen, docsPerSecond, 100 * fractionDone, elapsed.toSeconds(),
                eta == null ? "?" : eta.toSeconds() + "s");
    }
}
