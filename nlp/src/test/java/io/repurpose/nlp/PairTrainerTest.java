package io.repurpose.nlp;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pair model's decision rule chosen on out-of-fold scores: threshold, and the relative score of pairs.compete. */
class PairTrainerTest {

    /**
     * Three documents, one chemical each: its true disease scores highest within the document, but a wrong disease of
     * one document (0.6) outscores the true one of another (0.5), so no threshold alone separates them; a relative
     * score (p at least r times the document's best) does.
     */
    @Test
    void competitionBeatsAThresholdWhenScoresShiftPerDocument() {
        List<double[]> scored = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        add(scored, groups, "d1", 0.9, 1);
        add(scored, groups, "d1", 0.6, 0);
        add(scored, groups, "d2", 0.5, 1);
        add(scored, groups, "d2", 0.2, 0);
        add(scored, groups, "d3", 0.8, 1);
        add(scored, groups, "d3", 0.55, 0);
        double[] plain = PairTrainer.choose(scored, groups, false);
        assertEquals(0, plain[1], "no competition asked: r = 0");
        assertTrue(plain[0] > 0.6 && plain[0] <= 0.8, "the threshold alone gives up the 0.5 (F1 0.8): " + plain[0]);
        double[] compete = PairTrainer.choose(scored, groups, true);
        assertEquals(0.7, compete[1], 1e-9, "the smallest r with 0.6 < r * 0.9 and 0.55 < r * 0.8 (F1 1)");
        assertEquals(0.05, compete[0], 1e-9, "ties keep the lowest threshold");
        assertArrayEquals(plain, PairTrainer.choose(scored, List.of("a", "b", "c", "d", "e", "f"), true),
                "one pair per group: nothing competes, r stays 0");
        assertThrows(IllegalArgumentException.class, () -> PairTrainer.choose(scored, List.of("a"), true));
    }

    @Test
    void competitionCanBeLimitedToFamilies() {
        assertTrue(PairTrainer.competes("object", "GENE>GENE"));
        assertTrue(PairTrainer.competes("object:CHEMICAL>DISEASE", "CHEMICAL>DISEASE"));
        assertTrue(!PairTrainer.competes("object:CHEMICAL>DISEASE", "GENE>DISEASE"));
        assertTrue(PairTrainer.competes("subject:GENE>DISEASE,CHEMICAL>DISEASE", "CHEMICAL>DISEASE"));
        assertTrue(!PairTrainer.competes("", "CHEMICAL>DISEASE"));
    }

    /** {@code pairs.bag}: a seeded bagged ensemble of logistic models, the same for the same seed, probabilities averaged. */
    @Test
    void baggedPairModelIsSeededAndSeparatesTheClasses() {
        List<org.tribuo.Example<org.tribuo.classification.Label>> examples = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            boolean pos = i % 3 == 0;
            examples.add(RelationModel.example(pos ? "CAUSES" : RelationModel.NONE,
                    List.of(pos ? "cue=SO:induce" : "cue=SO:treat", "n=" + (i % 5))));
        }
        org.tribuo.Model<org.tribuo.classification.Label> bagged = PairTrainer.learn(examples, "test", 7L, 3);
        assertTrue(bagged instanceof org.tribuo.ensemble.EnsembleModel<?> e && e.getNumModels() == 3, bagged.toString());
        RelationModel m = new RelationModel(bagged);
        java.util.Map<String, Double> induced = m.score(List.of("cue=SO:induce", "n=1")).all();
        java.util.Map<String, Double> treated = m.score(List.of("cue=SO:treat", "n=1")).all();
        assertTrue(induced.get("CAUSES") > 0.5 && treated.get("CAUSES") < 0.5, induced + " / " + treated);
        assertEquals(1.0, induced.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-6);
        assertEquals(induced, new RelationModel(PairTrainer.learn(examples, "test", 7L, 3))
                .score(List.of("cue=SO:induce", "n=1")).all(), "same seed, same ensemble");
        assertTrue(!(PairTrainer.learn(examples, "test", 7L, 0) instanceof org.tribuo.ensemble.EnsembleModel<?>),
                "0: one model, as before session 10");
    }

    /** {@code pairs.bc5cdrTreats}: a pair counts as stated treatment when a sentence model scores TREATS over CAUSES. */
    @Test
    void aTreatmentSentenceMakesABc5cdrPairTreats() {
        assertTrue(PairTrainer.statesTreatment(pair(0.2, 0.7)));
        assertTrue(!PairTrainer.statesTreatment(pair(0.2, 0.4)), "TREATS under 0.5");
        assertTrue(!PairTrainer.statesTreatment(pair(0.8, 0.6)), "CAUSES above TREATS");
        assertTrue(!PairTrainer.statesTreatment(new PairFeatures.Pair(entity(EntityType.CHEMICAL), entity(EntityType.DISEASE),
                List.of(), List.of())), "no sentence holds both");
    }

    private static PairFeatures.Pair pair(double causes, double treats) {
        PairFeatures.Entity c = entity(EntityType.CHEMICAL);
        PairFeatures.Entity d = entity(EntityType.DISEASE);
        PairFeatures.SentencePair low = new PairFeatures.SentencePair(1, c.mentions().get(0), d.mentions().get(0),
                java.util.Map.of("CAUSES", 0.1, "TREATS", 0.1), List.of());
        PairFeatures.SentencePair sp = new PairFeatures.SentencePair(2, c.mentions().get(0), d.mentions().get(0),
                java.util.Map.of("CAUSES", causes, "TREATS", treats), List.of());
        return new PairFeatures.Pair(c, d, List.of(), List.of(low, sp));
    }

    private static PairFeatures.Entity entity(EntityType t) {
        Mention m = new Mention(t, "x", 0, 1, 0, "ID" + t, null, java.util.Map.of(), 0.9, java.util.Set.of());
        return new PairFeatures.Entity(t + ":x", t, List.of(m));
    }

    @Test
    void onlyTheChemicalDiseaseFamilyHasSeveralTypes() {
        assertEquals(2, PairTrainer.typesOf("CHEMICAL>DISEASE"), "TREATS, CAUSES");
        assertEquals(1, PairTrainer.typesOf("GENE>DISEASE"));
        assertEquals(0, PairTrainer.typesOf("DISEASE>CHEMICAL"));
    }

    private static void add(List<double[]> scored, List<String> groups, String group, double p, int gold) {
        scored.add(new double[] {p, gold});
        groups.add(group);
    }
}
