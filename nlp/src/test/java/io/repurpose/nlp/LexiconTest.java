package io.repurpose.nlp;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LexiconTest {

    @TempDir
    static Path models;

    static Lexicon lexicon;

    @BeforeAll
    static void load() {
        lexicon = Lexicon.load(new NlpConfig(TestData.sharedData(), models));
    }

    @AfterAll
    static void close() throws Exception {
        lexicon.close();
    }

    @Test
    void keyFoldsCasePunctuationAndGreek() {
        assertEquals("alzheimer s disease", Lexicon.key("Alzheimer's  Disease"));
        assertEquals("tnf alpha", Lexicon.key("TNF-α"));
        assertEquals("migraine disorder", Lexicon.singular("migraine disorders"));
        assertNull(Lexicon.singular("diabetes mellitus"), "'mellitus' is not a plural");
        assertEquals("therapy", Lexicon.singular("therapies"));
    }

    @Test
    void synonymsMapToOneIdentifier() {
        Lexicon.Resolution a = lexicon.exact(Lexicon.key("Acetaminophen"), null);
        Lexicon.Resolution p = lexicon.exact(Lexicon.key("paracetamol"), null);
        assertNotNull(a);
        assertEquals("DB00316", a.id());
        assertEquals(a.id(), p.id());
        assertEquals(EntityType.CHEMICAL, p.type());
    }

    @Test
    void diseaseCaseInsensitiveWithMeshXref() {
        Lexicon.Resolution r = lexicon.exact(Lexicon.key("ALZHEIMER'S DISEASE"), null);
        assertNotNull(r);
        assertEquals("DOID:10652", r.id());
        assertEquals("D000544", r.xrefs().get("MESH"));
    }

    @Test
    void pluralFallsBackToSingular() {
        Lexicon.Resolution r = lexicon.exact(Lexicon.key("Melanomas"), EntityType.DISEASE);
        assertNotNull(r);
        assertEquals(lexicon.exact(Lexicon.key("melanoma"), EntityType.DISEASE).id(), r.id());
    }

    @Test
    void fuzzyMatchIsBoundedByThreshold() {
        Lexicon.Resolution r = lexicon.search("Alzheimers disease", EntityType.DISEASE, 0.85);
        assertNotNull(r, "one edit away from 'alzheimer s disease'");
        assertEquals("DOID:10652", r.id());
        assertNull(lexicon.search("Alzheimer cheese", EntityType.DISEASE, 0.85));
    }

    @Test
    void geneSymbolsAreCaseSensitiveAndOfficialSymbolWins() {
        Lexicon.Resolution tp53 = lexicon.gene("TP53");
        assertNotNull(tp53);
        assertEquals("7157", tp53.id());
        assertNull(lexicon.gene("tp53"));
        assertTrue(lexicon.isStopWord("CAT") && lexicon.isStopWord("impact") && lexicon.isStopWord("ALL"));
    }
}
