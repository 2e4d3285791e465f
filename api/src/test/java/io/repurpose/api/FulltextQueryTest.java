package io.repurpose.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class FulltextQueryTest {

    @Test
    void termsAreLowerCaseWordsOnly() {
        assertEquals(List.of("type", "2", "diabetes"), FulltextQuery.terms("Type-2  DIABETES!"));
        assertEquals(List.of("a", "or", "b", "not", "c"), FulltextQuery.terms("a OR b NOT c"));
        assertTrue(FulltextQuery.terms("*:* ~ \" () []").isEmpty());
    }

    @Test
    void singleTermIsExactPrefixAndFuzzy() {
        assertEquals("(metfromin^4 OR metfromin*^2 OR metfromin~2)", FulltextQuery.build("metfromin"));
        assertEquals("(asa^4 OR asa*^2)", FulltextQuery.build("ASA"));
        assertEquals("(ra^4)", FulltextQuery.build("ra"));
    }

    @Test
    void severalTermsAreAllRequiredWithAPhraseBoost() {
        assertEquals("(\"breast cancer\")^8 OR ((breast^4 OR breast*^2 OR breast~1) AND "
                + "(cancer^4 OR cancer*^2 OR cancer~1))", FulltextQuery.build("breast cancer"));
    }

    @Test
    void querySyntaxInInputNeverSurvives() {
        String q = FulltextQuery.build("name:metformin\") OR *:* OR (\"x~10 AND -y^100 || z && w / \\");
        // only the generated operators, quotes and boosts appear; no field, no user wildcard, no escape
        assertFalse(q.contains(":"), q);
        assertFalse(q.contains("\\"), q);
        assertFalse(q.contains("~10"), q);
        assertFalse(q.contains("||"), q);
        assertFalse(q.contains("^100"), q);
        assertTrue(FulltextQuery.build("  ?? ").isEmpty());
    }

    @Test
    void terminatesAfterMaxTerms() {
        assertEquals(FulltextQuery.MAX_TERMS, FulltextQuery.terms("a b c d e f g h i j k l").size());
    }

    @Test
    void escapeCoversLuceneSpecials() {
        assertEquals("a\\:b\\*c\\~\\\"", FulltextQuery.escape("a:b*c~\""));
    }
}
