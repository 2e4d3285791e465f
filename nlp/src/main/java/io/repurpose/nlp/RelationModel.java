package io.repurpose.nlp;

import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.impl.ArrayExample;
import org.tribuo.classification.LabelFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The trained Tribuo relation classifier: labels NONE, TREATS, CAUSES, TARGETS, ASSOCIATED_WITH. Thread-safe. */
final class RelationModel {

    static final String NONE = "NONE";

    /** Most probable label and the probability of every label. */
    record Scored(String label, double probability, Map<String, Double> all) {
    }

    private final Model<Label> model;

    RelationModel(Model<Label> model) {
        this.model = model;
    }

    @SuppressWarnings("unchecked")
    static RelationModel load(Path file) {
        try {
            Model<?> m = Model.deserializeFromFile(file);
            if (!m.validate(Label.class)) {
                throw new IllegalStateException(file + " is not a classification model");
            }
            return new RelationModel((Model<Label>) m);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load relation model " + file, e);
        }
    }

    static ArrayExample<Label> example(String label, List<String> features) {
        String[] names = features.toArray(new String[0]);
        double[] values = new double[names.length];
        Arrays.fill(values, 1.0);
        return new ArrayExample<>(label == null ? LabelFactory.UNKNOWN_LABEL : new Label(label), names, values);
    }

    Scored score(List<String> features) {
        return scored(model.predict(example(null, features)));
    }

    /**
     * {@link #score(List)} of many feature lists in one call: the same scores, but a boosted-trees model (session 13)
     * builds one matrix and crosses the native boundary once, instead of once per pair.
     */
    List<Scored> scoreAll(List<List<String>> features) {
        if (features.isEmpty()) {
            return List.of();
        }
        List<org.tribuo.Example<Label>> examples = new java.util.ArrayList<>(features.size());
        features.forEach(f -> examples.add(example(null, f)));
        return model.predict(examples).stream().map(RelationModel::scored).toList();
    }

    private static Scored scored(Prediction<Label> p) {
        Map<String, Double> all = new java.util.HashMap<>();
        p.getOutputScores().forEach((k, v) -> all.put(k, v.getScore()));
        return new Scored(p.getOutput().getLabel(), p.getOutput().getScore(), all);
    }

    /** Probability of every label for an example built by {@link #example}. */
    Map<String, Double> score(org.tribuo.Example<Label> example) {
        Map<String, Double> all = new java.util.HashMap<>();
        model.predict(example).getOutputScores().forEach((k, v) -> all.put(k, v.getScore()));
        return all;
    }

    String provenance() {
        return model.getProvenance().getTrainingTime() + " " + model.getProvenance().getDatasetProvenance().getSourceProvenance();
    }

    Model<Label> model() {
        return model;
    }
}
