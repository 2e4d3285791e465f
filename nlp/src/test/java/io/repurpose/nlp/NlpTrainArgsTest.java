package io.repurpose.nlp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NlpTrain retrains its model dir in place: a mistyped option or --help must not start a run. */
class NlpTrainArgsTest {

    @Test
    void aMistypedOptionIsRejectedByName(@TempDir Path dir) {
        NlpTrain.Args a = new NlpTrain.Args(new String[] {"--model-dir", dir.toString(), "--crf-ngram", "3"});
        a.options();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> a.rejectUnknown(NlpTrain.OPTIONS));
        assertTrue(e.getMessage().contains("unknown option --crf-ngram "), e.getMessage());
    }

    @Test
    void ownAndRunTimeOptionsAndFlagsPass(@TempDir Path dir) {
        NlpTrain.Args a = new NlpTrain.Args(new String[] {"--model-dir", dir.toString(), "--crf-ngrams", "3",
                "--skip-crf", "--salt-forms", "true", "--pairs-only", "--pair-features", "cues", "--threads", "2"});
        a.options();
        assertDoesNotThrow(() -> a.rejectUnknown(NlpTrain.OPTIONS));
    }

    /** Session 11: the CRF labels, IO by default; a bad scheme or type fails naming the option and the value. */
    @Test
    void labelSchemesAreParsedAndABadOneIsNamed() {
        NlpTrain.Args a = new NlpTrain.Args(new String[] {"--crf-labels", "BIOES:DISEASE", "--gene-crf-labels", "BILOU"});
        CrfTagger.Labels labels = NlpTrain.labelScheme(a, "--crf-labels");
        assertEquals(new CrfTagger.Labels(CrfTagger.LabelScheme.BIOES, java.util.Set.of(CrfTagger.DIS)), labels);
        assertTrue(labels.prefixes(CrfTagger.DIS) && !labels.prefixes(CrfTagger.CHEM));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NlpTrain.labelScheme(a, "--gene-crf-labels"));
        assertTrue(e.getMessage().contains("--gene-crf-labels BILOU"), e.getMessage());
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
                () -> NlpTrain.labelScheme(new NlpTrain.Args(new String[] {"--crf-labels", "BIO:DRUG"}), "--crf-labels"));
        assertTrue(t.getMessage().contains("DRUG"), t.getMessage());
        assertEquals(CrfTagger.Labels.IO, NlpTrain.labelScheme(new NlpTrain.Args(new String[0]), "--crf-labels"));
    }

    @Test
    void adoptedAddsItsOptionsAfterTheGivenOnesWhichWin(@TempDir Path dir) {
        String[] given = {"--model-dir", dir.toString(), "--adopted", "--pair-features", "cues"};
        NlpTrain.Args a = new NlpTrain.Args(NlpTrain.withAdopted(given));
        AnnotatorOptions options = a.options();
        assertDoesNotThrow(() -> a.rejectUnknown(NlpTrain.OPTIONS));
        assertEquals("cues", a.value("--pair-features", ""));
        assertEquals("3", a.value("--crf-ngrams", ""));
        assertTrue(options.saltForms());
        assertEquals(new PairTrainer.ThresholdChoice(2, 5, 0, 0, 0),
                PairTrainer.ThresholdChoice.parse(options.pairThresholdChoice()),
                "session 12: the pair thresholds from five 2-fold splits pooled");
        assertEquals(NlpTrain.ADOPTED.size() + given.length - 2, NlpTrain.withAdopted(given).length);
        assertArrayEquals(new String[] {"--skip-crf"}, NlpTrain.withAdopted(new String[] {"--skip-crf"}));
    }

    @Test
    void helpWritesNothing(@TempDir Path dir) throws Exception {
        Path models = dir.resolve("models");
        NlpTrain.main(new String[] {"--model-dir", models.toString(), "--help"});
        assertFalse(Files.exists(models));
    }

    @Test
    void evaluationVariantsAreOptionFlagsAndAnythingElseFails() {
        assertEquals("protein", NlpEvaluate.variantOptions(AnnotatorOptions.DEFAULTS, "--gene-short-forms protein")
                .geneShortForms());
        assertEquals(AnnotatorOptions.DEFAULTS, NlpEvaluate.variantOptions(AnnotatorOptions.DEFAULTS, " "));
        // a property key instead of a flag used to score the base options again without a word
        assertThrows(IllegalArgumentException.class,
                () -> NlpEvaluate.variantOptions(AnnotatorOptions.DEFAULTS, "mentions.geneShortForms=protein"));
        assertThrows(IllegalArgumentException.class,
                () -> NlpEvaluate.variantOptions(AnnotatorOptions.DEFAULTS, "--gene-shortforms protein"));
        assertThrows(IllegalArgumentException.class,
                () -> NlpEvaluate.variantOptions(AnnotatorOptions.DEFAULTS, "--gene-short-forms maybe"));
        // a variant that needs another option is judged over the options it runs on, not the defaults
        AnnotatorOptions treats = AnnotatorOptions.DEFAULTS.with(new NlpTrain.Args(new String[] {"--treats-model", "true"}));
        assertTrue(NlpEvaluate.variantOptions(treats, "--treats-distant true").treatsDistant());
        assertThrows(IllegalArgumentException.class,
                () -> NlpEvaluate.variantOptions(AnnotatorOptions.DEFAULTS, "--treats-distant true"));
    }

    @Test
    void commandsRefuseAnOptionTheyDoNotKnowBeforeDoingAnything() {
        List<String> own = List.of("--threads", "--out");
        NlpTrain.Args ok = NlpTrain.Args.checked(new String[] {"dev.pubtator", "--threads", "2", "--model-dir", "m",
                "--gene-short-forms", "protein", "--parse-band", "0.4,0.6", "--no-crf"}, own);
        assertEquals(List.of("dev.pubtator"), ok.positional());
        assertEquals(2, ok.intValue("--threads", 1));
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
                () -> NlpTrain.Args.checked(new String[] {"dev.pubtator", "--thread", "2"}, own));
        assertTrue(typo.getMessage().contains("--thread"), typo.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> NlpTrain.Args.checked(new String[] {"dev.pubtator", "--modeldir", "m"}, own));
    }
}
