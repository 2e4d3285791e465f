package io.repurpose.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.repurpose.graph.NodeKind;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.junit.jupiter.api.Test;

/** The in-memory entity index on a tiny inline graph: matching, ranking, paging, and no query syntax. */
class EntitySearchTest {
    static final EntitySearch INDEX = EntitySearch.build(List.of(
            new EntitySearch.Entry("DB00331", NodeKind.COMPOUND, "Metformin", List.of("Glucophage"), 40),
            new EntitySearch.Entry("DB00945", NodeKind.COMPOUND, "Acetylsalicylic acid", List.of("aspirin", "ASA"), 90),
            new EntitySearch.Entry("DB00316", NodeKind.COMPOUND, "Acetaminophen", List.of("paracetamol"), 60),
            new EntitySearch.Entry("DOID:1612", NodeKind.DISEASE, "breast cancer", List.of(), 500),
            new EntitySearch.Entry("DOID:3459", NodeKind.DISEASE, "breast carcinoma", List.of(), 5),
            new EntitySearch.Entry("DOID:10283", NodeKind.DISEASE, "prostate cancer", List.of(), 400),
            new EntitySearch.Entry("DOID:10652", NodeKind.DISEASE, "Alzheimer's disease", List.of(), 300),
            new EntitySearch.Entry("DOID:11476", NodeKind.DISEASE, "Sjögren's syndrome", List.of(), 30),
            new EntitySearch.Entry("5742", NodeKind.GENE, "PTGS1", List.of("COX1"), 200),
            new EntitySearch.Entry("5743", NodeKind.GENE, "PTGS2", List.of("COX2"), 20),
            new EntitySearch.Entry("C0038363", NodeKind.SIDE_EFFECT, "Canker sore", List.of(), 10),
            new EntitySearch.Entry("9999", NodeKind.GENE, null, List.of(), 0)));

    static List<String> ids(String q) {
        return ids(q, null);
    }

    static List<String> ids(String q, NodeKind kind) {
        return INDEX.search(q, kind, 20, 0).items().stream().map(EntitySummary::id).toList();
    }

    @Test
    void termsAreLowerCaseFoldedWords() {
        assertEquals(List.of("type", "2", "diabetes"), EntitySearch.terms("Type-2  DIABETES!", 8));
        assertEquals(List.of("a", "or", "b", "not", "c"), EntitySearch.terms("a OR b NOT c", 8));
        assertEquals(List.of("sjogren", "s"), EntitySearch.terms("Sjögren's", 8));
        assertTrue(EntitySearch.terms("*:* ~ \" () []", 8).isEmpty());
        assertEquals(EntitySearch.MAX_TERMS, EntitySearch.terms("a b c d e f g h i j k l", EntitySearch.MAX_TERMS)
                .size());
    }

    @Test
    void exactNamesAndSynonymsComeFirst() {
        assertEquals("DB00331", ids("metformin").get(0));
        assertEquals("DB00945", ids("aspirin").get(0));
        assertEquals("DB00331", ids("GLUCOPHAGE").get(0));
        assertEquals("DOID:11476", ids("sjogren").get(0));
    }

    @Test
    void typosWithinTheEditDistanceMatch() {
        assertEquals(List.of("DB00331"), ids("metfromin"));        // 2 edits, 9 letters
        assertEquals(List.of("DB00316"), ids("paracetmol"));       // a synonym with a letter missing
        assertEquals("DOID:10652", ids("alzheimer").get(0));
        assertTrue(ids("mxtfxrmxn").isEmpty(), "4 edits is too far");
        assertEquals(List.of(), ids("cax"), "3 letters: exact or prefix only");
        // a word some name holds is taken as meant: "cancer" is not a typo of "canker"
        assertTrue(!ids("cancer").contains("C0038363"), ids("cancer").toString());
        assertTrue(ids("cancr").containsAll(List.of("DOID:1612", "DOID:10283")), ids("cancr").toString());
    }

    @Test
    void everyWordMustMatchAndThePhraseRanksFirst() {
        assertEquals("DOID:1612", ids("breast cancer").get(0));
        assertEquals(List.of("DOID:1612"), ids("cancer breast").subList(0, 1));
        assertEquals(List.of("DOID:3459"), ids("breast carcinoma").subList(0, 1));
        assertEquals(List.of("DOID:10283"), ids("prostate cancer").subList(0, 1));
        assertTrue(!ids("prostate cancer").contains("DOID:3459"), "breast carcinoma lacks both words");
    }

    @Test
    void degreeBreaksTiesOnly() {
        // PTGS1 and PTGS2 both match "ptgs" as a prefix only: the better connected one first
        assertEquals(List.of("5742", "5743"), ids("ptgs"));
        // an exact match beats a better-connected prefix match
        assertEquals("5743", ids("ptgs2").get(0));
    }

    @Test
    void identifiersAreFoundAsTyped() {
        assertEquals("DB00331", ids("DB00331").get(0));
        assertEquals("DOID:1612", ids("doid:1612").get(0));
    }

    @Test
    void kindFiltersAndPagesShareTheTotal() {
        assertEquals(List.of("5742", "5743"), ids("ptgs", NodeKind.GENE));
        assertTrue(ids("ptgs", NodeKind.DISEASE).isEmpty());
        Page<EntitySummary> first = INDEX.search("cancer", null, 1, 0);
        Page<EntitySummary> second = INDEX.search("cancer", null, 1, 1);
        Page<EntitySummary> beyond = INDEX.search("cancer", null, 1, 2);
        assertEquals(2, first.total());
        assertEquals(2, second.total());
        assertEquals(2, beyond.total());
        assertEquals(List.of(ids("cancer").get(0)), first.items().stream().map(EntitySummary::id).toList());
        assertEquals(List.of(ids("cancer").get(1)), second.items().stream().map(EntitySummary::id).toList());
        assertTrue(beyond.items().isEmpty());
        assertEquals("Disease", first.items().get(0).type());
        assertTrue(first.items().get(0).score() > second.items().get(0).score());
    }

    @Test
    void querySyntaxInInputIsNeverInterpreted() {
        List<String> plain = ids("metformin");
        for (String q : List.of("metformin*", "(metformin)", "\"metformin\"", "+metformin", "metformin~",
                "-metformin!", "name:metformin")) {
            assertEquals(q.startsWith("name") ? List.of() : plain, ids(q), q);
        }
        // a would-be wildcard or match-all holds no words at all
        for (String q : List.of("*", "*:*", "?", "\\", "~")) {
            assertNull(INDEX.query(q), q);
            ApiException e = assertThrows(ApiException.class, () -> INDEX.search(q, null, 10, 0));
            assertEquals(400, e.status().getCode());
        }
        // the query is built from term objects: only our fields, only the user's words (lower-case)
        Query q = INDEX.query("name:metformin\") OR *:* OR (\"x~10 AND -y^100");
        List<String> seen = new java.util.ArrayList<>();
        q.visit(new QueryVisitor() {
            @Override
            public void consumeTerms(Query query, org.apache.lucene.index.Term... terms) {
                for (org.apache.lucene.index.Term t : terms) {
                    seen.add(t.field() + "=" + t.text());
                }
            }

            @Override
            public void visitLeaf(Query query) {
                if (query instanceof MultiTermQuery m) {
                    seen.add(m.getField() + "~");
                }
            }

            @Override
            public QueryVisitor getSubVisitor(org.apache.lucene.search.BooleanClause.Occur occur, Query parent) {
                return this;
            }
        });
        for (String s : seen) {
            String field = s.replaceAll("[=~].*", "");
            assertTrue(List.of(EntitySearch.NAME, EntitySearch.TEXT, EntitySearch.EXACT, EntitySearch.KEY,
                    EntitySearch.PREFIX, EntitySearch.FEATURES).contains(field), s);
        }
        assertTrue(seen.contains("text=metformin"), seen.toString());
        assertTrue(seen.stream().noneMatch(s -> s.contains("*") && !s.startsWith(EntitySearch.KEY)), seen.toString());
    }
}
