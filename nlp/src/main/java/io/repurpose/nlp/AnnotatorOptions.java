package io.repurpose.nlp;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Run-time choices of the annotator that belong to its trained models, read from {@code annotator.properties} in
 * the model dir (absent file or key: the session-2 behaviour). They are chosen by cross-validation on the train
 * splits ({@code NlpTrain --folds}), never on dev; the evaluation and benchmark commands may override them.
 *
 * @param parseLow            surface-model probability from which a candidate sentence is dependency-parsed
 * @param parseHigh           surface-model probability from which it is decided without the parse (a band
 *                            with low = high never parses; 0 and 1.01 parse every candidate sentence)
 * @param documentConsistency a word sequence the CRF tagged as a chemical/disease is tagged so wherever else it
 *                            occurs untagged in the same document
 * @param tagOnlyForParse     the POS tagger runs only on sentences that are parsed; the others get lemmas guessed
 *                            from suffixes ({@link RelationExtractor#guessLemmas})
 * @param spanEdges           CRF mention edges adjusted by the edge words learned from train ({@link SpanEdges}),
 *                            when the model dir holds {@code span-edges.tsv}
 * @param lexiconWiden        entity types ("" none, "DISEASE", "CHEMICAL,DISEASE") whose CRF span is replaced by a
 *                            longer lexicon match that contains it ("renal failure" → "acute renal failure"); session 4
 * @param lexiconType         a CRF span whose exact extent the lexicon matches with another type (chemical vs
 *                            disease) takes the lexicon's type ("migraine" tagged a chemical); session 4
 * @param diseaseHierarchy    the pair model reads the Disease Ontology is_a features ({@link DiseaseHierarchy}); set by
 *                            {@code NlpTrain} for the pair model it trains, which must be read with the same features;
 *                            session 5
 * @param shortNames          short case-sensitive names learned from train ({@link ShortNames}, {@code short-names.tsv})
 *                            fill untagged tokens after the lexicon; session 6
 * @param crfShapes           run-time tokens get the word shape the CRF was trained with (before session 6 they had
 *                            none, so the model's shape features never fired at run time); session 6
 * @param atLeastOnePair      when no chemical→disease pair of a document reaches its threshold, the best-scored one
 *                            is accepted (every BC5CDR train abstract states at least one); session 7
 * @param sideEffects         the lexicon also holds Hetionet's side-effect names (SIDER/UMLS: "Akathisia",
 *                            "Rhabdomyolysis") as diseases; like the other extra names they only fill after the CRF
 *                            (not its dictionary feature), and the fill-stop table counts them; session 8
 * @param crfSideEffects      the CRF's dictionary feature also marks side-effect names (needs {@code sideEffects};
 *                            a CRF trained so must be applied so); session 8
 * @param abbreviationReach   abbreviation definitions reach further ({@link Abbreviations#find(String, boolean)}:
 *                            "Atorvastatin (Ato)", brackets inside a chemical name), and a long form that no mention
 *                            ends takes its type from a mention inside it ("clomiphene citrate (CC)"), or from a fuzzy
 *                            lexicon match ("Midazolan (MZ)"); session 8
 * @param sequenceVariants    sequence variants by rule ({@link VariantFinder}: "V600E", "c.1799T>A", "rs74805019") on
 *                            untagged tokens, and the pair model's variant→disease and chemical→variant families;
 *                            session 9
 * @param sameTypeClose       the gene–gene and chemical–chemical pairs get {@link ClosePairFeatures} (default on: a pair
 *                            model trained without them ignores them); session 9
 * @param saltForms           a chemical mention takes in the counter-ion word after it ("dothiepin hydrochloride",
 *                            {@link SpanRules}); session 9
 * @param coordination        a disease mention after "MODIFIER and|or" takes that modifier in when it starts with one
 *                            itself ("pleural and pericardial effusion", {@link SpanRules}); session 9
 * @param abbreviationLists   a parenthesis holding a list offers its first item as a short form ("sodium
 *                            nitroprusside (SNP, n = 7)", {@link Abbreviations#find(String, boolean, boolean)}); session 9
 * @param abbreviationFind    definitions are found as with {@code abbreviationReach} ("Atorvastatin (Ato)", brackets
 *                            inside a name), but a short form takes a type only as before (a mention ending at the long
 *                            form, or the lexicon's exact long form), never from a mention inside it; session 9
 * @param pairFeatures        comma-separated session-9 pair feature families ({@link PairFeatures#FAMILIES}) that the
 *                            pair model was trained with and must be read with ("" none); session 9
 */
record AnnotatorOptions(double parseLow, double parseHigh, boolean documentConsistency, boolean tagOnlyForParse,
                        boolean spanEdges, String lexiconWiden, boolean lexiconType, boolean diseaseHierarchy,
                        boolean shortNames, boolean crfShapes, boolean atLeastOnePair, boolean sideEffects,
                        boolean crfSideEffects, boolean abbreviationReach, boolean sequenceVariants,
                        boolean sameTypeClose, boolean saltForms, boolean coordination, boolean abbreviationLists,
                        boolean abbreviationFind, String pairFeatures) {

    static final String FILE = "annotator.properties";

    static final AnnotatorOptions DEFAULTS = new AnnotatorOptions(0.2, 0.8, false, false, true, "", false, false,
            false, false, false, false, false, false, false, true, false, false, false, false, "");

    AnnotatorOptions {
        if (!(parseLow >= 0 && parseLow <= parseHigh && parseHigh <= 1.01)) {
            throw new IllegalArgumentException("parse band must satisfy 0 <= low <= high <= 1: " + parseLow + ", " + parseHigh);
        }
        pairFeatures = pairFeatures.replace(" ", "");
        if (!PairFeatures.FAMILIES.containsAll(families(pairFeatures))) {
            throw new IllegalArgumentException("pairs.features=" + pairFeatures + " names a family outside "
                    + PairFeatures.FAMILIES);
        }
        if (crfSideEffects && !sideEffects) {
            throw new IllegalArgumentException("crf.sideEffects=true needs lexicon.sideEffects=true");
        }
    }

    /** The session-9 pair feature families of {@code pairs.features}. */
    java.util.Set<String> pairFamilies() {
        return families(pairFeatures);
    }

    private static java.util.Set<String> families(String list) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (String x : list.split(",")) {
            if (!x.isBlank()) {
                out.add(x.trim());
            }
        }
        return java.util.Set.copyOf(out);
    }

    /** True when a sentence whose most doubtful pair has surface probability p must be parsed. */
    /** True when CRF spans of this type give way to a longer lexicon match that contains them. */
    boolean widens(EntityType t) {
        return !lexiconWiden.isEmpty() && java.util.Arrays.asList(lexiconWiden.split(",")).contains(t.name());
    }

    boolean parse(double p) {
        return p >= parseLow && p < parseHigh;
    }

    static AnnotatorOptions read(Path modelDir) {
        Path f = modelDir.resolve(FILE);
        if (!Files.exists(f)) {
            return DEFAULTS;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
        return DEFAULTS.with(p);
    }

    /** A short form for the annotator's model version: parse band, POS scope, span edges, consistency. */
    String stamp() {
        return "parse[" + parseLow + "," + parseHigh + ")" + (tagOnlyForParse ? ",pos=parsed" : ",pos=candidates")
                + (spanEdges ? ",edges" : "") + (documentConsistency ? ",consistency" : "")
                + (lexiconWiden.isEmpty() ? "" : ",widen=" + lexiconWiden) + (lexiconType ? ",lexicon-type" : "")
                + (diseaseHierarchy ? ",hierarchy" : "") + (shortNames ? ",short-names" : "")
                + (crfShapes ? ",crf-shapes" : "") + (atLeastOnePair ? ",at-least-one-pair" : "")
                + (sideEffects ? ",side-effects" : "") + (crfSideEffects ? ",crf-side-effects" : "")
                + (abbreviationReach ? ",abbreviation-reach" : "") + (sequenceVariants ? ",sequence-variants" : "")
                + (sameTypeClose ? "" : ",no-same-type-close")
                + (saltForms ? ",salt-forms" : "") + (coordination ? ",coordination" : "")
                + (abbreviationLists ? ",abbreviation-lists" : "") + (abbreviationFind ? ",abbreviation-find" : "")
                + (pairFeatures.isEmpty() ? "" : ",pair-features=" + pairFeatures.replace(',', '+'));
    }

    /** The lexicon sources the CRF's dictionary feature leaves out (training and run time alike). */
    java.util.Set<Lexicon.Source> crfFeatureExcluded() {
        return crfSideEffects ? Lexicon.NOT_COUNTED_FOR_FILL : Lexicon.NOT_IN_CRF_FEATURE;
    }

    /** Writes these options to the model dir's {@code annotator.properties} (what {@link #read} loads). */
    void write(Path modelDir, String comment) {
        Properties p = new Properties();
        p.setProperty("parse.low", Double.toString(parseLow));
        p.setProperty("parse.high", Double.toString(parseHigh));
        p.setProperty("mentions.documentConsistency", Boolean.toString(documentConsistency));
        p.setProperty("pos.onlyForParse", Boolean.toString(tagOnlyForParse));
        p.setProperty("mentions.spanEdges", Boolean.toString(spanEdges));
        p.setProperty("mentions.lexiconWiden", lexiconWiden);
        p.setProperty("mentions.lexiconType", Boolean.toString(lexiconType));
        p.setProperty("pairs.diseaseHierarchy", Boolean.toString(diseaseHierarchy));
        p.setProperty("mentions.shortNames", Boolean.toString(shortNames));
        p.setProperty("crf.shapes", Boolean.toString(crfShapes));
        p.setProperty("pairs.atLeastOne", Boolean.toString(atLeastOnePair));
        p.setProperty("lexicon.sideEffects", Boolean.toString(sideEffects));
        p.setProperty("crf.sideEffects", Boolean.toString(crfSideEffects));
        p.setProperty("mentions.abbreviationReach", Boolean.toString(abbreviationReach));
        p.setProperty("mentions.sequenceVariants", Boolean.toString(sequenceVariants));
        p.setProperty("pairs.sameTypeClose", Boolean.toString(sameTypeClose));
        p.setProperty("mentions.saltForms", Boolean.toString(saltForms));
        p.setProperty("mentions.coordination", Boolean.toString(coordination));
        p.setProperty("mentions.abbreviationLists", Boolean.toString(abbreviationLists));
        p.setProperty("mentions.abbreviationFind", Boolean.toString(abbreviationFind));
        p.setProperty("pairs.features", pairFeatures);
        try (java.io.Writer w = Files.newBufferedWriter(modelDir.resolve(FILE), StandardCharsets.UTF_8)) {
            p.store(w, comment);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + modelDir.resolve(FILE), e);
        }
    }

    /** These options with the keys present in p replaced: parse.low, parse.high, mentions.documentConsistency,
     * pos.onlyForParse, mentions.spanEdges, mentions.lexiconWiden, mentions.lexiconType, pairs.diseaseHierarchy,
     * mentions.shortNames, crf.shapes, pairs.atLeastOne, lexicon.sideEffects, crf.sideEffects,
     * mentions.abbreviationReach, mentions.sequenceVariants, pairs.sameTypeClose, mentions.saltForms,
     * mentions.coordination, mentions.abbreviationLists, mentions.abbreviationFind, pairs.features. */
    AnnotatorOptions with(Properties p) {
        return new AnnotatorOptions(
                Double.parseDouble(p.getProperty("parse.low", Double.toString(parseLow))),
                Double.parseDouble(p.getProperty("parse.high", Double.toString(parseHigh))),
                Boolean.parseBoolean(p.getProperty("mentions.documentConsistency", Boolean.toString(documentConsistency))),
                Boolean.parseBoolean(p.getProperty("pos.onlyForParse", Boolean.toString(tagOnlyForParse))),
                Boolean.parseBoolean(p.getProperty("mentions.spanEdges", Boolean.toString(spanEdges))),
                p.getProperty("mentions.lexiconWiden", lexiconWiden).trim(),
                Boolean.parseBoolean(p.getProperty("mentions.lexiconType", Boolean.toString(lexiconType))),
                Boolean.parseBoolean(p.getProperty("pairs.diseaseHierarchy", Boolean.toString(diseaseHierarchy))),
                Boolean.parseBoolean(p.getProperty("mentions.shortNames", Boolean.toString(shortNames))),
                Boolean.parseBoolean(p.getProperty("crf.shapes", Boolean.toString(crfShapes))),
                Boolean.parseBoolean(p.getProperty("pairs.atLeastOne", Boolean.toString(atLeastOnePair))),
                Boolean.parseBoolean(p.getProperty("lexicon.sideEffects", Boolean.toString(sideEffects))),
                Boolean.parseBoolean(p.getProperty("crf.sideEffects", Boolean.toString(crfSideEffects))),
                Boolean.parseBoolean(p.getProperty("mentions.abbreviationReach", Boolean.toString(abbreviationReach))),
                Boolean.parseBoolean(p.getProperty("mentions.sequenceVariants", Boolean.toString(sequenceVariants))),
                Boolean.parseBoolean(p.getProperty("pairs.sameTypeClose", Boolean.toString(sameTypeClose))),
                Boolean.parseBoolean(p.getProperty("mentions.saltForms", Boolean.toString(saltForms))),
                Boolean.parseBoolean(p.getProperty("mentions.coordination", Boolean.toString(coordination))),
                Boolean.parseBoolean(p.getProperty("mentions.abbreviationLists", Boolean.toString(abbreviationLists))),
                Boolean.parseBoolean(p.getProperty("mentions.abbreviationFind", Boolean.toString(abbreviationFind))),
                p.getProperty("pairs.features", pairFeatures).trim());
    }

    /**
     * Command-line overrides: {@code --parse-band LOW,HIGH}, {@code --doc-consistency true|false},
     * {@code --pos-only-for-parse true|false}, {@code --span-edges true|false}, {@code --lexicon-widen TYPES}
     * ({@code none} for none), {@code --lexicon-type true|false}, {@code --disease-hierarchy true|false},
     * {@code --short-names true|false}, {@code --crf-shapes true|false}, {@code --at-least-one-pair true|false},
     * {@code --side-effects true|false}, {@code --crf-side-effects true|false},
     * {@code --abbreviation-reach true|false}, {@code --sequence-variants true|false},
     * {@code --same-type-close true|false}, {@code --salt-forms true|false}, {@code --coordination true|false},
     * {@code --abbreviation-lists true|false}, {@code --abbreviation-find true|false},
     * {@code --pair-features FAMILIES} ({@code none} for none).
     */
    AnnotatorOptions with(NlpTrain.Args a) {
        Properties p = new Properties();
        String band = a.value("--parse-band", null);
        if (band != null) {
            String[] lh = band.split(",");
            p.setProperty("parse.low", lh[0].trim());
            p.setProperty("parse.high", lh[1].trim());
        }
        String pairFeatures = a.value("--pair-features", null);
        if (pairFeatures != null) {
            p.setProperty("pairs.features", pairFeatures.equals("none") ? "" : pairFeatures);
        }
        String widen = a.value("--lexicon-widen", null);
        if (widen != null) {
            p.setProperty("mentions.lexiconWiden", widen.equals("none") ? "" : widen);
        }
        String[][] flags = {{"--doc-consistency", "mentions.documentConsistency"}, {"--span-edges", "mentions.spanEdges"},
                {"--lexicon-type", "mentions.lexiconType"}, {"--disease-hierarchy", "pairs.diseaseHierarchy"},
                {"--short-names", "mentions.shortNames"}, {"--crf-shapes", "crf.shapes"},
                {"--pos-only-for-parse", "pos.onlyForParse"}, {"--at-least-one-pair", "pairs.atLeastOne"},
                {"--side-effects", "lexicon.sideEffects"}, {"--crf-side-effects", "crf.sideEffects"},
                {"--abbreviation-reach", "mentions.abbreviationReach"},
                {"--sequence-variants", "mentions.sequenceVariants"}, {"--same-type-close", "pairs.sameTypeClose"},
                {"--salt-forms", "mentions.saltForms"}, {"--coordination", "mentions.coordination"},
                {"--abbreviation-lists", "mentions.abbreviationLists"}, {"--abbreviation-find", "mentions.abbreviationFind"}};
        for (String[] f : flags) {
            String v = a.value(f[0], null);
            if (v != null) {
                p.setProperty(f[1], v);
            }
        }
        return with(p);
    }
}
