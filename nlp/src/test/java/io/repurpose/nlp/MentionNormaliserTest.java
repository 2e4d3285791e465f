package io.repurpose.nlp;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The session-11 normalisation rules on small hand-written cases, over the shared lexicon plus a few train names. */
class MentionNormaliserTest {

    @TempDir
    static Path models;

    static Lexicon lexicon;

    /** Train names as NlpTrain writes them (type, text, MeSH id, count): the ids the rules must reach. */
    private static final String TRAIN = String.join("\n",
            "DISEASE\themodilution\tD020141\t2",
            "DISEASE\tacromegaly\tD000172\t3",
            "DISEASE\tliver damage\tD056486\t2",
            "DISEASE\tliver toxicity\tD056486\t1",
            "DISEASE\tdilated cardiomyopathy\tD002311\t4",
            "DISEASE\tmyalgia\tD063806\t2",
            "DISEASE\thyperkalemia\tD006947\t2",
            "CHEMICAL\taminoglycosides\tD000617\t2", "");

    @BeforeAll
    static void load() throws Exception {
        Files.writeString(models.resolve("lexicon-train.tsv"), TRAIN, StandardCharsets.UTF_8);
        lexicon = Lexicon.load(new NlpConfig(TestData.sharedData(), models));
    }

    @AfterAll
    static void close() throws Exception {
        lexicon.close();
    }

    private static MentionNormaliser with(String... rules) {
        return new MentionNormaliser(lexicon, Set.of(rules), MentionNormaliser.BackOff.EMPTY);
    }

    private static String mesh(Lexicon.Resolution r) {
        return r == null ? null : r.xrefs().get("MESH");
    }

    /** Each input (even places) gives the output after it. */
    private static void assertForms(java.util.function.UnaryOperator<String> f, String... inOut) {
        for (int i = 0; i < inOut.length; i += 2) {
            assertEquals(inOut[i + 1], f.apply(inOut[i]), inOut[i]);
        }
    }

    @Test
    void withoutRulesItIsTheLexiconSearch() {
        MentionNormaliser plain = new MentionNormaliser(lexicon);
        assertTrue(plain.plain());
        for (String s : List.of("haemodilution", "acromegalic", "Alzheimers disease", "dilated cardiomyopathy")) {
            assertEquals(lexicon.search(s, EntityType.DISEASE, 0.85), plain.resolve(s, EntityType.DISEASE), s);
        }
        assertNull(mesh(plain.resolve("haemodilution", EntityType.DISEASE)), "the fuzzy match keeps a 2-letter prefix");
        Lexicon.Resolution r = lexicon.search("dilated cardiomyopathy", EntityType.DISEASE, 0.85);
        assertSame(r, plain.complete("dilated cardiomyopathy", EntityType.DISEASE, r));
    }

    @Test
    void spellingMakesBritishFormsAmerican() {
        assertForms(MentionNormaliser::american, "haemodilution", "hemodilution", "hyperkalaemia", "hyperkalemia",
                "oedema", "edema", "diarrhoea", "diarrhea");
        assertNull(MentionNormaliser.american("hemorrhage"), "already American");
        assertEquals("D020141", mesh(with("spelling").resolve("haemodilution", EntityType.DISEASE)));
        assertEquals("D020141", mesh(with("stem").resolve("haemodilution", EntityType.DISEASE)),
                "the stem key is spelled American as well");
    }

    @Test
    void organAdjectivesAndNounsBothWays() {
        assertEquals(List.of("liver damage"), MentionNormaliser.organVariants("hepatic damage"));
        assertEquals(List.of("renal failure"), MentionNormaliser.organVariants("kidney failure"));
        assertEquals(List.of(), MentionNormaliser.organVariants("dilated cardiomyopathy"));
        assertEquals("D056486", mesh(with("organ").resolve("hepatic damage", EntityType.DISEASE)));
        assertNull(mesh(with("spelling").resolve("hepatic damage", EntityType.DISEASE)));
    }

    @Test
    void ofPhrasesAreReadInvertedWithOrgans() {
        assertEquals("liver toxicity", MentionNormaliser.ofInverted("toxicity of the liver"));
        assertEquals("extremities weakness", MentionNormaliser.ofInverted("weakness of extremities"));
        assertNull(MentionNormaliser.ofInverted("of the liver"), "nothing before 'of'");
        assertNull(MentionNormaliser.ofInverted("loss of function of the liver"), "two 'of's");
        assertNull(MentionNormaliser.ofInverted("toxicity of the right upper liver lobe"), "more than 3 words after 'of'");
        assertEquals("D056486", mesh(with("of").resolve("toxicity of the liver", EntityType.DISEASE)));
        assertEquals("D056486", mesh(with("of", "organ").resolve("damage of the liver", EntityType.DISEASE)));
        assertEquals("D056486", mesh(with("of", "organ").resolve("hepatic toxicity", EntityType.DISEASE)));
    }

    @Test
    void stemsMatchAdjectiveAndNounForms() {
        assertForms(MentionNormaliser::stem, "acromegalic", "acromegal", "acromegaly", "acromegal",
                "glaucomatous", "glaucom", "glaucoma", "glaucom", "tdp", "tdp");
        assertEquals(MentionNormaliser.stemKey("memory deficit"), MentionNormaliser.stemKey("memory deficits"));
        assertEquals(MentionNormaliser.stemKey("disturbances of sleep"), MentionNormaliser.stemKey("disturbance of the sleep"));
        assertNull(mesh(with("spelling", "organ", "of").resolve("acromegalic", EntityType.DISEASE)));
        assertEquals("D000172", mesh(with("stem").resolve("acromegalic", EntityType.DISEASE)));
        assertEquals("D000617", mesh(with("stem").resolve("aminoglycoside", EntityType.CHEMICAL)));
        assertNull(mesh(with("stem").resolve("acromegalic", EntityType.CHEMICAL)), "only keys of the wanted type");
    }

    @Test
    void drugInducedFormsOfMeshDescriptors() {
        // "akathisia" alone is no Disease Ontology name; MeSH's "Akathisia, Drug-Induced" is a Hetionet symptom
        assertNull(mesh(with("spelling", "stem").resolve("akathisia", EntityType.DISEASE)));
        assertEquals("D017109", mesh(with("induced").resolve("akathisia", EntityType.DISEASE)));
        assertNull(mesh(with("induced").resolve("akathisia", EntityType.CHEMICAL)), "diseases only");
    }

    @Test
    void headBackOffOnlyWhereTheTrainAnnotationsAcceptIt() {
        String span = "idiopathic dilated cardiomyopathy";
        assertNull(mesh(with("head").resolve(span, EntityType.DISEASE)), "no table: no back-off accepted");
        MentionNormaliser.BackOff accepted = new MentionNormaliser.BackOff(Map.of("word\tDISEASE\tidiopathic", new int[] {4, 0}));
        assertEquals("D002311", mesh(new MentionNormaliser(lexicon, Set.of("head"), accepted).resolve(span, EntityType.DISEASE)));
        MentionNormaliser.BackOff refused = new MentionNormaliser.BackOff(Map.of("word\tDISEASE\tidiopathic", new int[] {4, 0},
                "id\tDISEASE\tD002311", new int[] {1, 5}));
        assertNull(mesh(new MentionNormaliser(lexicon, Set.of("head"), refused).resolve(span, EntityType.DISEASE)),
                "the sub-phrase's id is refused more often than not");
        MentionNormaliser.BackOff rare = new MentionNormaliser.BackOff(Map.of("word\tDISEASE\tidiopathic", new int[] {2, 0}));
        assertFalse(rare.accepts(EntityType.DISEASE, "idiopathic", "D002311"), "fewer than 3 cases");
        assertFalse(accepted.accepts(EntityType.CHEMICAL, "idiopathic", "D002311"), "counted per type");
    }

    @Test
    void backOffIsLearnedFromAnnotationsAndWrittenAndRead() throws Exception {
        List<PubTator.Annotation> anns = List.of(
                new PubTator.Annotation(0, 33, "idiopathic dilated cardiomyopathy", "Disease", "D002311"),
                new PubTator.Annotation(40, 52, "acute myalgia", "Disease", "D063806"),
                new PubTator.Annotation(60, 72, "acute myalgia", "Disease", "D000001"),
                new PubTator.Annotation(80, 84, "myalgia", "Disease", "D063806"));
        MentionNormaliser.BackOff b = MentionNormaliser.BackOff.learn(
                List.of(new PubTator.Doc("1", "t", "", anns, List.of())), lexicon);
        assertEquals(4, b.size(), "two words, two ids; a one-word mention counts nothing");
        assertEquals(List.of(1, 0), List.of(b.counts().get("word\tDISEASE\tidiopathic")[0], b.counts().get("word\tDISEASE\tidiopathic")[1]));
        assertEquals(List.of(1, 1), List.of(b.counts().get("id\tDISEASE\tD063806")[0], b.counts().get("id\tDISEASE\tD063806")[1]));
        Path f = models.resolve(MentionNormaliser.BackOff.FILE);
        b.write(f);
        MentionNormaliser.BackOff read = MentionNormaliser.BackOff.read(f);
        assertEquals(b.size(), read.size());
        assertEquals(1, read.counts().get("word\tDISEASE\tacute")[0]);
        assertEquals(0, MentionNormaliser.BackOff.read(models.resolve("absent.tsv")).size());
    }

    @Test
    void aResolutionWithoutMeshKeepsItsIdAndTakesTheMeshReached() {
        Lexicon.Resolution doOnly = new Lexicon.Resolution(EntityType.DISEASE, "DOID:0000", "hyperkalaemia", Map.of("UMLS", "C1"), 0.95);
        // the train name "hyperkalemia" has a MeSH id and no Hetionet id
        Lexicon.Resolution r = with("spelling").complete("hyperkalaemia", EntityType.DISEASE, doOnly);
        assertEquals("DOID:0000", r.id());
        assertEquals("D006947", mesh(r));
        assertEquals("C1", r.xrefs().get("UMLS"));
        // a reached entry with an id of its own is taken whole
        Lexicon.Resolution acro = with("stem").complete("acromegalic", EntityType.DISEASE, doOnly);
        assertEquals(lexicon.exact("acromegaly", EntityType.DISEASE), acro);
        assertSame(doOnly, with("stem").complete("no such disease", EntityType.DISEASE, doOnly), "nothing reached");
    }

    @Test
    void documentRuleTakesTheIdOfALongerMentionEndingWithTheSameWords() {
        Lexicon.Resolution urinary = new Lexicon.Resolution(EntityType.DISEASE, null, "urinary incontinence", Map.of("MESH", "D014549"), 0.95);
        List<MentionNormaliser.Item> items = List.of(
                new MentionNormaliser.Item(0, 20, "urinary incontinence", EntityType.DISEASE, urinary),
                new MentionNormaliser.Item(30, 42, "incontinence", EntityType.DISEASE, null),
                new MentionNormaliser.Item(50, 60, "continence", EntityType.DISEASE, null),
                new MentionNormaliser.Item(70, 82, "Incontinence", EntityType.CHEMICAL, null));
        List<MentionNormaliser.Item> out = MentionNormaliser.document(items);
        assertEquals("D014549", mesh(out.get(1).resolution()));
        assertNull(out.get(2).resolution(), "not whole words");
        assertNull(out.get(3).resolution(), "another type");
        assertSame(urinary, out.get(0).resolution());
    }

    @Test
    void shortFormTakesTheContainingMentionsIdOnlyWithTheRule() {
        // "multiple myeloma (MM)": Schwartz and Hearst take "myeloma" for the long form
        Lexicon.Resolution mm = new Lexicon.Resolution(EntityType.DISEASE, null, "multiple myeloma", Map.of("MESH", "D009101"), 0.95);
        List<MentionNormaliser.Item> items = List.of(
                new MentionNormaliser.Item(0, 16, "multiple myeloma", EntityType.DISEASE, mm),
                new MentionNormaliser.Item(18, 20, "MM", EntityType.DISEASE, null));
        List<Abbreviations.Definition> defs = Abbreviations.find("multiple myeloma (MM) and MM");
        assertEquals(9, defs.get(0).longStart(), "the long form found is 'myeloma'");
        assertNull(MentionNormaliser.abbreviations(items, defs, false).get(1).resolution());
        assertEquals("D009101", mesh(MentionNormaliser.abbreviations(items, defs, true).get(1).resolution()));
    }

    @Test
    void unknownRulesFailByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> with("stemming"));
        assertTrue(e.getMessage().contains("stemming"), e.getMessage());
        assertEquals(MentionNormaliser.RULES, List.of("spelling", "organ", "of", "induced", "stem", "head", "document",
                "abbreviation"));
    }
}
