package io.repurpose.nlp;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void idCeilingCountsGoldPairsWhoseIdsTheLexiconCanOutput() {
        java.util.Set<String> ids = lexicon.evaluationIds();
        assertTrue(ids.contains("D000544"), "Alzheimer's disease: DO's MeSH xref");
        assertTrue(ids.contains("2625"), "GATA3: an Entrez gene id");
        assertFalse(ids.contains("DB00316"), "DrugBank ids are not in the corpora's id space");
        assertFalse(ids.contains("D999999"));
        java.util.List<PubTator.Annotation> ann = java.util.List.of(
                new PubTator.Annotation(0, 3, "AD", "DiseaseOrPhenotypicFeature", "D000544"),
                new PubTator.Annotation(4, 9, "GATA3", "GeneOrGeneProduct", "2625"),
                new PubTator.Annotation(10, 15, "drugX", "ChemicalEntity", "D999999"),
                new PubTator.Annotation(16, 21, "V600E", "SequenceVariant", "p|SUB|V|600|E"));
        PubTator.Doc d = new PubTator.Doc("1", "t", "a", ann, java.util.List.of(
                new PubTator.Rel("Association", "2625", "D000544"),
                new PubTator.Rel("Association", "D999999", "D000544"),
                new PubTator.Rel("Association", "p|SUB|V|600|E", "D000544")));
        Evaluation.Prf c = Evaluation.idCeiling(java.util.List.of(d), ids);
        assertEquals(2, c.tp());
        assertEquals(1, c.fn());
    }

    @Test
    void diseaseCaseInsensitiveWithMeshXref() {
        Lexicon.Resolution r = lexicon.exact(Lexicon.key("ALZHEIMER'S DISEASE"), null);
        assertNotNull(r);
        assertEquals("DOID:10652", r.id());
        assertEquals("D000544", r.xrefs().get("MESH"));
    }

    @Test
    void meshReachFromLaterXrefsAndSymptoms() {
        // DO 2016 has no MeSH xref for this term; the 2026 DO xref report has D012373
        Lexicon.Resolution r = lexicon.exact(Lexicon.key("Rocky Mountain spotted fever"), null);
        assertNotNull(r);
        assertEquals("DOID:0050052", r.id());
        assertEquals("D012373", r.xrefs().get("MESH"));
        // Hetionet symptom (a MeSH descriptor), also in reading order when MeSH inverts it
        Lexicon.Resolution h = lexicon.exact(Lexicon.key("hypercapnia"), null);
        assertNotNull(h);
        assertEquals(EntityType.DISEASE, h.type());
        assertEquals("D006935", h.xrefs().get("MESH"));
        Lexicon.Resolution a = lexicon.exact(Lexicon.key("acute abdomen"), null);
        assertNotNull(a);
        assertEquals("D000006", a.xrefs().get("MESH"));
        // kept out of the CRF's dictionary feature (a CRF trained without them sees the same features)
        assertNull(lexicon.exact(Lexicon.key("hypercapnia"), null, Lexicon.NOT_IN_CRF_FEATURE));
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

    @Test
    void sideEffectNamesOnlyWhenAskedAndOutsideTheCrfFeature() throws Exception {
        assertNull(lexicon.exact(Lexicon.key("akathisia"), null), "no Disease Ontology or symptom name");
        try (Lexicon withSideEffects = Lexicon.load(new NlpConfig(TestData.sharedData(), models), true)) {
            Lexicon.Resolution a = withSideEffects.exact(Lexicon.key("Akathisia"), null);
            assertNotNull(a);
            assertEquals(EntityType.DISEASE, a.type());
            assertEquals("C0392156", a.xrefs().get("UMLS"));
            assertNull(withSideEffects.exact(Lexicon.key("akathisia"), null, Lexicon.NOT_IN_CRF_FEATURE),
                    "side effects stay out of the CRF's dictionary feature unless crf.sideEffects says otherwise");
            assertNotNull(withSideEffects.exact(Lexicon.key("akathisia"), null, Lexicon.NOT_COUNTED_FOR_FILL),
                    "the fill-stop table counts them");
            assertNull(lexicon.exact(Lexicon.key("CNS depression"), null));
            assertNotNull(withSideEffects.exact(Lexicon.key("CNS depression"), EntityType.DISEASE), "MedDRA's 'CNS depression NOS'");
            assertTrue(withSideEffects.version().contains("side-effects="), withSideEffects.version());
            assertTrue(withSideEffects.holds(Lexicon.key("Akathisia"), Lexicon.Source.SIDE_EFFECT));
            assertFalse(withSideEffects.holds(Lexicon.key("acetaminophen"), Lexicon.Source.SIDE_EFFECT));
            assertFalse(lexicon.holds(Lexicon.key("Akathisia"), Lexicon.Source.SIDE_EFFECT), "not loaded");
        }
        assertEquals(java.util.List.of("Pancreatitis acute", "acute Pancreatitis"), Lexicon.readingOrders("Pancreatitis acute"));
        assertEquals(java.util.List.of("Ataxia NOS", "Ataxia"), Lexicon.readingOrders("Ataxia NOS"));
        assertEquals(java.util.List.of("Akathisia"), Lexicon.readingOrders("Akathisia"));
    }
}
