package io.repurpose.api;

import java.nio.file.Path;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code repurpose.ingest.*}: how documents are ingested (POST /documents, the scheduled job, the
 * {@code ingest} command). Environment overrides as usual, e.g. {@code REPURPOSE_INGEST_WATCH=/srv/inbox}.
 *
 * @param annotator      {@code corenlp} (the nlp module's annotator, loaded once, 5-20 s) or the class name
 *                       of a TextAnnotator with a public no-argument constructor
 * @param sharedData     the shared data folder (lexicons)
 * @param nlpModels      trained NLP models
 * @param inbox          where POSTed XML documents are written before ingestion
 * @param quarantine     where bad input is copied, one folder per job
 * @param workers        NLP threads
 * @param watch          folder ingested by the scheduled job (files already ingested are skipped by the
 *                       ledger); unset: the scheduled job does nothing
 * @param cron           when the scheduled job runs (Micronaut cron with seconds)
 * @param keepJobs       finished jobs remembered for GET /jobs
 */
@ConfigurationProperties("repurpose.ingest")
public record IngestProperties(@Bindable(defaultValue = "corenlp") String annotator,
                               @Bindable(defaultValue = "../shared/data") Path sharedData,
                               @Bindable(defaultValue = "data/models/nlp") Path nlpModels,
                               @Bindable(defaultValue = "data/inbox") Path inbox,
                               @Bindable(defaultValue = "data/quarantine") Path quarantine,
                               @Bindable(defaultValue = "2") int workers,
                               @Nullable Path watch,
                               @Bindable(defaultValue = "0 0 * * * *") String cron,
                               @Bindable(defaultValue = "200") int keepJobs) {
    public IngestProperties {
        if (workers < 1 || workers > 64) {
            throw new IllegalArgumentException("repurpose.ingest.workers must be in 1..64, got " + workers);
        }
    }
}
