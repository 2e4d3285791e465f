package io.repurpose.nlp;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EvaluationTest {

    private static Mention mention(EntityType t, String text, int start, String mesh) {
        return new Mention(t, text, start, start + text.length(), 0, null, null, Map.of("MESH", mesh), 0.9, Set.of());
    }

    /**
     * BioRED's chemical–disease pairs scored by type: a TREATS relation counts against Negative_Correlation only, a
     * CAUSES one against Positive_Correlation only, whichever order the gold relation names the two ids in.
     */
    @Test
    void chemicalDiseasePairsAreScoredByType() {
        String text = "Atenolol treats hypertension; lithium causes tremor.";
        Mention atenolol = mention(EntityType.CHEMICAL, "Atenolol", 0, "D001262");
        Mention hypertension = mention(EntityType.DISEASE, "hypertension", 16, "D006973");
        Mention lithium = mention(EntityType.CHEMICAL, "lithium", 30, "D008094");
        Mention tremor = mention(EntityType.DISEASE, "tremor", 45, "D014202");
        List<PubTator.Annotation> gold = List.of(
                new PubTator.Annotation(0, 8, "Atenolol", "ChemicalEntity", "D001262"),
                new PubTator.Annotation(16, 28, "hypertension", "DiseaseOrPhenotypicFeature", "D006973"),
                new PubTator.Annotation(30, 37, "lithium", "ChemicalEntity", "D008094"),
                new PubTator.Annotation(45, 51, "tremor", "DiseaseOrPhenotypicFeature", "D014202"));
        PubTator.Doc doc = new PubTator.Doc("1", text, "", gold, List.of(
                new PubTator.Rel("Negative_Correlation", "D006973", "D001262"),   // disease first: order is free
                new PubTator.Rel("Positive_Correlation", "D008094", "D014202")));
        // the annotator calls both pairs TREATS: one right, one of the wrong type
        AnnotatedDocument predicted = new AnnotatedDocument("1", List.of(new Sentence(0, 0, text.length(), text)),
                List.of(atenolol, hypertension, lithium, tremor), List.of(
                new Relation(RelationType.TREATS, atenolol, hypertension, 0.9, List.of(), false),
                new Relation(RelationType.TREATS, lithium, tremor, 0.8, List.of(), false)), "test");
        Evaluation.Scores s = Evaluation.evaluate(d -> predicted, List.of(doc), null, 1);
        Evaluation.Prf treats = s.get("chem>dis TREATS (Negative_Correlation)");
        Evaluation.Prf causes = s.get("chem>dis CAUSES (Positive_Correlation)");
        assertEquals(List.of(1, 1, 0), List.of(treats.tp(), treats.fp(), treats.fn()));
        assertEquals(List.of(0, 0, 1), List.of(causes.tp(), causes.fp(), causes.fn()));
        // the untyped pair score counts both pairs as found
        assertEquals(2, s.get("BioRED pairs (all gold)").tp());
    }
}
