package io.repurpose.nlp;

import edu.stanford.nlp.ling.CoreLabel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrfTaggerTest {

    private static List<CoreLabel> tokens(String text) {
        List<CoreLabel> out = new ArrayList<>();
        for (String w : text.split(" ")) {
            CoreLabel c = new CoreLabel();
            c.setWord(w);
            c.setValue(w);
            out.add(c);
        }
        return out;
    }

    private static String[] tags(int n, String tag) {
        String[] t = new String[n];
        Arrays.fill(t, tag);
        return t;
    }

    /**
     * A CRF that can only learn from word shapes (no word, n-gram or context features): the chemicals of its rows
     * are words with digits and a hyphen. It finds an unseen such word only when the run-time tokens get their shape
     * as the training reader gave them (the session-6 fix); without shapes it sees nothing.
     */
    @Test
    void runTimeTokensGetTheShapesTheModelWasTrainedWith(@TempDir Path dir) throws Exception {
        StringBuilder rows = new StringBuilder();
        String[][] sentences = {
                {"patients", "received", "AB-123", "daily"}, {"the", "dose", "of", "XY-42", "was", "low"},
                {"rats", "given", "QR-7", "recovered"}, {"we", "tested", "ZZ-9981", "in", "mice"},
                {"treatment", "with", "MK-801", "failed"}, {"the", "effect", "of", "LY-3", "is", "shown"}};
        for (String[] s : sentences) {
            for (String w : s) {
                rows.append(w).append("\tO\t").append(w.contains("-") ? CrfTagger.CHEM : "O").append('\n');
            }
            rows.append('\n');
        }
        Path train = dir.resolve("rows.tsv");
        Files.writeString(train, rows);
        Path model = dir.resolve("ner-crf.ser.gz");
        CrfTagger.train(train, model, 50, 0, false, "useWord=false;usePrev=false;useNext=false;useDisjunctive=false;"
                + "useTypeSeqs=false;useTypeSeqs2=false;useTypeySequences=false;useTags=false;useClassFeature=false");
        CrfTagger tagger = CrfTagger.load(model);
        assertFalse(tagger.usesCorpusNames());
        List<CoreLabel> toks = tokens("subjects took PQ-5566 twice");
        String[] dict = tags(toks.size(), "O");
        List<CrfTagger.TokenSpan> withShapes = tagger.tag(toks, dict, MentionFinder.keys(toks), true);
        assertEquals(List.of(new CrfTagger.TokenSpan(2, 3, EntityType.CHEMICAL)), withShapes);
        assertTrue(tagger.tag(toks, dict, MentionFinder.keys(toks), false).isEmpty(),
                "without shapes the shape-only model is blind (the pre-session-6 run time)");
        assertEquals(tagger.shape("PQ-5566"), tagger.shape("AB-123"), "same shape class as the training word");
        assertEquals("xxxxx", tagger.shape("patients"), "no 'known lower-case word' mark, as in the training rows");
    }

    /**
     * A second-pass CRF that can only learn from the document column (session 10): the same word is a chemical in the
     * rows whose column says the first pass tagged it so elsewhere ("C!"), and not in those that say "O!". At run time
     * the column decides, so it reaches the model.
     */
    @Test
    void secondPassReadsTheDocumentColumn(@TempDir Path dir) throws Exception {
        StringBuilder rows = new StringBuilder();
        for (int k = 0; k < 6; k++) {
            boolean chem = k % 2 == 0;
            for (String w : new String[] {"we", "gave", "XR", "today"}) {
                String doc = w.equals("XR") ? (chem ? "C!" : "O!") : DocumentLabels.ALONE;
                rows.append(w).append("\tO\t").append(doc).append('\t')
                        .append(w.equals("XR") && chem ? CrfTagger.CHEM : "O").append('\n');
            }
            rows.append('\n');
        }
        Path train = dir.resolve("rows2.tsv");
        Files.writeString(train, rows);
        CrfTagger tagger = new CrfTagger(CrfTagger.train(CrfTagger.trainingProperties(train, 50, 0, false,
                "useWord=false;usePrev=false;useNext=false;useDisjunctive=false;useTypeSeqs=false;useTypeSeqs2=false;"
                        + "useTypeySequences=false;useTags=false;useClassFeature=false;wordShape=none", true)), null);
        List<CoreLabel> toks = tokens("they gave XR again");
        String[] dict = tags(toks.size(), "O");
        String[] keys = MentionFinder.keys(toks);
        String n = DocumentLabels.ALONE;
        assertEquals(List.of(new CrfTagger.TokenSpan(2, 3, EntityType.CHEMICAL)),
                tagger.tag(toks, dict, keys, false, new String[] {n, n, "C!", n}));
        assertTrue(tagger.tag(toks, dict, keys, false, new String[] {n, n, "O!", n}).isEmpty());
    }

    /**
     * Session 11: two adjacent diseases ("hepatitis" then "renal failure", as two gold mentions) merge into one span
     * under IO and stay apart under BIO and BIOES; each scheme's labels decode back to the gold spans where it can.
     */
    @Test
    void labelSchemesKeepAdjacentMentionsApart() {
        String d = CrfTagger.DIS;
        String c = CrfTagger.CHEM;
        String[] types = {"O", d, d, d, "O", c};
        int[] mention = {-1, 0, 1, 1, -1, 2};
        assertEquals(List.of("O", d, d, d, "O", c), List.of(CrfTagger.encode(types, mention, CrfTagger.Labels.IO)));
        String[] bio = CrfTagger.encode(types, mention, CrfTagger.Labels.parse("BIO"));
        assertEquals(List.of("O", "B-" + d, "B-" + d, "I-" + d, "O", "B-" + c), List.of(bio));
        assertEquals(List.of("O", "B-" + d, "B-" + d, "I-" + d, "O", c),
                List.of(CrfTagger.encode(types, mention, CrfTagger.Labels.parse("BIO:DISEASE"))), "chemicals stay IO");
        String[] bioes = CrfTagger.encode(types, mention, CrfTagger.Labels.parse("BIOES"));
        assertEquals(List.of("O", "S-" + d, "B-" + d, "E-" + d, "O", "S-" + c), List.of(bioes));
        List<CrfTagger.TokenSpan> gold = List.of(new CrfTagger.TokenSpan(1, 2, EntityType.DISEASE),
                new CrfTagger.TokenSpan(2, 4, EntityType.DISEASE), new CrfTagger.TokenSpan(5, 6, EntityType.CHEMICAL));
        assertEquals(gold, CrfTagger.spans(bio));
        assertEquals(gold, CrfTagger.spans(bioes));
        assertEquals(List.of(new CrfTagger.TokenSpan(1, 4, EntityType.DISEASE), new CrfTagger.TokenSpan(5, 6,
                EntityType.CHEMICAL)), CrfTagger.spans(types), "IO merges the adjacent diseases");
        assertEquals(d, CrfTagger.type("E-" + d));
        assertEquals("O", CrfTagger.type("O"));
    }

    /** Ill-formed answers a CRF may give: an I- after O starts a span, an E- closes one, a type change splits. */
    @Test
    void illFormedAnswersStillDecode() {
        String d = CrfTagger.DIS;
        String c = CrfTagger.CHEM;
        assertEquals(List.of(new CrfTagger.TokenSpan(1, 3, EntityType.DISEASE)),
                CrfTagger.spans(new String[] {"O", "I-" + d, "I-" + d, "O"}));
        assertEquals(List.of(new CrfTagger.TokenSpan(0, 2, EntityType.DISEASE), new CrfTagger.TokenSpan(2, 3,
                EntityType.DISEASE)), CrfTagger.spans(new String[] {"B-" + d, "E-" + d, "I-" + d}));
        assertEquals(List.of(new CrfTagger.TokenSpan(0, 1, EntityType.CHEMICAL), new CrfTagger.TokenSpan(1, 2,
                EntityType.DISEASE)), CrfTagger.spans(new String[] {"B-" + c, "I-" + d}));
    }

    /** Corpus names: a document's rows see only the other parts' names; tags are longest match over token keys. */
    @Test
    void corpusNamesJackknifeAndLongestMatch(@TempDir Path dir) {
        List<PubTator.Doc> docs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String title = i % 2 == 0 ? "Cisplatin and renal failure" : "Acute renal failure";
            List<PubTator.Annotation> ann = i % 2 == 0
                    ? List.of(new PubTator.Annotation(0, 9, "Cisplatin", "Chemical", "D002945"),
                    new PubTator.Annotation(14, 27, "renal failure", "Disease", "D051437"))
                    : List.of(new PubTator.Annotation(0, 19, "Acute renal failure", "Disease", "D058186"));
            docs.add(new PubTator.Doc("d" + i, title, "", ann, List.of()));
        }
        CorpusNames all = CorpusNames.of(docs);
        assertEquals(3, all.size());
        String[] keys = {"acute", "renal", "failure", "after", "", "cisplatin"};
        assertEquals(List.of("BDIS", "IDIS", "IDIS", "O", "O", "BCHEM"), Arrays.asList(all.tags(keys)));
        List<CorpusNames> jk = CorpusNames.jackknife(docs, 2);
        // documents 0 and 2 (part 0) see only part 1's name "acute renal failure": no cisplatin, no bare "renal failure"
        assertEquals(List.of("BDIS", "IDIS", "IDIS", "O", "O", "O"), Arrays.asList(jk.get(0).tags(keys)));
        assertEquals(List.of("O", "BDIS", "IDIS"), Arrays.asList(jk.get(1).tags(new String[] {"chronic", "renal", "failure"})));
        all.write(dir.resolve(CorpusNames.FILE));
        assertEquals(Arrays.asList(all.tags(keys)), Arrays.asList(CorpusNames.read(dir.resolve(CorpusNames.FILE)).tags(keys)));
    }

    /**
     * Gene CRF rows (session 8): only gene mentions are labelled, the chemical/disease dictionary tags stay as
     * features, and an untagged token that is a gene_info symbol gets the symbol tag.
     */
    @Test
    void geneRowsLabelGenesOnlyAndMarkSymbols(@TempDir Path dir) throws Exception {
        String title = "BRCA1 mutations and cisplatin in breast cancer";
        List<PubTator.Annotation> ann = List.of(
                new PubTator.Annotation(0, 5, "BRCA1", "GeneOrGeneProduct", "672"),
                new PubTator.Annotation(20, 29, "cisplatin", "ChemicalEntity", "D002945"),
                new PubTator.Annotation(33, 46, "breast cancer", "DiseaseOrPhenotypicFeature", "D001943"));
        Path rows = dir.resolve("gene-rows.tsv");
        try (Lexicon lexicon = Lexicon.load(new NlpConfig(TestData.sharedData(), dir))) {
            int n = CrfTagger.writeGeneTrainingData(List.of(new PubTator.Doc("d1", title, "", ann, List.of())),
                    Pipelines.tokens(), new MentionFinder(lexicon), rows, CrfTagger.Labels.IO);
            assertEquals(7, n);
        }
        List<String> lines = Files.readAllLines(rows).stream().filter(l -> !l.isEmpty()).toList();
        assertEquals("BRCA1\t" + CrfTagger.SYMBOL_TAG + "\t" + CrfTagger.GENE, lines.get(0));
        assertEquals("mutations\tO\tO", lines.get(1));
        assertEquals("cisplatin\tBCHEM\tO", lines.get(3));
        assertEquals(List.of("breast\tBDIS\tO", "cancer\tIDIS\tO"), lines.subList(5, 7));
    }
}
