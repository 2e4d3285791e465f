package io.repurpose.nlp;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FillStopsTest {

    @Test
    void sideEffectNamesAreRefusedFromOneUnannotatedMatch() {
        // [annotated, not annotated, side-effect name only]
        assertFalse(FillStops.refuses(new int[] {0, 2, 0}), "a dictionary name needs three matches");
        assertTrue(FillStops.refuses(new int[] {0, 3, 0}));
        assertFalse(FillStops.refuses(new int[] {1, 2, 0}), "annotated in a third of them");
        assertTrue(FillStops.refuses(new int[] {0, 1, 1}), "one unannotated match refuses a side-effect name");
        assertFalse(FillStops.refuses(new int[] {1, 1, 1}));
    }

    @Test
    void oneWordSideEffectNamesFillOnlyWhenShapedLikeADisease() {
        for (String w : new String[] {"akathisia", "rhabdomyolysis", "coagulopathy", "granulomas", "acidosis", "mania"}) {
            assertTrue(CoreNlpAnnotator.diseaseWord(w), w);
        }
        for (String w : new String[] {"stress", "surgery", "pregnancy", "mass", "sedation", "fasting"}) {
            assertFalse(CoreNlpAnnotator.diseaseWord(w), w);
        }
    }
}
