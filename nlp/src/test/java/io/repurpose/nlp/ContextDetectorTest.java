package io.repurpose.nlp;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContextDetectorTest {

    static ContextDetector detector;

    @BeforeAll
    static void load() {
        detector = ContextDetector.load(TestData.sharedData().resolve("lexicons/negation/negex_triggers.txt"));
    }

    private static Set<ContextFlag>[] flags(String tokens) {
        return detector.flags(Arrays.asList(tokens.split(" ")));
    }

    private static int at(String tokens, String word) {
        return List.of(tokens.split(" ")).indexOf(word);
    }

    @Test
    void preNegationScopeStopsAtConjunction() {
        String s = "Patient denies chest pain but reports headache .";
        Set<ContextFlag>[] f = flags(s);
        assertTrue(f[at(s, "chest")].contains(ContextFlag.NEGATED));
        assertTrue(f[at(s, "pain")].contains(ContextFlag.NEGATED));
        assertFalse(f[at(s, "headache")].contains(ContextFlag.NEGATED), "'but' ends the scope");
    }

    @Test
    void noEvidenceOfAndPostNegation() {
        String s = "No evidence of pneumonia .";
        assertTrue(flags(s)[at(s, "pneumonia")].contains(ContextFlag.NEGATED));
        String p = "Pulmonary embolism was ruled out .";
        assertTrue(flags(p)[at(p, "embolism")].contains(ContextFlag.NEGATED));
    }

    @Test
    void pseudoTriggerDoesNotNegate() {
        String s = "There is no change in the pleural effusion .";
        assertFalse(flags(s)[at(s, "effusion")].contains(ContextFlag.NEGATED));
    }

    @Test
    void scopeIsBoundedAndEndsAtSentenceEnd() {
        String s = "No fever . Cough persists .";
        Set<ContextFlag>[] f = flags(s);
        assertTrue(f[at(s, "fever")].contains(ContextFlag.NEGATED));
        assertFalse(f[at(s, "Cough")].contains(ContextFlag.NEGATED));
        String far = "No a b c d e f g h i j fever";
        assertFalse(flags(far)[at(far, "fever")].contains(ContextFlag.NEGATED), "beyond " + ContextDetector.MAX_SCOPE + " tokens");
    }

    @Test
    void hypotheticalHistoricalFamily() {
        String h = "Return if chest pain recurs .";
        assertTrue(flags(h)[at(h, "pain")].contains(ContextFlag.HYPOTHETICAL));
        String r = "Rule out myocardial infarction .";
        assertTrue(flags(r)[at(r, "infarction")].contains(ContextFlag.HYPOTHETICAL));
        String hist = "She has a history of asthma .";
        assertTrue(flags(hist)[at(hist, "asthma")].contains(ContextFlag.HISTORICAL));
        String fam = "Family history of breast cancer in her mother .";
        assertTrue(flags(fam)[at(fam, "cancer")].contains(ContextFlag.FAMILY));
    }
}
