package io.repurpose.nlp;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DocumentLabelsTest {

    private static final String C = CrfTagger.CHEM;
    private static final String D = CrfTagger.DIS;

    /** Each token sees the first-pass labels of its word at the other positions of the document, never its own. */
    @Test
    void featureOfATokenIsTheMajorityLabelOfTheSameWordElsewhere() {
        List<List<String>> words = List.of(
                List.of("Lidocaine", "caused", "asystole", "."),
                List.of("PDTC", "and", "lidocaine", "."),
                List.of("lidocaine", "and", "PDTC", "reduced", "asystole"));
        List<String[]> labels = List.of(
                new String[] {C, "O", D, "O"},
                new String[] {"O", "O", C, "O"},
                new String[] {"O", "O", C, "O", "O"});
        List<String[]> f = DocumentLabels.of(words, labels);
        // lidocaine (folded): C, C, O; asystole: D, O; PDTC: O, C; "caused" and "reduced" stand once
        assertArrayEquals(new String[] {"X~", DocumentLabels.ALONE, "O!", DocumentLabels.ALONE}, f.get(0),
                "lidocaine elsewhere: C once, O once; asystole elsewhere: O; '.' has no word");
        assertArrayEquals(new String[] {"C!", "O!", "X~", DocumentLabels.ALONE}, f.get(1),
                "PDTC elsewhere: tagged C once; and elsewhere O");
        assertArrayEquals(new String[] {"C!", "O!", "O!", DocumentLabels.ALONE, "D!"}, f.get(2),
                "the untagged lidocaine sees the two tagged ones; asystole sees its disease label");
    }

    @Test
    void majorityAndAgreement() {
        assertEquals(DocumentLabels.ALONE, DocumentLabels.feature(new int[] {0, 0, 0}));
        assertEquals("C!", DocumentLabels.feature(new int[] {3, 0, 0}));
        assertEquals("D~", DocumentLabels.feature(new int[] {0, 2, 1}));
        assertEquals("O~", DocumentLabels.feature(new int[] {1, 0, 4}));
        assertEquals("X~", DocumentLabels.feature(new int[] {2, 2, 0}));
    }

    /** A capital followed by lower case only folds; acronyms and chemical symbols keep their case ("NO" is not "no"). */
    @Test
    void keysFoldOnlyAnInitialCapital() {
        assertEquals("lidocaine", DocumentLabels.key("Lidocaine"));
        assertEquals("NO", DocumentLabels.key("NO"));
        assertEquals("no", DocumentLabels.key("no"));
        assertEquals("U-II", DocumentLabels.key("U-II"));
        assertEquals("na", DocumentLabels.key("Na"));
        assertNull(DocumentLabels.key("("));
        assertNull(DocumentLabels.key("--"));
    }

    @Test
    void shapesMustAgree() {
        assertThrows(IllegalArgumentException.class, () -> DocumentLabels.of(List.of(List.of("a", "b")),
                List.<String[]>of(new String[] {"O"})));
        assertThrows(IllegalArgumentException.class, () -> DocumentLabels.of(List.of(List.of("a")), List.of()));
    }
}
