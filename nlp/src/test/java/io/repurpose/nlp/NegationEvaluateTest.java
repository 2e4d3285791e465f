package io.repurpose.nlp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NegationEvaluateTest {

    @Test
    void scoresHandWrittenRowsAndWritesPredictedColumn(@TempDir Path tmp) throws Exception {
        Path in = Path.of(NegationEvaluateTest.class.getResource("negex-sample.tsv").toURI());
        Path out = tmp.resolve("pred.tsv");
        ContextDetector d = ContextDetector.load(TestData.sharedData().resolve("lexicons/negation/negex_triggers.txt"));
        NegationEvaluate.Result r = NegationEvaluate.evaluate(d, in, out);
        assertEquals(3, r.tp(), r.toString());
        assertEquals(0, r.fp(), r.toString());
        assertEquals(4, r.tn(), r.toString());
        assertEquals(1.0, r.specificity());
        List<String> rows = Files.readAllLines(out);
        assertTrue(rows.get(0).endsWith("\tPredicted"));
        assertEquals(8, rows.size());
        assertTrue(rows.get(3).endsWith("\tAffirmed"), rows.get(3));
    }
}
