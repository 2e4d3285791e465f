package io.repurpose.nlp;

import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.xgboost.XGBoostTrainer;
import org.tribuo.ensemble.WeightedEnsembleModel;

import java.util.List;
import java.util.Map;

/**
 * The learner of the document-level pair model (session 13, {@code pairs.learner}), written {@code KIND} or
 * {@code KIND:key=value,...}: {@code logistic} (the default, today's model: {@link RelationTrainer#fit}, or the
 * {@code pairs.bag} ensemble of such models); {@code xgboost}, gradient-boosted trees (Chen and Guestrin, "XGBoost: A
 * Scalable Tree Boosting System", KDD 2016) through Tribuo's {@link XGBoostClassificationTrainer}, which can learn the
 * interactions of title, rank and cue features that a linear model cannot express; {@code blend}, the mean of the
 * logistic and the boosted model's probabilities. Keys of the trees: {@code trees} (boosting rounds), {@code depth}
 * (maximum tree depth), {@code eta} (shrinkage), {@code subsample} (rows per tree), {@code colsample} (features per
 * tree), {@code minChild} (minimum hessian weight of a leaf). Trees are grown on one thread with the model seed, so the
 * same rows and seed give the same model. {@link PairTrainer#learn} uses it for the final model and for the CV fits that
 * choose the thresholds alike. Measured in session 13 and not adopted (off by default): on both train halves xgboost
 * raised BioRED pair F1 (+0.026 / +0.023), but on fold 0 CID F1 fell by 0.036 (more false pairs of the title chemical).
 * Scoring one pair costs about 0.2 ms against 0.02 ms for the logistic model, and xgboost4j's {@code Booster.predict}
 * is synchronized, so annotator threads queue on it.
 */
record PairLearner(String kind, int trees, int depth, double eta, double subsample, double colsample, double minChild) {

    static final List<String> KINDS = List.of("logistic", "xgboost", "blend");

    private static final List<String> KEYS = List.of("trees", "depth", "eta", "subsample", "colsample", "minChild");

    /** Today's learner: one logistic regression (or the {@code pairs.bag} ensemble of them); declared after KINDS. */
    static final PairLearner LOGISTIC = new PairLearner("logistic", 100, 4, 0.1, 0.8, 1.0, 1.0);

    PairLearner {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("pairs.learner kind '" + kind + "' must be one of " + KINDS);
        }
        if (trees < 1 || trees > 5000) {
            throw new IllegalArgumentException("pairs.learner trees=" + trees + " must be 1 to 5000");
        }
        if (depth < 1 || depth > 20) {
            throw new IllegalArgumentException("pairs.learner depth=" + depth + " must be 1 to 20");
        }
        if (!(eta > 0 && eta <= 1)) {
            throw new IllegalArgumentException("pairs.learner eta=" + eta + " must be in (0, 1]");
        }
        if (!(subsample > 0 && subsample <= 1)) {
            throw new IllegalArgumentException("pairs.learner subsample=" + subsample + " must be in (0, 1]");
        }
        if (!(colsample > 0 && colsample <= 1)) {
            throw new IllegalArgumentException("pairs.learner colsample=" + colsample + " must be in (0, 1]");
        }
        if (!(minChild >= 0)) {
            throw new IllegalArgumentException("pairs.learner minChild=" + minChild + " must be 0 or more");
        }
    }

    /** The learner a {@code pairs.learner} value names ("" is {@link #LOGISTIC}); keys left out keep LOGISTIC's values. */
    static PairLearner parse(String spec) {
        String s = spec.replace(" ", "");
        if (s.isEmpty()) {
            return LOGISTIC;
        }
        String[] kindKeys = s.split(":", 2);
        Map<String, String> kv = PairTrainer.keyValues("pairs.learner", spec, kindKeys.length == 2 ? kindKeys[1] : "", KEYS);
        if (kindKeys[0].equals("logistic") && !kv.isEmpty()) {
            throw new IllegalArgumentException("pairs.learner=" + spec + ": logistic takes no keys");
        }
        PairLearner d = LOGISTIC;
        try {
            return new PairLearner(kindKeys[0], Integer.parseInt(kv.getOrDefault("trees", "" + d.trees())),
                    Integer.parseInt(kv.getOrDefault("depth", "" + d.depth())),
                    Double.parseDouble(kv.getOrDefault("eta", "" + d.eta())),
                    Double.parseDouble(kv.getOrDefault("subsample", "" + d.subsample())),
                    Double.parseDouble(kv.getOrDefault("colsample", "" + d.colsample())),
                    Double.parseDouble(kv.getOrDefault("minChild", "" + d.minChild())));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("pairs.learner=" + spec + ": " + e.getMessage(), e);
        }
    }

    /** The {@code pairs.learner} value of this learner ("logistic" for {@link #LOGISTIC}). */
    String spec() {
        return kind.equals("logistic") ? kind : kind + ":trees=" + trees + ",depth=" + depth + ",eta=" + eta
                + ",subsample=" + subsample + ",colsample=" + colsample + ",minChild=" + minChild;
    }

    boolean logistic() {
        return kind.equals("logistic");
    }

    /** Fits the pair model on the examples: {@code bag} applies to the logistic model (and the logistic half of a blend). */
    Model<Label> fit(List<Example<Label>> examples, String source, long seed, int bag) {
        if (logistic()) {
            return logistic(examples, source, seed, bag);
        }
        Model<Label> trees = trainer(seed).train(RelationTrainer.dataset(examples, source));
        if (kind.equals("xgboost")) {
            return trees;
        }
        return WeightedEnsembleModel.createEnsembleFromExistingModels("pair-blend",
                List.of(logistic(examples, source, seed, bag), trees), new FullyWeightedVotingCombiner());
    }

    /** One logistic model ({@link RelationTrainer#fit}), or with {@code bag} &ge; 2 a bagged ensemble of them. */
    private static Model<Label> logistic(List<Example<Label>> examples, String source, long seed, int bag) {
        if (bag < 2) {
            return RelationTrainer.fit(examples, source, seed);
        }
        org.tribuo.ensemble.BaggingTrainer<Label> trainer = new org.tribuo.ensemble.BaggingTrainer<>(
                RelationTrainer.trainer(seed), new FullyWeightedVotingCombiner(), bag, seed);
        return trainer.train(RelationTrainer.dataset(examples, source));
    }

    /** The boosted-trees trainer: multi-class softmax, histogram trees, L2 1, one thread, seeded. */
    XGBoostClassificationTrainer trainer(long seed) {
        return new XGBoostClassificationTrainer(XGBoostTrainer.BoosterType.GBTREE, XGBoostTrainer.TreeMethod.HIST, trees,
                eta, 0, depth, minChild, subsample, colsample, 1, 0, 1, XGBoostTrainer.LoggingVerbosity.SILENT, seed);
    }
}
