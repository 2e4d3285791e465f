/**
 * Link prediction for drug repurposing: ranks every Compound→Disease pair and explains each score.
 * Entry point: {@link io.repurpose.linkpred.LinkPredictor} (configured by
 * {@link io.repurpose.linkpred.LinkPredConfig}); results are the records
 * {@link io.repurpose.linkpred.Candidate}, {@link io.repurpose.linkpred.Explanation} and
 * {@link io.repurpose.linkpred.ModelInfo}. Everything else is package-private: the projection into CSR
 * adjacency ({@code HetGraph}, {@code Projector}), DWPC by sparse products ({@code Dwpc}, {@code Metapath}),
 * FastRP embeddings ({@code Embeddings}), features ({@code FeatureSpace}, {@code FeatureBuilder}), leakage-free
 * training rows and folds ({@code TrainingRows}, {@code Splits}), the Tribuo trainer ({@code ModelTrainer}),
 * evaluation ({@code CrossValidation}, {@code Metrics}, {@code Plots}) and the command line ({@code LinkPredCli}).
 */
package io.repurpose.linkpred;
