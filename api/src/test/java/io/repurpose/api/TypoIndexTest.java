package io.repurpose.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/** The deletion-variant typo lookup finds exactly the words a full edit-distance scan finds. */
class TypoIndexTest {

    @Test
    void distanceIsOptimalStringAlignment() {
        assertEquals(0, TypoIndex.distance("metformin", "metformin", 2));
        assertEquals(1, TypoIndex.distance("metfromin", "metformin", 2), "a transposition is one edit");
        assertEquals(1, TypoIndex.distance("atorvastatn", "atorvastatin", 2));
        assertEquals(1, TypoIndex.distance("diabtes", "diabetes", 2));
        assertEquals(2, TypoIndex.distance("atorvastatn", "atorvastatins", 2));
        assertEquals(3, TypoIndex.distance("kitten", "sitting", 2), "bounded: more than 2 says 3");
        assertEquals(3, TypoIndex.distance("ab", "abcdef", 2), "length difference alone exceeds the bound");
        // OSA, not unrestricted Damerau: "ca" -> "abc" needs 3
        assertEquals(3, TypoIndex.distance("ca", "abc", 3));
    }

    @Test
    void findsTheWordsWithinReachClosestFirst() {
        TypoIndex index = TypoIndex.of(List.of("metformin", "metoprolol", "formin", "insulin", "insulins", "aspirin"));
        assertEquals(List.of(new TypoIndex.Match("metformin", 1)), index.near("metfromin", 2, 50));
        assertEquals(List.of(new TypoIndex.Match("insulin", 1), new TypoIndex.Match("insulins", 2)),
                index.near("insuln", 2, 50));
        assertEquals(List.of(new TypoIndex.Match("insulin", 1)), index.near("insuln", 2, 1), "at most max");
        assertEquals(List.of(new TypoIndex.Match("insulin", 1)), index.near("insuln", 1, 50));
        assertTrue(index.near("xyzxyzxyz", 2, 50).isEmpty());
        assertTrue(index.contains("aspirin"));
        assertFalse(index.contains("asprin"));
        assertEquals(6, index.size());
    }

    @Test
    void sameMatchesAsAFullScanOnRandomWords() {
        Random r = new Random(42);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            words.add(word(r, 2 + r.nextInt(10)));
        }
        TypoIndex index = TypoIndex.of(words);
        Set<String> vocabulary = new TreeSet<>(words);
        int found = 0;
        for (int i = 0; i < 400; i++) {
            // a word of the index with 0-3 random edits, or a random string
            String typed = i % 4 == 0 ? word(r, 2 + r.nextInt(10)) : mutate(r, words.get(r.nextInt(words.size())),
                    r.nextInt(4));
            for (int k = 0; k <= TypoIndex.MAX_EDITS; k++) {
                Set<String> expected = new TreeSet<>();
                for (String w : vocabulary) {
                    if (TypoIndex.distance(typed, w, k) <= k) {
                        expected.add(w);
                    }
                }
                Set<String> got = new TreeSet<>();
                for (TypoIndex.Match m : index.near(typed, k, Integer.MAX_VALUE)) {
                    got.add(m.word());
                    assertEquals(TypoIndex.distance(typed, m.word(), k), m.edits(), typed + " ~ " + m.word());
                }
                assertEquals(expected, got, typed + " within " + k);
                found += got.size();
            }
        }
        assertTrue(found > 300, "the random cases must exercise matches: " + found);
    }

    /** A small alphabet, so that random words are often within an edit or two of each other. */
    private static String word(Random r, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append("abcde".charAt(r.nextInt(5)));
        }
        return b.toString();
    }

    private static String mutate(Random r, String w, int edits) {
        StringBuilder b = new StringBuilder(w);
        for (int e = 0; e < edits; e++) {
            int op = r.nextInt(4);
            int at = b.isEmpty() ? 0 : r.nextInt(b.length());
            switch (op) {
                case 0 -> b.insert(at, "abcdef".charAt(r.nextInt(6)));
                case 1 -> {
                    if (!b.isEmpty()) {
                        b.deleteCharAt(at);
                    }
                }
                case 2 -> {
                    if (!b.isEmpty()) {
                        b.setCharAt(at, "abcdef".charAt(r.nextInt(6)));
                    }
                }
                default -> {
                    if (at + 1 < b.length()) {
                        char c = b.charAt(at);
                        b.setCharAt(at, b.charAt(at + 1));
                        b.setCharAt(at + 1, c);
                    }
                }
            }
        }
        return b.toString();
    }
}
