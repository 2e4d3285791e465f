package io.repurpose.api;

import java.nio.file.Path;
import java.time.Duration;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code repurpose.linkpred.*}: where the trained model lives and how often the API looks for a newer
 * one ({@code REPURPOSE_LINKPRED_MODEL_DIRECTORY=...}).
 *
 * @param modelDirectory  the directory {@code repurpose train} saves to
 * @param refreshInterval how often the model directory is checked for a new model
 */
@ConfigurationProperties("repurpose.linkpred")
public record LinkPredProperties(@Bindable(defaultValue = "data/models/linkpred") Path modelDirectory,
                                 @Bindable(defaultValue = "30s") Duration refreshInterval) {
}
