package io.repurpose.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConflictFreeWriterTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 8})
    void everyGroupPairOnceAndRoundsNeverShareAGroup(int writers) {
        int groups = 2 * writers;
        Set<String> seen = new HashSet<>();
        for (List<int[]> round : ConflictFreeWriter.schedule(groups)) {
            assertEquals(writers, round.size());
            Set<Integer> used = new HashSet<>();
            for (int[] pair : round) {
                assertTrue(pair[0] <= pair[1]);
                assertTrue(seen.add(pair[0] + "-" + pair[1]), "pair twice: " + pair[0] + "-" + pair[1]);
                assertTrue(used.add(pair[0]), "group " + pair[0] + " twice in a round");
                if (pair[1] != pair[0]) {
                    assertTrue(used.add(pair[1]), "group " + pair[1] + " twice in a round");
                }
            }
        }
        assertEquals(groups * (groups + 1) / 2, seen.size());
    }

    @org.junit.jupiter.api.Test
    void repeatedPairsAreDroppedOnce() {
        List<String[]> sorted = List.of(new String[] {"a", "x"}, new String[] {"a", "x"}, new String[] {"a", "y"},
                new String[] {"b", "y"}, new String[] {"b", "y"});
        assertEquals(List.of("a>x", "a>y", "b>y"),
                ConflictFreeWriter.distinctSorted(sorted).stream().map(p -> p[0] + ">" + p[1]).toList());
    }

    @org.junit.jupiter.api.Test
    void groupedRowsKeepEveryPairOnceUnderItsNode() {
        List<String[]> sorted = List.of(new String[] {"a", "x"}, new String[] {"a", "y"}, new String[] {"b", "x"});
        assertEquals(List.of(List.of("a", List.of("x", "y")), List.of("b", List.of("x"))),
                ConflictFreeWriter.grouped(sorted, 0));
        List<String[]> byTarget = List.of(new String[] {"a", "x"}, new String[] {"b", "x"}, new String[] {"a", "y"});
        assertEquals(List.of(List.of("x", List.of("a", "b")), List.of("y", List.of("a"))),
                ConflictFreeWriter.grouped(byTarget, 1));
    }
}
