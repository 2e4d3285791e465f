package io.repurpose.nlp;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpanRulesTest {

    @Test
    void saltWordsAnyCase() {
        assertTrue(SpanRules.saltWord("hydrochloride"));
        assertTrue(SpanRules.saltWord("HCl"));
        assertTrue(SpanRules.saltWord("Citrate"));
        assertFalse(SpanRules.saltWord("tablets"));
        assertFalse(SpanRules.saltWord("salt"));
    }

    @Test
    void coordinatedModifierJoinsADiseaseThatStartsWithAModifier() {
        List<String> w = List.of("with", "pleural", "and", "pericardial", "effusion", ".");
        assertEquals(1, SpanRules.coordinatedStart(w, 3, 5, new boolean[w.size()]));
        List<String> or = List.of("hepatic", "or", "renal", "dysfunction");
        assertEquals(0, SpanRules.coordinatedStart(or, 2, 4, new boolean[or.size()]));
    }

    @Test
    void coordinationLeavesOtherSpansAlone() {
        List<String> w = List.of("cocaine", "and", "renal", "failure");
        assertEquals(2, SpanRules.coordinatedStart(w, 2, 4, new boolean[w.size()]), "a noun before 'and'");
        List<String> mania = List.of("hypomanic", "or", "mania");
        assertEquals(2, SpanRules.coordinatedStart(mania, 2, 3, new boolean[mania.size()]), "one-word disease");
        List<String> head = List.of("renal", "and", "failure", "syndrome");
        assertEquals(2, SpanRules.coordinatedStart(head, 2, 4, new boolean[head.size()]), "span starts with a noun");
        List<String> taken = List.of("pleural", "and", "pericardial", "effusion");
        boolean[] t = new boolean[taken.size()];
        t[0] = true;
        assertEquals(2, SpanRules.coordinatedStart(taken, 2, 4, t), "the modifier is another mention's");
        List<String> same = List.of("renal", "and", "renal", "failure");
        assertEquals(2, SpanRules.coordinatedStart(same, 2, 4, new boolean[same.size()]), "the same word twice");
    }
}
