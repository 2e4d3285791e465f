package io.repurpose.nlp;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.util.CoreMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnnotatorOptionsTest {

    @Test
    void readsTheModelDirFileAndCommandLineOverrides(@TempDir Path dir) throws Exception {
        assertEquals(AnnotatorOptions.DEFAULTS, AnnotatorOptions.read(dir));
        Files.writeString(dir.resolve(AnnotatorOptions.FILE), "parse.low=0.4\nparse.high=0.6\npos.onlyForParse=true\n");
        AnnotatorOptions o = AnnotatorOptions.read(dir);
        assertEquals(0.4, o.parseLow());
        assertEquals(0.6, o.parseHigh());
        assertTrue(o.tagOnlyForParse());
        assertFalse(o.documentConsistency());
        assertTrue(o.parse(0.4));
        assertFalse(o.parse(0.6));
        assertFalse(o.parse(0.1));
        AnnotatorOptions never = o.with(new NlpTrain.Args(new String[] {"--parse-band", "0.5,0.5", "--doc-consistency", "true"}));
        assertFalse(never.parse(0.5));
        assertTrue(never.documentConsistency());
        assertTrue(never.tagOnlyForParse(), "keys not overridden stay");
        assertThrows(IllegalArgumentException.class, () -> new AnnotatorOptions(0.7, 0.3, false, false, true, "", false, false,
                false, false, false, false, false, false, false, true, false, false, false, false, "", "", 0, false, false, "", "", "", "", false, false, "logistic", "", "", false, false));
        assertFalse(o.widens(EntityType.DISEASE), "absent key: no lexicon widening (session-3 behaviour)");
        AnnotatorOptions widen = o.with(new NlpTrain.Args(new String[] {"--lexicon-widen", "CHEMICAL,DISEASE"}));
        assertTrue(widen.widens(EntityType.CHEMICAL));
        assertTrue(widen.widens(EntityType.DISEASE));
        assertFalse(widen.widens(EntityType.GENE));
        assertFalse(widen.lexiconType());
        widen = widen.with(new NlpTrain.Args(new String[] {"--lexicon-type", "true"}));
        assertTrue(widen.lexiconType());
        assertFalse(widen.diseaseHierarchy());
        widen = widen.with(new NlpTrain.Args(new String[] {"--disease-hierarchy", "true"}));
        assertTrue(widen.diseaseHierarchy());
        assertTrue(widen.stamp().contains("hierarchy"), widen.stamp());
        roundTrip(widen, dir, "written and read back");
        assertFalse(widen.with(new NlpTrain.Args(new String[] {"--lexicon-widen", "none"})).widens(EntityType.DISEASE));
        assertFalse(widen.crfShapes(), "absent key: run-time tokens without shapes (the behaviour of older model dirs)");
        assertFalse(widen.shortNames());
        AnnotatorOptions s6 = widen.with(new NlpTrain.Args(new String[] {"--crf-shapes", "true", "--short-names", "true"}));
        assertTrue(s6.crfShapes());
        assertTrue(s6.shortNames());
        assertTrue(s6.stamp().contains("crf-shapes") && s6.stamp().contains("short-names"), s6.stamp());
        roundTrip(s6, dir, "session-6 keys written and read back");
        assertFalse(s6.atLeastOnePair(), "absent key: no fallback pair (older model dirs)");
        AnnotatorOptions s7 = switchedOn(s6, "at-least-one-pair", AnnotatorOptions::atLeastOnePair, dir, "session-7");
        assertFalse(s7.sideEffects(), "absent key: no side-effect names (older model dirs)");
        AnnotatorOptions s8 = switchedOn(s7, "side-effects", AnnotatorOptions::sideEffects, dir, "session-8");
        assertFalse(s8.sequenceVariants(), "absent key: no variant mentions (older model dirs)");
        AnnotatorOptions s9 = switchedOn(s8, "sequence-variants", AnnotatorOptions::sequenceVariants, dir, "session-9");
        assertTrue(s9.sameTypeClose(), "absent key: close-pair features on (a pair model trained without them ignores them)");
        AnnotatorOptions off = s9.with(new NlpTrain.Args(new String[] {"--same-type-close", "false"}));
        assertTrue(off.stamp().contains("no-same-type-close"), off.stamp());
        roundTrip(off, dir, "session-9 key written and read back");
        assertFalse(s8.saltForms() || s8.coordination(), "absent keys: no session-9 extent rules (older model dirs)");
        assertFalse(s8.abbreviationLists());
        s9 = switchedOn(s9, "salt-forms", AnnotatorOptions::saltForms, dir, "session-9");
        s9 = switchedOn(s9, "coordination", AnnotatorOptions::coordination, dir, "session-9");
        s9 = switchedOn(s9, "abbreviation-lists", AnnotatorOptions::abbreviationLists, dir, "session-9");
        switchedOn(s9, "abbreviation-find", AnnotatorOptions::abbreviationFind, dir, "session-9");
        assertTrue(s8.pairFamilies().isEmpty(), "absent key: the session-8 pair features (older model dirs)");
        AnnotatorOptions pf = listed(s8, "pair-features", "sent, family", AnnotatorOptions::pairFamilies,
                "pair-features=sent+family", "sent,colour", dir);
        assertEquals("", pf.pairsCompete(), "absent key: no competition between pairs (older model dirs)");
        AnnotatorOptions compete = pf.with(new NlpTrain.Args(new String[] {"--pairs-compete", "subject"}));
        assertEquals("subject", compete.pairsCompete());
        assertTrue(compete.stamp().endsWith(",compete=subject"), compete.stamp());
        roundTrip(compete, dir, "session-10 key written and read back");
        IllegalArgumentException who = assertThrows(IllegalArgumentException.class,
                () -> pf.with(new NlpTrain.Args(new String[] {"--pairs-compete", "disease"})));
        assertTrue(who.getMessage().contains("disease"), who.getMessage());
        assertEquals("object:CHEMICAL>DISEASE", pf.with(new NlpTrain.Args(new String[] {"--pairs-compete",
                "object:CHEMICAL>DISEASE"})).pairsCompete());
        assertEquals(0, pf.pairBag(), "absent key: one logistic pair model (older model dirs)");
        AnnotatorOptions bag = compete.with(new NlpTrain.Args(new String[] {"--pair-bag", "10"}));
        assertEquals(10, bag.pairBag());
        assertTrue(bag.stamp().endsWith(",compete=subject,pair-bag=10"), bag.stamp());
        roundTrip(bag, dir, "pairs.bag written and read back");
        assertThrows(IllegalArgumentException.class, () -> pf.with(new NlpTrain.Args(new String[] {"--pair-bag", "-1"})));
        assertEquals("logistic", pf.pairLearner(), "absent key: today's logistic pair model (older model dirs)");
        assertEquals(PairLearner.LOGISTIC, pf.learner());
        AnnotatorOptions trees = pf.with(new NlpTrain.Args(new String[] {"--pair-learner", "xgboost:trees=300,depth=6"}));
        assertEquals("xgboost:trees=300,depth=6,eta=0.1,subsample=0.8,colsample=1.0,minChild=1.0", trees.pairLearner(),
                "written in full, so a later change of a default cannot change what a model dir means");
        assertTrue(trees.stamp().endsWith(",pair-learner=xgboost:trees=300+depth=6+eta=0.1+subsample=0.8+colsample=1.0"
                + "+minChild=1.0"), trees.stamp());
        roundTrip(trees, dir, "pairs.learner written and read back");
        assertEquals("logistic", trees.with(new NlpTrain.Args(new String[] {"--pair-learner", "none"})).pairLearner());
        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class,
                () -> bag.with(new NlpTrain.Args(new String[] {"--pair-learner", "xgboost"})));
        assertTrue(mixed.getMessage().contains("pairs.bag=10"), mixed.getMessage());
        assertEquals(10, bag.with(new NlpTrain.Args(new String[] {"--pair-learner", "blend"})).pairBag(),
                "a blend bags its logistic half");
        assertFalse(bag.bc5cdrTreats(), "absent key: BC5CDR's non-CID pairs are NONE (older model dirs)");
        AnnotatorOptions treats = switchedOn(bag, "bc5cdr-treats", AnnotatorOptions::bc5cdrTreats, dir, "session-10");
        switchedOn(treats, "type-thresholds", AnnotatorOptions::typeThresholds, dir, "session-10");
        assertFalse(s8.stacks(EntityType.CHEMICAL) || s8.stacks(EntityType.DISEASE), "absent key: one CRF pass (older dirs)");
        AnnotatorOptions stack = s8.with(new NlpTrain.Args(new String[] {"--crf-stack", "CHEMICAL"}));
        assertTrue(stack.stacks(EntityType.CHEMICAL));
        assertFalse(stack.stacks(EntityType.DISEASE));
        assertTrue(stack.stamp().endsWith(",crf-stack=CHEMICAL"), stack.stamp());
        roundTrip(stack, dir, "session-10 key written and read back");
        IllegalArgumentException gene = assertThrows(IllegalArgumentException.class,
                () -> s8.with(new NlpTrain.Args(new String[] {"--crf-stack", "GENE"})));
        assertTrue(gene.getMessage().contains("crf.stack=GENE"), gene.getMessage());
        assertTrue(s8.normaliseRules().isEmpty(), "absent key: the lexicon's search only (older dirs)");
        AnnotatorOptions norm = listed(stack, "normalise", "spelling,stem,document", AnnotatorOptions::normaliseRules,
                "normalise=spelling+stem+document", "stem,lemma", dir);
        assertTrue(norm.stamp().endsWith(",crf-stack=CHEMICAL,normalise=spelling+stem+document"), norm.stamp());
        assertTrue(s8.bracketSynonymTypes().isEmpty(), "absent key: brackets give nothing beyond the definitions (older dirs)");
        AnnotatorOptions bracket = listed(norm, "bracket-synonyms", "CHEMICAL", AnnotatorOptions::bracketSynonymTypes,
                "bracket-synonyms=CHEMICAL", "CHEMICAL,GENE", dir);
        assertTrue(bracket.bracketSynonym(EntityType.CHEMICAL));
        assertFalse(bracket.bracketSynonym(EntityType.DISEASE));
        assertTrue(bracket.stamp().endsWith(",normalise=spelling+stem+document,bracket-synonyms=CHEMICAL"), bracket.stamp());
        assertEquals("", norm.pairThresholdChoice(), "absent key: one 2-fold split, the F1 arg-max (older dirs)");
        AnnotatorOptions choice = norm.with(new NlpTrain.Args(new String[] {"--pair-threshold-choice", "folds=5,plateau=0.01"}));
        assertEquals(new PairTrainer.ThresholdChoice(5, 1, 0, 0.01, 0),
                PairTrainer.ThresholdChoice.parse(choice.pairThresholdChoice()));
        assertTrue(choice.stamp().endsWith(",normalise=spelling+stem+document,threshold-choice=folds=5+plateau=0.01"),
                choice.stamp());
        roundTrip(choice, dir, "session-12 key written and read back");
        IllegalArgumentException folds = assertThrows(IllegalArgumentException.class,
                () -> norm.with(new NlpTrain.Args(new String[] {"--pair-threshold-choice", "folds=one"})));
        assertTrue(folds.getMessage().contains("folds=one"), folds.getMessage());
        assertEquals("", norm.geneShortForms(), "absent key: gene short forms of unknown long forms dropped (older dirs)");
        AnnotatorOptions gsf = norm.with(new NlpTrain.Args(new String[] {"--gene-short-forms", "protein"}));
        assertTrue(gsf.stamp().endsWith(",gene-short-forms=protein"), gsf.stamp());
        roundTrip(gsf, dir, "session-14 key written and read back");
        assertThrows(IllegalArgumentException.class, () -> norm.with(new NlpTrain.Args(new String[] {"--gene-short-forms", "some"})));
        IllegalArgumentException alone = assertThrows(IllegalArgumentException.class,
                () -> norm.with(new NlpTrain.Args(new String[] {"--shared-chemical-disease", "true"})));
        assertTrue(alone.getMessage().contains("otherFamiliesLearner"), alone.getMessage());
        AnnotatorOptions shared = norm.with(new NlpTrain.Args(new String[] {"--shared-chemical-disease", "true",
                "--other-families-learner", "xgboost"}));
        assertTrue(shared.sharedChemicalDisease() && shared.stamp().endsWith(",shared-chemical-disease"), shared.stamp());
        roundTrip(shared, dir, "session-14 key written and read back");
        assertThrows(IllegalArgumentException.class, () -> norm.with(new NlpTrain.Args(new String[] {"--treats-distant", "true"})),
                "distant TREATS labels need the TREATS model");
        assertTrue(norm.with(new NlpTrain.Args(new String[] {"--treats-distant", "true", "--treats-model", "true"}))
                .treatsDistant());
    }

    /** {@code options} written to {@code dir} and read back equal. */
    private static void roundTrip(AnnotatorOptions options, Path dir, String what) {
        options.write(dir, "test");
        assertEquals(options, AnnotatorOptions.read(dir), what);
    }

    /**
     * A comma-list option: the flag's value read as the listed names, stamped, written and read back, "none" for none,
     * and a value with an unknown name refused by name.
     */
    private static AnnotatorOptions listed(AnnotatorOptions base, String flag, String value,
                                           java.util.function.Function<AnnotatorOptions, java.util.Set<String>> names,
                                           String stamp, String bad, Path dir) {
        AnnotatorOptions on = base.with(new NlpTrain.Args(new String[] {"--" + flag, value}));
        assertEquals(java.util.Set.of(value.replace(" ", "").split(",")), names.apply(on));
        assertTrue(on.stamp().contains(stamp), on.stamp());
        roundTrip(on, dir, flag + " written and read back");
        assertTrue(names.apply(on.with(new NlpTrain.Args(new String[] {"--" + flag, "none"}))).isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> base.with(new NlpTrain.Args(new String[] {"--" + flag, bad})));
        assertTrue(e.getMessage().contains(bad), e.getMessage());
        return on;
    }

    /**
     * The option table: each key and flag once, every flag asked for (so {@code rejectUnknown} passes with all of
     * them at once), and the stamp of the session-9 model dir's options pinned, since ingest re-annotates when it
     * changes.
     */
    @Test
    void theTableGivesEveryOptionOneKeyAndFlagAndKeepsTheStamp(@TempDir Path dir) throws Exception {
        java.util.Set<String> keys = new java.util.HashSet<>();
        java.util.Set<String> flags = new java.util.HashSet<>();
        List<String> args = new java.util.ArrayList<>(List.of(AnnotatorOptions.PARSE_BAND, "0.45,0.55"));
        for (AnnotatorOptions.Option o : AnnotatorOptions.OPTIONS) {
            assertTrue(keys.add(o.key()), o.key());
            if (o.flag() != null) {
                assertTrue(flags.add(o.flag()), o.flag());
                args.addAll(List.of(o.flag(), o.flag().equals("--pair-features") ? "cues" // bc5cdr-treatment-cues needs it
                        : o.flag().equals("--shared-chemical-disease") ? "false" // needs an other-families learner
                        : o.type() == String.class ? "none" : o.type() == boolean.class ? "true"
                        : o.type() == int.class ? "3" : "0.5"));
            }
        }
        assertEquals(AnnotatorOptions.class.getRecordComponents().length, keys.size());
        assertEquals(keys.size() - 2, flags.size(), "parse.low and parse.high share " + AnnotatorOptions.PARSE_BAND);
        NlpTrain.Args all = new NlpTrain.Args(args.toArray(String[]::new));
        AnnotatorOptions on = AnnotatorOptions.DEFAULTS.with(all);
        all.rejectUnknown(List.of());
        assertEquals("parse[0.45,0.55),pos=parsed,edges,consistency,lexicon-type,hierarchy,short-names,crf-shapes,"
                + "at-least-one-pair,side-effects,crf-side-effects,abbreviation-reach,sequence-variants,salt-forms,"
                + "coordination,abbreviation-lists,abbreviation-find,pair-features=cues,pair-bag=3,bc5cdr-treats,type-thresholds,"
                + "bc5cdr-treatment-cues,treats-model,treats-distant", on.stamp());
        Files.writeString(dir.resolve(AnnotatorOptions.FILE), String.join("\n", "crf.sideEffects=false",
                "lexicon.sideEffects=true", "mentions.lexiconWiden=CHEMICAL,DISEASE", "mentions.abbreviationLists=true",
                "parse.high=0.55", "mentions.abbreviationFind=true", "pairs.features=cues", "mentions.lexiconType=true",
                "mentions.saltForms=true", "mentions.documentConsistency=false", "mentions.sequenceVariants=true",
                "crf.shapes=true", "pairs.diseaseHierarchy=false", "mentions.spanEdges=false", "pos.onlyForParse=true",
                "parse.low=0.45", "mentions.abbreviationReach=false", "mentions.shortNames=false",
                "pairs.sameTypeClose=false", "pairs.atLeastOne=false", "mentions.coordination=true"));
        AnnotatorOptions s9 = AnnotatorOptions.read(dir);
        assertEquals("parse[0.45,0.55),pos=parsed,widen=CHEMICAL,DISEASE,lexicon-type,crf-shapes,side-effects,"
                + "sequence-variants,no-same-type-close,salt-forms,coordination,abbreviation-lists,abbreviation-find,"
                + "pair-features=cues", s9.stamp(), "the stamp of data/models/nlp (nlp-s9)");
        assertEquals("parse[0.2,0.8),pos=candidates,edges,pair-features=sent+cues",
                AnnotatorOptions.DEFAULTS.with(new NlpTrain.Args(new String[] {"--pair-features", "sent,cues"})).stamp());
        roundTrip(s9, dir, "written and read back");
    }

    /**
     * {@code base} with {@code --FLAG true}: the option is on, the stamp names it, and the options are written to
     * {@code dir} and read back equal.
     */
    /** Session 13: {@code pairs.bc5cdrTreatmentCues} is off unless given, and reads the {@code cues} family's features. */
    @Test
    void bc5cdrTreatmentCuesNeedTheCuesFamily(@TempDir Path dir) {
        assertFalse(AnnotatorOptions.DEFAULTS.bc5cdrTreatmentCues(), "absent key: every BC5CDR pair trains (older dirs)");
        AnnotatorOptions cues = AnnotatorOptions.DEFAULTS.with(new NlpTrain.Args(new String[] {"--pair-features", "cues"}));
        switchedOn(cues, "bc5cdr-treatment-cues", AnnotatorOptions::bc5cdrTreatmentCues, dir, "session-13");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AnnotatorOptions.DEFAULTS.with(
                new NlpTrain.Args(new String[] {"--bc5cdr-treatment-cues", "true"})));
        assertTrue(e.getMessage().contains("cues"), e.getMessage());
        assertFalse(AnnotatorOptions.DEFAULTS.treatsModel(), "absent key: one pair model decides TREATS (older dirs)");
        switchedOn(AnnotatorOptions.DEFAULTS, "treats-model", AnnotatorOptions::treatsModel, dir, "session-13");
        AnnotatorOptions others = AnnotatorOptions.DEFAULTS.with(new NlpTrain.Args(new String[] {"--other-families-learner",
                "xgboost:trees=50"}));
        assertEquals("xgboost:trees=50,depth=4,eta=0.1,subsample=0.8,colsample=1.0,minChild=1.0", others.otherFamiliesLearner());
        assertTrue(others.stamp().endsWith(",other-families=xgboost:trees=50+depth=4+eta=0.1+subsample=0.8+colsample=1.0"
                + "+minChild=1.0"), others.stamp());
        assertEquals("", AnnotatorOptions.DEFAULTS.otherFamiliesLearner(), "absent key: one pair model for every family");
        assertThrows(IllegalArgumentException.class, () -> AnnotatorOptions.DEFAULTS.with(new NlpTrain.Args(
                new String[] {"--other-families-learner", "forest"})));
    }

    private static AnnotatorOptions switchedOn(AnnotatorOptions base, String flag,
                                               java.util.function.Predicate<AnnotatorOptions> option, Path dir,
                                               String session) {
        AnnotatorOptions on = base.with(new NlpTrain.Args(new String[] {"--" + flag, "true"}));
        assertTrue(option.test(on), flag);
        assertTrue(on.stamp().contains(flag), on.stamp());
        roundTrip(on, dir, session + " key written and read back");
        return on;
    }

    @Test
    void guessedLemmasWithoutTheTagger() {
        Annotation a = new Annotation("Cisplatin induced nephrotoxicity in treated patients and was causing deaths.");
        Pipelines.tokens().annotate(a);
        List<CoreMap> sentences = a.get(CoreAnnotations.SentencesAnnotation.class);
        RelationExtractor.guessLemmas(sentences);
        List<CoreLabel> t = sentences.get(0).get(CoreAnnotations.TokensAnnotation.class);
        assertEquals("induce", t.get(1).lemma());
        assertEquals("nephrotoxicity", t.get(2).lemma());
        assertEquals("treat", t.get(4).lemma());
        assertEquals("patient", t.get(5).lemma());
        assertEquals("be", t.get(7).lemma());
        assertEquals("cause", t.get(8).lemma());
        assertEquals("death", t.get(9).lemma());
        assertNull(t.get(1).tag(), "no tag, so the tagger still runs when the sentence is parsed");
    }
}
