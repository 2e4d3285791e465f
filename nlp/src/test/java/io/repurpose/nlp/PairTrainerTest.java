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

    /** {@code pairs.bc5cdrTreatmentCues}: a treatment or protection cue class between the mentions, and nothing else. */
    @Test
    void treatmentCuesAreTheCuesFamilysTreatAndProtectClasses() {
        PairFeatures.Entity c = entity(EntityType.CHEMICAL);
        PairFeatures.Entity d = entity(EntityType.DISEASE);
        assertTrue(PairTrainer.treatmentCue(new PairFeatures.Pair(c, d, List.of("n=1", "cue=SO:treat"), List.of())));
        assertTrue(PairTrainer.treatmentCue(new PairFeatures.Pair(c, d, List.of("cue=OS:protect"), List.of())));
        assertTrue(!PairTrainer.treatmentCue(new PairFeatures.Pair(c, d, List.of("cue=SO:induce", "Safter=treatment"),
                List.of())), "an induction cue, or 'treatment' after the chemical, is no treatment cue");
        assertTrue(!PairTrainer.treatmentCue(new PairFeatures.Pair(c, d, List.of(), List.of())), "no cues family");
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

    /** Session 12: {@code pairs.thresholdChoice} read by key, written back the same, a bad value refused by name. */
    @Test
    void thresholdChoiceIsParsedAndRefusedByName() {
        assertEquals(PairTrainer.ThresholdChoice.DEFAULT, PairTrainer.ThresholdChoice.parse(""));
        assertEquals("", PairTrainer.ThresholdChoice.DEFAULT.spec(), "the default writes nothing");
        PairTrainer.ThresholdChoice c = PairTrainer.ThresholdChoice.parse("folds=5, repeats=3,plateau=0.01,minPositives=30");
        assertEquals(new PairTrainer.ThresholdChoice(5, 3, 0, 0.01, 30), c);
        assertEquals(c, PairTrainer.ThresholdChoice.parse(c.spec()));
        assertEquals(new PairTrainer.ThresholdChoice(5, 3, 4, 0.01, 30), c.withSeed(4));
        for (String bad : List.of("folds=1", "fold=5", "plateau=x", "repeats=0", "plateau=0.5", "minPositives=-1")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PairTrainer.ThresholdChoice.parse(bad));
            assertTrue(e.getMessage().contains(bad.split("=")[0]), e.getMessage());
        }
    }

    /**
     * Positives at 0.30 and 0.60, negatives at 0.10: F1 is 1 for every t in (0.10, 0.30], so the arg-max is the plateau's
     * lowest grid point (0.11), where the smallest shift of the negatives' scores costs precision; the plateau's centre
     * ((0.11 + 0.30) / 2, half-way rounded up: 0.21) is as far from both edges as the grid allows.
     */
    @Test
    void thePlateauCentreLiesInTheMiddleOfTheFlatBest() {
        List<double[]> scored = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            add(scored, groups, "p" + i, 0.30, 1);
            add(scored, groups, "n" + i, 0.10, 0);
        }
        add(scored, groups, "top", 0.60, 1);
        assertEquals(0.11, PairTrainer.choose(scored, groups, false)[0], 1e-9, "arg-max: the lowest best t");
        assertEquals(0.11, PairTrainer.choose(scored, groups, false, 0)[0], 1e-9, "plateau 0 is the arg-max");
        assertEquals(0.21, PairTrainer.choose(scored, groups, false, 0.01)[0], 1e-9, "the centre of 0.11 .. 0.30");
        // with F1 allowed 0.3 below the best, t in 0.05 .. 0.10 (F1 0.714) joins the plateau: centre of 0.05 .. 0.30
        assertEquals(0.18, PairTrainer.choose(scored, groups, false, 0.3)[0], 1e-9);
    }

    /** Other splits than the default keep a document's rows in one fold, are balanced, seeded, and differ by repeat. */
    @Test
    void randomSplitsKeepDocumentsTogetherAndMoveWithTheSeed() {
        List<PairTrainer.Row> rows = new ArrayList<>();
        for (int d = 0; d < 40; d++) {
            for (int j = 0; j < 3; j++) {
                rows.add(row(d, "CHEMICAL>DISEASE", j == 0 ? "CAUSES" : RelationModel.NONE, List.of("f" + j)));
            }
        }
        int[] legacy = PairTrainer.ThresholdChoice.DEFAULT.split(rows, 0, 42L);
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(rows.get(i).fold(), legacy[i], "the default split is the sentence models' document parity");
        }
        PairTrainer.ThresholdChoice five = new PairTrainer.ThresholdChoice(5, 2, 0, 0, 0);
        int[] a = five.split(rows, 0, 42L);
        int[] perFold = new int[5];
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(a[i - i % 3], a[i], "one document, one fold");
            perFold[a[i]]++;
        }
        assertArrayEquals(new int[] {24, 24, 24, 24, 24}, perFold, "8 documents of 3 rows in each fold");
        assertArrayEquals(a, five.split(rows, 0, 42L), "seeded");
        assertTrue(!java.util.Arrays.equals(a, five.split(rows, 1, 42L)), "another repeat, another split");
        assertTrue(!java.util.Arrays.equals(a, five.withSeed(1).split(rows, 0, 42L)), "another seed, another split");
        assertEquals(42L, PairTrainer.ThresholdChoice.DEFAULT.fitSeed(42L, 0), "the default CV fits use the model seed");
    }

    /**
     * A family with fewer positive training pairs than {@code minPositives} takes the threshold chosen over every family
     * together, and a per-type key under it is left out (the run time then falls back to its family's threshold).
     */
    @Test
    void aFamilyWithFewPositivesTakesTheSharedThreshold() {
        List<PairTrainer.Row> rows = new ArrayList<>();
        for (int d = 0; d < 60; d++) {
            boolean pos = d % 3 == 0;
            rows.add(row(d, "CHEMICAL>DISEASE", pos ? "CAUSES" : RelationModel.NONE,
                    List.of(pos || d % 7 == 0 ? "cue=induce" : "cue=treat", "n=" + d % 5)));
            // gene pairs: 4 positives among 60 that no feature tells apart
            rows.add(row(d, "GENE>GENE", d % 15 == 0 ? "GENE_INTERACTS" : RelationModel.NONE, List.of("gg", "n=" + d % 5)));
        }
        AnnotatorOptions base = AnnotatorOptions.DEFAULTS.with(props("pairs.typeThresholds", "true"));
        java.util.Map<String, Double> own = PairTrainer.thresholds(rows, 7L,
                base.with(props("pairs.thresholdChoice", "folds=4")));
        java.util.Map<String, Double> mid = PairTrainer.thresholds(rows, 7L,
                base.with(props("pairs.thresholdChoice", "folds=4,minPositives=10")));
        java.util.Map<String, Double> all = PairTrainer.thresholds(rows, 7L,
                base.with(props("pairs.thresholdChoice", "folds=4,minPositives=1000")));
        assertTrue(own.containsKey("CHEMICAL>DISEASE:CAUSES"), own.toString());
        assertEquals(java.util.Set.of("CHEMICAL>DISEASE", "GENE>GENE"), all.keySet(), "type keys under the minimum left out");
        assertEquals(all.get("CHEMICAL>DISEASE"), all.get("GENE>GENE"), "every family under the minimum: one threshold");
        assertTrue(!own.get("GENE>GENE").equals(all.get("GENE>GENE")), "the data must tell the two apart: " + own + all);
        assertEquals(all.get("GENE>GENE"), mid.get("GENE>GENE"), "4 positives < 10: the shared threshold");
        assertEquals(own.get("CHEMICAL>DISEASE"), mid.get("CHEMICAL>DISEASE"), "20 positives: its own");
        assertEquals(own.get("CHEMICAL>DISEASE:CAUSES"), mid.get("CHEMICAL>DISEASE:CAUSES"));
    }

    /** {@code pairs.treatsModel}: BioRED's chemical→disease rows only, TREATS kept, CAUSES and NONE both NONE. */
    @Test
    void theTreatsModelLearnsFromBioredChemicalDiseasePairsOnly() {
        PairTrainer.Row bc5 = new PairTrainer.Row(0, "CHEMICAL>DISEASE", "NONE",
                RelationModel.example("NONE", List.of("cue=SO:treat")), "d1\tC", "d1\tD", false);
        List<PairTrainer.Row> rows = List.of(bc5, row(2, "CHEMICAL>DISEASE", "TREATS", List.of("cue=SO:treat", "n=1")),
                row(3, "CHEMICAL>DISEASE", "CAUSES", List.of("cue=SO:induce")), row(4, "CHEMICAL>DISEASE", "NONE",
                        List.of("n=2")), row(5, "GENE>DISEASE", "ASSOCIATED_WITH", List.of("n=1")));
        List<PairTrainer.Row> treats = PairTrainer.treatsRows(rows, null);
        assertEquals(List.of("TREATS", "NONE", "NONE"), treats.stream().map(PairTrainer.Row::label).toList());
        assertEquals(List.of("d2\tCHEMICAL:s", "d3\tCHEMICAL:s", "d4\tCHEMICAL:s"),
                treats.stream().map(PairTrainer.Row::subject).toList());
        assertEquals("NONE", treats.get(1).example().getOutput().getLabel(), "the example carries the new label");
        assertEquals(1, treats.get(1).example().size(), "and the same features");
    }

    /**
     * {@code pairs.treatsDistant}: BC5CDR's chemical→disease rows join, TREATS where Hetionet names an indication,
     * NONE where BC5CDR says CID; a BC5CDR pair neither names stays out.
     */
    @Test
    void distantTreatmentsComeFromCuratedIndications() {
        HetionetPairs kb = HetionetPairs.of(List.of(new String[] {"DB00331", "CtD", "DOID:9352"},
                new String[] {"DB00945", "CpD", "DOID:1"}, new String[] {"DB01356", "CtD", "DOID:3312"}));
        List<PairTrainer.Row> rows = List.of(
                bc5("d1	CHEMICAL:DB00331", "d1	DISEASE:DOID:9352", "NONE"),   // metformin, type 2 diabetes: TREATS
                bc5("d2	CHEMICAL:DB00945", "d2	DISEASE:DOID:1", "NONE"),      // a symptomatic indication (CpD): TREATS
                bc5("d3	CHEMICAL:DB01356", "d3	DISEASE:DOID:2", "CAUSES"),    // CID: NONE for the TREATS model
                bc5("d4	CHEMICAL:DB01356", "d4	DISEASE:DOID:3312", "CAUSES"), // both: left out
                bc5("d5	CHEMICAL:DB01356", "d5	DISEASE:DOID:2", "NONE"),      // neither: left out
                bc5("d6	CHEMICAL:MESH:D1", "d6	DISEASE:DOID:9352", "NONE"),   // no DrugBank id: left out
                row(7, "CHEMICAL>DISEASE", "TREATS", List.of("n=1")));
        List<PairTrainer.Row> treats = PairTrainer.treatsRows(rows, kb);
        assertEquals(List.of("TREATS", "TREATS", "NONE", "TREATS"), treats.stream().map(PairTrainer.Row::label).toList());
        assertEquals(List.of("d1", "d2", "d3", "d7"), treats.stream().map(r -> r.subject().split("\t")[0]).toList());
        assertEquals(List.of(false, false, false, true), treats.stream().map(PairTrainer.Row::biored).toList());
        assertEquals(List.of("TREATS"), PairTrainer.treatsRows(rows, null).stream().map(PairTrainer.Row::label).toList(),
                "without the option BC5CDR stays out");
    }

    private static PairTrainer.Row bc5(String subject, String object, String label) {
        return new PairTrainer.Row(0, "CHEMICAL>DISEASE", label, RelationModel.example(label, List.of("n=1")), subject,
                object, false);
    }

    private static PairTrainer.Row row(int doc, String family, String label, List<String> features) {
        String[] st = family.split(">");
        return new PairTrainer.Row(doc % 2, family, label, RelationModel.example(label, features),
                "d" + doc + "\t" + st[0] + ":s", "d" + doc + "\t" + st[1] + ":o", true);
    }

    private static java.util.Properties props(String key, String value) {
        java.util.Properties p = new java.util.Properties();
        p.setProperty(key, value);
        return p;
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
