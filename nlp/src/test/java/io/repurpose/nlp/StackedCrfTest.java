package io.repurpose.nlp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StackedCrfTest {

    private static final String C = CrfTagger.CHEM;
    private static final String D = CrfTagger.DIS;

    private static CrfTagger.Rows rows(String text, String... labels) {
        String[] w = text.split(" ");
        String[] o = new String[w.length];
        java.util.Arrays.fill(o, "O");
        return new CrfTagger.Rows(w, o, null, labels.length == 0 ? o : labels);
    }

    /** With {@code crf.stack=CHEMICAL} chemicals come from the second pass and diseases from the first. */
    @Test
    void stackedTypesTakeTheSecondPassAndTheOthersTheFirst() {
        String[] first = {C, "O", D, D, "O", C};
        String[] second = {"O", C, D, "O", D, C};
        AnnotatorOptions chem = AnnotatorOptions.DEFAULTS.with(new NlpTrain.Args(new String[] {"--crf-stack", "CHEMICAL"}));
        assertArrayEquals(new String[] {"O", C, D, D, "O", C}, CoreNlpAnnotator.combine(first, second, chem));
        AnnotatorOptions both = chem.with(new NlpTrain.Args(new String[] {"--crf-stack", "CHEMICAL,DISEASE"}));
        assertArrayEquals(second, CoreNlpAnnotator.combine(first, second, both));
        AnnotatorOptions none = chem.with(new NlpTrain.Args(new String[] {"--crf-stack", "none"}));
        assertArrayEquals(first, CoreNlpAnnotator.combine(first, second, none));
    }

    /**
     * A tiny corpus in 2 jackknife parts: the second pass is trained on rows with the document column, written next to
     * the rows, and reads that column when it tags.
     */
    @Test
    void trainsTheSecondPassFromOutOfFoldLabels(@TempDir Path dir) throws Exception {
        List<List<CrfTagger.Rows>> docs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String drug = "drug" + i;
            docs.add(List.of(rows("patients took " + drug + " daily", "O", "O", C, "O"),
                    rows("then " + drug + " caused asthma", "O", C, "O", D)));
        }
        StackedCrf.Result r = StackedCrf.train(docs, 2, dir, 30, 3, false, "", true);
        assertEquals(48, r.tokens());
        assertEquals(2, r.parts());
        assertTrue(r.firstPassAccuracy() > 0.5 && r.firstPassAccuracy() <= 1.0, "accuracy " + r.firstPassAccuracy());
        assertTrue(Files.size(dir.resolve(StackedCrf.FILE)) > 0);
        List<String> stacked = Files.readAllLines(dir.resolve("ner-crf2-train.tsv"));
        assertEquals("patients\tO\tN\tO", stacked.get(0), "word, dictionary tag, document column, label");
        assertFalse(Files.exists(dir.resolve("ner-crf2-part.tsv")), "the jackknife's part rows are removed");
        CrfTagger second = CrfTagger.load(dir.resolve(StackedCrf.FILE));
        String[] t = second.labels(new String[] {"then", "drug9", "caused", "asthma"}, new String[] {"O", "O", "O", "O"},
                null, new String[] {"N", "C!", "N", "N"}, true);
        assertEquals(C, t[1]);
        assertThrows(IllegalArgumentException.class, () -> StackedCrf.train(docs, 1, dir, 30, 3, false, "", true));
    }
}
