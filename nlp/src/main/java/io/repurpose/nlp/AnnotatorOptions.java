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
 * @param pairsCompete        "" (none), "subject" or "object", optionally followed by ":FAMILY,FAMILY" (e.g.
 *                            "object:CHEMICAL>DISEASE"; none: every family): the pairs of one family that share their
 *                            subject (object) entity in a document compete — a pair is accepted only when its
 *                            probability is also at least the family's relative score (chosen with its threshold in the
 *                            training CV, kept in {@code pairs.thresholds}) times the best one among them; session 10
 * @param pairBag             0 or 1: one logistic pair model; N &ge; 2: a bagged ensemble of N (bootstrap samples,
 *                            seeded, probabilities averaged), for the thresholds' CV fits too; a training choice, kept
 *                            here so the model version names it; session 10
 * @param bc5cdrTreats        the pair model's BC5CDR training pairs that are no CID pair but that a sentence states as a
 *                            treatment are labelled TREATS, not NONE ({@link PairTrainer#rows}); a training choice;
 *                            session 10
 * @param typeThresholds      a pair family with several relation types (chemical→disease: CAUSES, TREATS) gets a
 *                            threshold per predicted type, chosen in the training CV like the family's
 *                            ({@code CHEMICAL>DISEASE:CAUSES} in {@code pairs.thresholds}); session 10
 * @param crfStack            comma-separated types (CHEMICAL, DISEASE; "" none) whose CRF labels come from a second CRF
 *                            pass ({@link StackedCrf#FILE}, trained by {@code NlpTrain} when this is not empty) that also
 *                            reads the first pass's labels of the same word elsewhere in the document
 *                            ({@link DocumentLabels}); the other type keeps the first pass's labels; without that file
 *                            the first pass decides, as before; session 10
 * @param normalise           comma-separated rules of {@link MentionNormaliser#RULES} ("" none) by which a chemical or
 *                            disease mention the lexicon gives no MeSH id reaches one (spelling, organ, of, stem, head;
 *                            head reads {@code norm-backoff.tsv}); session 11
 * @param bracketSynonyms     comma-separated types (CHEMICAL, DISEASE; "" none): a mention of such a type directly
 *                            followed by a bracketed word that Schwartz and Hearst's rule does not define as its short
 *                            form ("benzylpenicillin (PG)", "Pentoxifylline (Trental)", "...-formamide (FANFT)") gives
 *                            that word its type and identifier wherever it stands in the document; session 12,
 *                            measured and not adopted: CHEMICAL raised chemical F1 on both train halves, but with the pair
 *                            model retrained on its mentions fold 0's CID and BioRED pair F1 fell; session 13: a word
 *                            shaped like a variant, a dose, a number and the like is skipped ({@link Abbreviations#notAName})
 *                            and a mention without a MeSH id leaves the word its own; with the pair model retrained CID
 *                            still fell on both halves (0.3984 to 0.3961, 0.3980 to 0.3964): still not adopted
 * @param pairThresholdChoice how the pair model's per-family thresholds are chosen on out-of-fold training scores
 *                            ({@link PairTrainer.ThresholdChoice}: "folds=5,repeats=2,plateau=0.01,minPositives=30";
 *                            "" one 2-fold split and the F1 arg-max, as before); a training choice; session 12
 * @param bc5cdrTreatmentCues the pair model's BC5CDR chemical→disease training pairs that are no CID pair but have a
 *                            treatment or protection cue between two of their mentions in one sentence (the {@code cues}
 *                            family's {@code treat} / {@code protect} classes: "X for Y", "X in the treatment of Y", "X
 *                            protects against Y") are left out: BC5CDR annotates induced diseases only, so such a pair
 *                            taught the shared model that a treatment is no relation, against BioRED's
 *                            Negative_Correlation ({@link PairTrainer#rows}); needs {@code pairs.features} with
 *                            {@code cues}; a training choice; session 13
 * @param treatsModel         chemical→disease TREATS is decided by a pair model of its own ({@code pairs-treats.model},
 *                            trained on BioRED's chemical→disease pairs only: TREATS against the rest, same features,
 *                            its threshold chosen by the same CV, kept in {@code pairs.thresholds} as
 *                            {@link PairTrainer#TREATS_MODEL}); the shared pair model then decides CAUSES alone, so a
 *                            pair it accepts as CAUSES stays CAUSES and CID is scored as before. BC5CDR, which labels
 *                            every treatment pair of its abstracts "no relation", no longer teaches TREATS; session 13
 * @param pairLearner         the pair model's learner ({@link PairLearner}: "logistic", today's and the default;
 *                            "xgboost:trees=100,depth=4" gradient-boosted trees; "blend:..." the mean of both), for the
 *                            thresholds' CV fits too; a training choice, kept here so the model version names it (the
 *                            model file itself says what it is); session 13, measured and not adopted: xgboost raised
 *                            BioRED pair F1 on both train halves, but fold 0's CID F1 fell
 * @param otherFamiliesLearner a {@link PairLearner} value ("" none): the pair families other than chemical→disease
 *                            (gene→disease, chemical→gene, same-type and variant pairs) are decided by a second pair
 *                            model of that learner ({@code pairs-others.model}, trained on the same rows; thresholds from
 *                            the same CV, kept in {@code pairs.thresholds} under {@link PairTrainer#OTHERS}); the shared
 *                            model keeps chemical→disease; a training choice; session 13
 * @param geneShortForms      what becomes of a gene symbol that the text defines as the short form of a long form the
 *                            annotator does not know ("ribonuclease L (RNASEL)", "Dopamine b-hydroxylase (DBH)"):
 *                            "" dropped everywhere (before session 14), "protein" kept when a word of the long form
 *                            names a protein ({@link Abbreviations#namesAProtein}), "all" kept; session 14
 * @param sharedChemicalDisease with {@code otherFamiliesLearner} set: the shared pair model, which then decides only
 *                            chemical→disease pairs, is trained on chemical→disease rows only, so a change in the gene
 *                            mentions no longer moves CID through its weights and thresholds; a training choice;
 *                            session 14
 * @param treatsDistant       with {@code treatsModel}: the TREATS model also learns from BC5CDR's chemical→disease pairs
 *                            that curated knowledge names an indication (Hetionet CtD or CpD: TREATS) and from its CID
 *                            pairs (NONE); BC5CDR's other pairs stay out (it does not annotate treatments); a training
 *                            choice; session 14
 */
record AnnotatorOptions(double parseLow, double parseHigh, boolean documentConsistency, boolean tagOnlyForParse,
                        boolean spanEdges, String lexiconWiden, boolean lexiconType, boolean diseaseHierarchy,
                        boolean shortNames, boolean crfShapes, boolean atLeastOnePair, boolean sideEffects,
                        boolean crfSideEffects, boolean abbreviationReach, boolean sequenceVariants,
                        boolean sameTypeClose, boolean saltForms, boolean coordination, boolean abbreviationLists,
                        boolean abbreviationFind, String pairFeatures, String pairsCompete, int pairBag,
                        boolean bc5cdrTreats, boolean typeThresholds, String crfStack, String normalise,
                        String bracketSynonyms, String pairThresholdChoice, boolean bc5cdrTreatmentCues,
                        boolean treatsModel, String pairLearner,
                        String otherFamiliesLearner, String geneShortForms, boolean sharedChemicalDisease,
                        boolean treatsDistant) {

    static final String FILE = "annotator.properties";

    static final AnnotatorOptions DEFAULTS = new AnnotatorOptions(0.2, 0.8, false, false, true, "", false, false,
            false, false, false, false, false, false, false, true, false, false, false, false, "", "", 0, false, false, "", "", "", "", false, false, "logistic", "", "", false, false);

    AnnotatorOptions {
        if (!(parseLow >= 0 && parseLow <= parseHigh && parseHigh <= 1.01)) {
            throw new IllegalArgumentException("parse band must satisfy 0 <= low <= high <= 1: " + parseLow + ", " + parseHigh);
        }
        pairFeatures = pairFeatures.replace(" ", "");
        if (!PairFeatures.FAMILIES.containsAll(families(pairFeatures))) {
            throw new IllegalArgumentException("pairs.features=" + pairFeatures + " names a family outside "
                    + PairFeatures.FAMILIES);
        }
        if (pairBag < 0 || pairBag > 100) {
            throw new IllegalArgumentException("pairs.bag=" + pairBag + " must be 0 (one model) to 100");
        }
        pairsCompete = pairsCompete.replace(" ", "");
        if (!java.util.List.of("", "subject", "object").contains(pairsCompete.split(":", 2)[0])) {
            throw new IllegalArgumentException("pairs.compete=" + pairsCompete
                    + " must be empty, subject or object, optionally with :FAMILY,FAMILY (CHEMICAL>DISEASE)");
        }
        crfStack = crfStack.replace(" ", "");
        requireChemicalOrDisease("crf.stack", crfStack);
        bracketSynonyms = bracketSynonyms.replace(" ", "");
        requireChemicalOrDisease("mentions.bracketSynonyms", bracketSynonyms);
        normalise = normalise.replace(" ", "");
        if (!MentionNormaliser.RULES.containsAll(families(normalise))) {
            throw new IllegalArgumentException("mentions.normalise=" + normalise + " names a rule outside "
                    + MentionNormaliser.RULES);
        }
        pairThresholdChoice = pairThresholdChoice.replace(" ", "");
        PairTrainer.ThresholdChoice.parse(pairThresholdChoice); // fails naming the bad value
        if (bc5cdrTreatmentCues && !families(pairFeatures).contains("cues")) {
            throw new IllegalArgumentException("pairs.bc5cdrTreatmentCues=true needs pairs.features with cues");
        }
        pairLearner = PairLearner.parse(pairLearner).spec(); // fails naming the bad value; "" is logistic
        if (!java.util.Set.of("", "protein", "all").contains(geneShortForms)) {
            throw new IllegalArgumentException("mentions.geneShortForms=" + geneShortForms + ": one of '', protein, all");
        }
        if (treatsDistant && !treatsModel) {
            throw new IllegalArgumentException("pairs.treatsDistant=true needs pairs.treatsModel=true");
        }
        if (sharedChemicalDisease && otherFamiliesLearner.isBlank()) {
            throw new IllegalArgumentException("pairs.sharedChemicalDisease=true needs pairs.otherFamiliesLearner: "
                    + "without it the shared model decides every family");
        }
        otherFamiliesLearner = otherFamiliesLearner.isBlank() ? "" : PairLearner.parse(otherFamiliesLearner).spec();
        if (pairBag >= 2 && !pairLearner.equals("logistic") && !pairLearner.startsWith("blend")) {
            throw new IllegalArgumentException("pairs.bag=" + pairBag + " bags logistic models; pairs.learner="
                    + pairLearner + " has none");
        }
        if (crfSideEffects && !sideEffects) {
            throw new IllegalArgumentException("crf.sideEffects=true needs lexicon.sideEffects=true");
        }
    }

    /** The pair model's learner of {@code pairs.learner} (session 13). */
    PairLearner learner() {
        return PairLearner.parse(pairLearner);
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

    /** The normalisation rules of {@code mentions.normalise} (session 11). */
    java.util.Set<String> normaliseRules() {
        return families(normalise);
    }

    /** True when the CRF labels of this type come from the second pass ({@code crf.stack}). */
    boolean stacks(EntityType t) {
        return families(crfStack).contains(t.name());
    }

    /** Fails naming {@code key} when the comma-separated {@code types} name a type other than CHEMICAL or DISEASE. */
    private static void requireChemicalOrDisease(String key, String types) {
        if (!java.util.Set.of("CHEMICAL", "DISEASE").containsAll(families(types))) {
            throw new IllegalArgumentException(key + "=" + types + " names a type outside CHEMICAL, DISEASE");
        }
    }

    /** True when a mention of this type gives a bracketed word after it its type ({@code mentions.bracketSynonyms}). */
    boolean bracketSynonym(EntityType t) {
        return bracketSynonymTypes().contains(t.name());
    }

    /** The types of {@code mentions.bracketSynonyms} (session 12). */
    java.util.Set<String> bracketSynonymTypes() {
        return families(bracketSynonyms);
    }

    /** True when CRF spans of this type give way to a longer lexicon match that contains them. */
    boolean widens(EntityType t) {
        return !lexiconWiden.isEmpty() && java.util.Arrays.asList(lexiconWiden.split(",")).contains(t.name());
    }

    /** True when a sentence whose most doubtful pair has surface probability p must be parsed. */
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

    /** The lexicon sources the CRF's dictionary feature leaves out (training and run time alike). */
    java.util.Set<Lexicon.Source> crfFeatureExcluded() {
        return crfSideEffects ? Lexicon.NOT_COUNTED_FOR_FILL : Lexicon.NOT_IN_CRF_FEATURE;
    }

    /** Writes these options to the model dir's {@code annotator.properties} (what {@link #read} loads). */
    void write(Path modelDir, String comment) {
        Properties p = new Properties();
        for (Option o : OPTIONS) {
            p.setProperty(o.key(), String.valueOf(o.get(this)));
        }
        try (java.io.Writer w = Files.newBufferedWriter(modelDir.resolve(FILE), StandardCharsets.UTF_8)) {
            p.store(w, comment);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + modelDir.resolve(FILE), e);
        }
    }

    /** These options with the keys of {@link #OPTIONS} that are present in p replaced. */
    AnnotatorOptions with(Properties p) {
        Object[] values = new Object[COMPONENTS.length];
        for (Option o : OPTIONS) {
            values[o.index()] = o.parse(p.getProperty(o.key(), String.valueOf(o.get(this))));
        }
        try {
            return CANONICAL.newInstance(values);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Command-line overrides: {@code --parse-band LOW,HIGH} and the flag of every other entry of {@link #OPTIONS}
     * ({@code --salt-forms true|false}; {@code --lexicon-widen TYPES}, {@code --crf-stack TYPES}, {@code --bracket-synonyms TYPES}, {@code --normalise RULES} and {@code --pair-features FAMILIES} take
     * {@code none} for none). Every flag is asked for, present or not, so that {@link NlpTrain.Args#rejectUnknown}
     * accepts them.
     */
    AnnotatorOptions with(NlpTrain.Args a) {
        Properties p = new Properties();
        String band = a.value(PARSE_BAND, null);
        if (band != null) {
            String[] lh = band.split(",");
            p.setProperty("parse.low", lh[0].trim());
            p.setProperty("parse.high", lh[1].trim());
        }
        for (Option o : OPTIONS) {
            String v = o.flag() == null ? null : a.value(o.flag(), null);
            if (v != null) {
                p.setProperty(o.key(), o.type() == String.class && v.equals("none") ? "" : v);
            }
        }
        return with(p);
    }

    /** A short form for the annotator's model version: each option's stamp text, in the order of {@link #OPTIONS}. */
    String stamp() {
        StringBuilder b = new StringBuilder();
        for (Option o : OPTIONS) {
            b.append(o.stamp().apply(o.get(this)));
        }
        return b.toString();
    }

    /** The command-line flag that sets {@code parse.low} and {@code parse.high} together ("0.45,0.55"). */
    static final String PARSE_BAND = "--parse-band";

    private static final java.lang.reflect.RecordComponent[] COMPONENTS = AnnotatorOptions.class.getRecordComponents();

    private static final java.lang.reflect.Constructor<AnnotatorOptions> CANONICAL;

    static {
        try {
            CANONICAL = AnnotatorOptions.class.getDeclaredConstructor(java.util.Arrays.stream(COMPONENTS)
                    .map(java.lang.reflect.RecordComponent::getType).toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The single table of the run-time options: record component, property key ({@code annotator.properties}),
     * command-line flag (null: only through {@link #PARSE_BAND}) and the text it adds to {@link #stamp()}. The
     * stamp is part of the model version, and ingest re-annotates when it changes: its texts and their order must
     * stay as they are. An absent key or flag keeps the value in hand ({@link #DEFAULTS}: the session-2 behaviour).
     */
    static final java.util.List<Option> OPTIONS = java.util.List.of(
            new Option("parseLow", "parse.low", null, v -> "parse[" + v + ","),
            new Option("parseHigh", "parse.high", null, v -> v + ")"),
            new Option("tagOnlyForParse", "pos.onlyForParse", "--pos-only-for-parse",
                    v -> (Boolean) v ? ",pos=parsed" : ",pos=candidates"),
            Option.when("spanEdges", "mentions.spanEdges", "--span-edges", "edges"),
            Option.when("documentConsistency", "mentions.documentConsistency", "--doc-consistency", "consistency"),
            new Option("lexiconWiden", "mentions.lexiconWiden", "--lexicon-widen",
                    v -> v.equals("") ? "" : ",widen=" + v),
            Option.when("lexiconType", "mentions.lexiconType", "--lexicon-type", "lexicon-type"),
            Option.when("diseaseHierarchy", "pairs.diseaseHierarchy", "--disease-hierarchy", "hierarchy"),
            Option.when("shortNames", "mentions.shortNames", "--short-names", "short-names"),
            Option.when("crfShapes", "crf.shapes", "--crf-shapes", "crf-shapes"),
            Option.when("atLeastOnePair", "pairs.atLeastOne", "--at-least-one-pair", "at-least-one-pair"),
            Option.when("sideEffects", "lexicon.sideEffects", "--side-effects", "side-effects"),
            Option.when("crfSideEffects", "crf.sideEffects", "--crf-side-effects", "crf-side-effects"),
            Option.when("abbreviationReach", "mentions.abbreviationReach", "--abbreviation-reach", "abbreviation-reach"),
            Option.when("sequenceVariants", "mentions.sequenceVariants", "--sequence-variants", "sequence-variants"),
            new Option("sameTypeClose", "pairs.sameTypeClose", "--same-type-close",
                    v -> (Boolean) v ? "" : ",no-same-type-close"),
            Option.when("saltForms", "mentions.saltForms", "--salt-forms", "salt-forms"),
            Option.when("coordination", "mentions.coordination", "--coordination", "coordination"),
            Option.when("abbreviationLists", "mentions.abbreviationLists", "--abbreviation-lists", "abbreviation-lists"),
            Option.when("abbreviationFind", "mentions.abbreviationFind", "--abbreviation-find", "abbreviation-find"),
            new Option("pairFeatures", "pairs.features", "--pair-features",
                    v -> v.equals("") ? "" : ",pair-features=" + ((String) v).replace(',', '+')),
            new Option("pairsCompete", "pairs.compete", "--pairs-compete", v -> v.equals("") ? "" : ",compete=" + v),
            new Option("pairBag", "pairs.bag", "--pair-bag", v -> (Integer) v < 2 ? "" : ",pair-bag=" + v),
            Option.when("bc5cdrTreats", "pairs.bc5cdrTreats", "--bc5cdr-treats", "bc5cdr-treats"),
            Option.when("typeThresholds", "pairs.typeThresholds", "--type-thresholds", "type-thresholds"),
            new Option("crfStack", "crf.stack", "--crf-stack", v -> v.equals("") ? "" : ",crf-stack=" + ((String) v).replace(',', '+')),
            new Option("normalise", "mentions.normalise", "--normalise", v -> v.equals("") ? "" : ",normalise=" + ((String) v).replace(',', '+')),
            new Option("bracketSynonyms", "mentions.bracketSynonyms", "--bracket-synonyms",
                    v -> v.equals("") ? "" : ",bracket-synonyms=" + ((String) v).replace(',', '+')),
            new Option("pairThresholdChoice", "pairs.thresholdChoice", "--pair-threshold-choice",
                    v -> v.equals("") ? "" : ",threshold-choice=" + ((String) v).replace(',', '+')),
            Option.when("bc5cdrTreatmentCues", "pairs.bc5cdrTreatmentCues", "--bc5cdr-treatment-cues",
                    "bc5cdr-treatment-cues"),
            Option.when("treatsModel", "pairs.treatsModel", "--treats-model", "treats-model"),
            new Option("pairLearner", "pairs.learner", "--pair-learner",
                    v -> v.equals("logistic") ? "" : ",pair-learner=" + ((String) v).replace(',', '+')),
            new Option("otherFamiliesLearner", "pairs.otherFamiliesLearner", "--other-families-learner",
                    v -> v.equals("") ? "" : ",other-families=" + ((String) v).replace(',', '+')),
            new Option("geneShortForms", "mentions.geneShortForms", "--gene-short-forms",
                    v -> v.equals("") ? "" : ",gene-short-forms=" + v),
            Option.when("sharedChemicalDisease", "pairs.sharedChemicalDisease", "--shared-chemical-disease",
                    "shared-chemical-disease"),
            Option.when("treatsDistant", "pairs.treatsDistant", "--treats-distant", "treats-distant"));

    static {
        java.util.Set<String> named = new java.util.HashSet<>();
        for (Option o : OPTIONS) {
            named.add(COMPONENTS[o.index()].getName());
        }
        if (named.size() != OPTIONS.size() || named.size() != COMPONENTS.length) {
            throw new ExceptionInInitializerError("OPTIONS must name each of the " + COMPONENTS.length
                    + " record components once: " + named);
        }
    }

    /**
     * One run-time option of the table {@link #OPTIONS}; its kind (double, boolean, or a comma-separated list of
     * names as a String) is its record component's type.
     */
    record Option(String component, String key, String flag, java.util.function.Function<Object, String> stamp) {

        /** A boolean option that adds ",TEXT" to the stamp when on and nothing when off. */
        static Option when(String component, String key, String flag, String text) {
            return new Option(component, key, flag, v -> (Boolean) v ? "," + text : "");
        }

        int index() {
            for (int i = 0; i < COMPONENTS.length; i++) {
                if (COMPONENTS[i].getName().equals(component)) {
                    return i;
                }
            }
            throw new IllegalStateException("AnnotatorOptions has no component " + component);
        }

        Class<?> type() {
            return COMPONENTS[index()].getType();
        }

        Object get(AnnotatorOptions o) {
            try {
                return COMPONENTS[index()].getAccessor().invoke(o);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        Object parse(String s) {
            return type() == double.class ? (Object) Double.parseDouble(s)
                    : type() == int.class ? (Object) Integer.parseInt(s.trim())
                    : type() == boolean.class ? (Object) Boolean.parseBoolean(s) : s.trim();
        }
    }
}
