package io.repurpose.nlp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.classification.Label;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Session 13: the pair model's learner ({@code pairs.learner}): parsing, the default unchanged, boosted trees. */
class PairLearnerTest {

    @Test
    void theSpecIsParsedWrittenInFullAndRefusedByName() {
        assertEquals(PairLearner.LOGISTIC, PairLearner.parse(""));
        assertEquals(PairLearner.LOGISTIC, PairLearner.parse("logistic"));
        assertEquals("logistic", PairLearner.LOGISTIC.spec());
        PairLearner x = PairLearner.parse("xgboost: trees=300,depth=6,eta=0.05");
        assertEquals(new PairLearner("xgboost", 300, 6, 0.05, 0.8, 1.0, 1.0), x, "keys left out keep the defaults");
        assertEquals(x, PairLearner.parse(x.spec()));
        assertEquals("blend", PairLearner.parse("blend").kind());
        for (String bad : List.of("forest", "xgboost:trees=0", "xgboost:depth=x", "xgboost:eta=2", "xgboost:subsample=0",
                "xgboost:leaves=3", "logistic:trees=3")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PairLearner.parse(bad));
            assertTrue(e.getMessage().contains(bad.contains(":") ? bad.split(":")[1].split("=")[0] : bad), e.getMessage());
        }
    }

    /** The default options fit exactly the model of {@link RelationTrainer#fit} (today's pair model). */
    @Test
    void theDefaultLearnerIsTodaysLogisticModel() {
        List<Example<Label>> examples = xor(50);
        Model<Label> today = RelationTrainer.fit(examples, "test", 7L);
        Model<Label> learned = PairTrainer.learn(examples, "test", 7L, AnnotatorOptions.DEFAULTS);
        assertEquals(today.getClass(), learned.getClass());
        for (List<String> f : List.of(List.of("bias", "a"), List.of("bias", "b"), List.of("bias", "a", "b"))) {
            assertEquals(new RelationModel(today).score(f).all(), new RelationModel(learned).score(f).all(), f.toString());
        }
    }

    /**
     * A relation when exactly one of two cues is present: no linear model separates it (XOR), seeded boosted trees do,
     * the same for the same seed, and the model survives the model file; a blend's probabilities are the mean of both.
     */
    @Test
    void boostedTreesLearnAnInteractionAndSurviveTheModelFile(@TempDir Path dir) {
        List<Example<Label>> examples = xor(50);
        PairLearner trees = PairLearner.parse("xgboost:trees=30,depth=2,eta=0.3,subsample=1,minChild=0.5");
        RelationModel m = new RelationModel(trees.fit(examples, "test", 7L, 0));
        Map<String, Double> one = m.score(List.of("bias", "a")).all();
        Map<String, Double> both = m.score(List.of("bias", "a", "b")).all();
        Map<String, Double> none = m.score(List.of("bias")).all();
        assertTrue(one.get("CAUSES") > 0.8 && m.score(List.of("bias", "b")).all().get("CAUSES") > 0.8, one.toString());
        assertTrue(both.get("CAUSES") < 0.2 && none.get("CAUSES") < 0.2, both + " / " + none);
        assertEquals(1.0, one.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-6);
        assertEquals(one, new RelationModel(trees.fit(examples, "test", 7L, 0)).score(List.of("bias", "a")).all(),
                "same seed, same trees");
        Path file = dir.resolve("pairs.model");
        RelationTrainer.save(m.model(), file);
        assertEquals(one, RelationModel.load(file).score(List.of("bias", "a")).all(), "read back from the model file");
        List<List<String>> batch = List.of(List.of("bias", "a"), List.of("bias", "a", "b"), List.of("bias"));
        List<RelationModel.Scored> all = m.scoreAll(batch);
        for (int i = 0; i < batch.size(); i++) {
            assertEquals(m.score(batch.get(i)).all(), all.get(i).all(), "one batch scores as one pair at a time");
        }
        assertEquals(List.of(), m.scoreAll(List.of()));

        RelationModel blend = new RelationModel(PairLearner.parse("blend:trees=30,depth=2,eta=0.3,subsample=1,minChild=0.5")
                .fit(examples, "test", 7L, 0));
        double logistic = new RelationModel(RelationTrainer.fit(examples, "test", 7L)).score(List.of("bias", "a")).all()
                .get("CAUSES");
        assertEquals((logistic + one.get("CAUSES")) / 2, blend.score(List.of("bias", "a")).all().get("CAUSES"), 1e-6);
    }

    /**
     * Rows of five kinds in turn: cue a alone twice, b alone (CAUSES), both, neither (NONE); "bias" in every row. (With
     * the four kinds equally often no single split would gain anything, and greedy trees would not start.)
     */
    private static List<Example<Label>> xor(int n) {
        List<Example<Label>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int kind = i % 5;
            List<String> f = new ArrayList<>(List.of("bias"));
            if (kind <= 1 || kind == 3) {
                f.add("a");
            }
            if (kind == 2 || kind == 3) {
                f.add("b");
            }
            out.add(RelationModel.example(kind <= 2 ? "CAUSES" : RelationModel.NONE, f));
        }
        return out;
    }
}
