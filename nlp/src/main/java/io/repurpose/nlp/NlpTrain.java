package io.repurpose.nlp;

import edu.stanford.nlp.pipeline.StanfordCoreNLP;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Training command: from the train splits only (BC5CDR train, BioRED train) writes
 * {@code lexicon-train.tsv} (corpus names and their ids), trains the CRF mention model
 * ({@code ner-crf.ser.gz}), the Tribuo sentence-level relation classifiers ({@code relations.model} with
 * dependency-path features, {@code relations-surface.model} without) and the document-level pair classifier
 * ({@code pairs.model}, needs the relation step, or {@code --pairs-only}: the out-of-fold sentence models an
 * earlier run left in {@code cv-folds/}) into the model dir.
 * <pre>
 * NlpTrain [--shared-data DIR] [--model-dir DIR] [--skip-crf] [--skip-relations] [--skip-pairs] [--pairs-only]
 *          [--crf-iterations N] [--crf-ngrams N] [--crf-names BOOL] [--crf-biored BOOL] [--crf-extra 'K=V;K=V'] [--max-docs N] [--folds N --fold K]
 *          [--gene-crf BOOL] [--crf-stack TYPES] [--crf-stack-only] [--crf-labels SCHEME[:TYPES]] [--gene-crf-labels SCHEME]
 *          [--parse-band LOW,HIGH] [--pos-only-for-parse BOOL] [--span-edges BOOL] [--doc-consistency BOOL]
 *          [--lexicon-widen TYPES] [--lexicon-type BOOL] [--same-type-pairs BOOL] [--disease-hierarchy BOOL]
 *          [--short-names BOOL] [--pair-features FAMILIES] [--threads N] [--adopted]
 * </pre>
 * {@code --adopted} adds the options of the adopted configuration ({@link #ADOPTED}) after the ones given, which win.
 * {@code --crf-labels} / {@code --gene-crf-labels}: the label scheme (IO, BIO, BIOES) of the chemical/disease and gene CRFs'
 * training rows, for the types after ':' or all ({@link CrfTagger.Labels}, default IO; session 11); the models' answers carry it to the run time.
 * {@code --threads N} annotates the pair model's training documents on N threads (the same model for any N).
 * With {@code --folds N --fold K} it trains on the train documents whose index modulo N is not K and writes the
 * others to {@code heldout-bc5cdr.pubtator} and {@code heldout-biored.pubtator} in the model dir, for
 * cross-validation on the train splits with {@code NlpEvaluate} (choices are made there, never on dev). The
 * option flags are written to {@code annotator.properties} in the model dir (kept from an earlier run unless given).
 * <pre>
 * </pre>
 */
public final class NlpTrain {

    /** Parts of the jackknife that gives the CRF's training rows their corpus-name tags (session 6). */
    static final int CORPUS_NAME_PARTS = 5;

    private NlpTrain() {
    }

    /** NlpTrain's own options; the run-time options are those {@link AnnotatorOptions#with} reads. */
    static final List<String> OPTIONS = List.of("--shared-data", "--model-dir", "--skip-crf", "--skip-relations",
            "--skip-pairs", "--pairs-only", "--crf-iterations", "--crf-ngrams", "--crf-names", "--crf-biored",
            "--crf-extra", "--crf-stack-only", "--max-docs", "--folds", "--fold", "--gene-crf", "--same-type-pairs", "--threads",
            "--adopted", "--crf-labels", "--gene-crf-labels");

    /**
     * The training options of the adopted models, those whose dev figures nlp/README.md reports ("Where it stands";
     * their adoption: docs/history/nlp.md, "Session 13 (the lead)" and "Session 14"): {@code NlpTrain --adopted} trains them, and so does
     * {@code repurpose start} when the model folder holds none. Change it only together with those sections.
     * Session 12 (pair12) adds {@code --pair-threshold-choice repeats=5}: the pair thresholds from five 2-fold
     * splits pooled. Session 13 (the lead) adds {@code --treats-model true}: chemical→disease TREATS decided by a pair
     * model trained on BioRED alone (CID unchanged on both train halves, BioRED pairs and typed TREATS up on both), and
     * {@code --other-families-learner xgboost:trees=100,depth=4}: boosted trees decide every pair family but
     * chemical→disease (CID unchanged, BioRED pairs up on both halves; NLP throughput 0.73–0.90 of the day's without).
     * Session 14 (the lead) adds {@code --gene-short-forms protein}: a gene symbol defined in the text by a protein's name
     * the annotator does not know stays a gene (BioRED gene mention F1 +0.047 / +0.050 on the train halves, BioRED pairs
     * up on both; docs/history/nlp.md, "Session 14").
     */
    static final List<String> ADOPTED = List.of("--crf-ngrams", "3", "--parse-band", "0.45,0.55",
            "--pos-only-for-parse", "true", "--span-edges", "false", "--lexicon-widen", "CHEMICAL,DISEASE",
            "--lexicon-type", "true", "--crf-shapes", "true", "--crf-names", "true", "--crf-biored", "true",
            "--side-effects", "true", "--abbreviation-reach", "false", "--gene-crf", "true", "--sequence-variants", "true",
            "--same-type-close", "false", "--pair-features", "cues,outcome", "--type-thresholds", "true",
            "--salt-forms", "true", "--coordination", "true", "--abbreviation-lists", "true", "--abbreviation-find", "true",
            "--crf-labels", "BIO:DISEASE", "--pair-threshold-choice", "repeats=5", "--treats-model", "true",
            "--other-families-learner", "xgboost:trees=100,depth=4", "--gene-short-forms", "protein");

    public static void main(String[] args) throws IOException {
        Args a = new Args(withAdopted(args));
        if (a.flag("--help") || a.flag("-h")) {
            System.out.println("usage: NlpTrain [--model-dir DIR] [--shared-data DIR] [OPTION VALUE | FLAG ...]\n"
                    + "trains into DIR in place (default " + NlpConfig.defaults().modelDir() + ").\n"
                    + "its own options: " + String.join(" ", OPTIONS) + "\n"
                    + "run-time options (written to annotator.properties): see nlp/README.md, \"Commands\"");
            return;
        }
        // run-time options go with the models (the pair model is trained on sentence scores made with them)
        AnnotatorOptions options = a.options();
        // a mistyped option would otherwise be ignored and the model dir retrained without it
        a.rejectUnknown(OPTIONS);
        CrfTagger.Labels crfLabels = labelScheme(a, "--crf-labels");
        CrfTagger.Labels geneCrfLabels = labelScheme(a, "--gene-crf-labels");
        NlpConfig config = a.config();
        Files.createDirectories(config.modelDir());
        options.write(config.modelDir(), "run-time options chosen by cross-validation on the train splits (NlpTrain)");
        System.out.println(AnnotatorOptions.FILE + ": " + options);
        int maxDocs = a.intValue("--max-docs", Integer.MAX_VALUE);
        List<PubTator.Doc> bc5 = limit(PubTator.read(bc5cdrTrain(config)), maxDocs);
        List<PubTator.Doc> biored = limit(PubTator.read(bioredTrain(config)), maxDocs);
        int folds = a.intValue("--folds", 0);
        if (folds > 1) {
            // cross-validation on the train splits: train on the other folds, write fold k's documents for NlpEvaluate
            int k = a.intValue("--fold", 0);
            bc5 = holdOut(bc5, folds, k, config.modelDir().resolve("heldout-bc5cdr.pubtator"));
            biored = holdOut(biored, folds, k, config.modelDir().resolve("heldout-biored.pubtator"));
            System.out.println("fold " + k + " of " + folds + ": training on " + bc5.size() + " BC5CDR + " + biored.size()
                    + " BioRED train documents; the held-out ones are in " + config.modelDir());
        }
        Instant t0 = Instant.now();
        int names = writeTrainLexicon(concat(bc5, biored), config.trainLexicon());
        System.out.println("lexicon-train.tsv: " + names + " names from " + bc5.size() + " BC5CDR + " + biored.size()
                + " BioRED train documents");
        SpanEdges edges = SpanEdges.learn(bc5, Pipelines.tokens());
        edges.write(config.modelDir().resolve(SpanEdges.FILE));
        System.out.println(SpanEdges.FILE + ": edge words of " + edges.size() + " kinds from " + bc5.size()
                + " BC5CDR train documents");
        try (Lexicon lexicon = Lexicon.load(config, options.sideEffects())) {
            int stops = FillStops.write(FillStops.count(concat(bc5, biored), Pipelines.tokens(), new MentionFinder(lexicon)),
                    config.modelDir().resolve(FillStops.FILE));
            System.out.println(FillStops.FILE + ": " + stops + " lexicon names train leaves unannotated");
            int shortNames = ShortNames.write(ShortNames.count(bc5, Pipelines.tokens()), config.modelDir().resolve(ShortNames.FILE));
            System.out.println(ShortNames.FILE + ": " + shortNames + " short case-sensitive names from BC5CDR train");
            MentionNormaliser.BackOff backOff = MentionNormaliser.BackOff.learn(concat(bc5, biored), lexicon);
            backOff.write(config.modelDir().resolve(MentionNormaliser.BackOff.FILE));
            System.out.println(MentionNormaliser.BackOff.FILE + ": " + backOff.size() + " head back-off counts from the train annotations");
            boolean stackOnly = a.flag("--crf-stack-only");
            if (stackOnly && options.crfStack().isEmpty()) {
                throw new IllegalArgumentException("--crf-stack-only needs --crf-stack TYPES");
            }
            // --pairs-only trains the pair model alone: neither CRF (the gene CRF was retrained by it until session 11)
            boolean pairsOnly = a.flag("--pairs-only");
            if ((!a.flag("--skip-crf") && !pairsOnly) || stackOnly) {
                Path rows = config.modelDir().resolve("ner-crf-train.tsv");
                boolean corpusNames = Boolean.parseBoolean(a.value("--crf-names", "false"));
                // the CRF learns from BC5CDR train; --crf-biored true adds BioRED train's chemicals and diseases
                List<PubTator.Doc> crfDocs = Boolean.parseBoolean(a.value("--crf-biored", "false")) ? concat(bc5, biored) : bc5;
                List<CorpusNames> jackknife = null;
                if (corpusNames) {
                    // rows see the names of the other training documents; run time sees all of them
                    CorpusNames all = CorpusNames.of(crfDocs);
                    all.write(config.modelDir().resolve(CorpusNames.FILE));
                    jackknife = CorpusNames.jackknife(crfDocs, CORPUS_NAME_PARTS);
                    System.out.println(CorpusNames.FILE + ": " + all.size() + " names; rows from " + CORPUS_NAME_PARTS
                            + "-part jackknife");
                }
                List<List<CrfTagger.Rows>> crfRows = CrfTagger.rows(crfDocs, Pipelines.tokens(), new MentionFinder(lexicon),
                        jackknife, false, options.crfFeatureExcluded(), crfLabels);
                int iterations = a.intValue("--crf-iterations", 300);
                int ngrams = a.intValue("--crf-ngrams", CrfTagger.DEFAULT_NGRAMS);
                String extra = a.value("--crf-extra", "");
                if (!stackOnly) {
                    int tokens = CrfTagger.write(crfRows, null, rows);
                    System.out.println("CRF training rows: " + tokens + " tokens -> " + rows);
                    Instant c0 = Instant.now();
                    CrfTagger.train(rows, config.crfModel(), iterations, ngrams, corpusNames, extra);
                    System.out.println("CRF trained in " + Duration.between(c0, Instant.now()).toSeconds() + " s -> "
                            + config.crfModel());
                }
                if (!options.crfStack().isEmpty()) {
                    // session 10: a second pass that reads the first pass's labels of the same word elsewhere in the document
                    Instant s0 = Instant.now();
                    StackedCrf.Result r = StackedCrf.train(crfRows, CORPUS_NAME_PARTS, config.modelDir(), iterations, ngrams,
                            corpusNames, extra, options.crfShapes());
                    System.out.printf("second CRF pass: %d rows, %d-part jackknife (out-of-fold first-pass token accuracy"
                            + " %.4f), trained in %d s -> %s%n", r.tokens(), r.parts(), r.firstPassAccuracy(),
                            Duration.between(s0, Instant.now()).toSeconds(), config.modelDir().resolve(StackedCrf.FILE));
                }
            }
            if (Boolean.parseBoolean(a.value("--gene-crf", "false")) && !pairsOnly) {
                // session 8: gene mentions learned from BioRED train's gene annotations, beside the chemical/disease CRF
                Path rows = config.modelDir().resolve("gene-crf-train.tsv");
                int tokens = CrfTagger.writeGeneTrainingData(biored, Pipelines.tokens(), new MentionFinder(lexicon), rows,
                        geneCrfLabels);
                Path model = config.modelDir().resolve(CrfTagger.GENE_FILE);
                System.out.println("gene CRF training rows: " + tokens + " tokens -> " + rows);
                Instant g0 = Instant.now();
                CrfTagger.train(rows, model, a.intValue("--crf-iterations", 300),
                        a.intValue("--crf-ngrams", CrfTagger.DEFAULT_NGRAMS), false, "");
                System.out.println("gene CRF trained in " + Duration.between(g0, Instant.now()).toSeconds() + " s -> " + model);
            }
            if (!a.flag("--skip-relations") || pairsOnly) {
                List<RelationModel[]> sentenceFolds;
                if (pairsOnly) {
                    sentenceFolds = RelationTrainer.readFolds(config); // the sentence models of an earlier run stay
                } else {
                    Instant r0 = Instant.now();
                    RelationTrainer.Result r = RelationTrainer.train(config, lexicon, bc5, biored, 42L);
                    System.out.println("relation model: " + r.examples() + " examples " + r.labelCounts() + " trained in "
                            + Duration.between(r0, Instant.now()).toSeconds() + " s -> " + config.relationModel());
                    sentenceFolds = r.folds();
                }
                if (!a.flag("--skip-pairs")) {
                    Instant p0 = Instant.now();
                    try (CoreNlpAnnotator annotator = CoreNlpAnnotator.load(config)) {
                        Set<EntityType> same = new java.util.HashSet<>(
                                Boolean.parseBoolean(a.value("--same-type-pairs", "true")) ? PairTrainer.SAME_TYPE : Set.of());
                        if (annotator.options().sequenceVariants()) {
                            same.add(EntityType.VARIANT); // session 9: variant→disease, chemical→variant pairs
                        }
                        PairTrainer.Result p = PairTrainer.train(config, annotator, bc5, biored, sentenceFolds, same, 42L,
                                a.intValue("--threads", 1));
                        System.out.println("pair model: " + p.examples() + " examples " + p.labelCounts() + " trained in "
                                + Duration.between(p0, Instant.now()).toSeconds() + " s -> " + config.pairModel());
                    }
                }
            }
        }
        System.out.println("total " + Duration.between(t0, Instant.now()).toSeconds() + " s");
    }

    static Path bc5cdrTrain(NlpConfig c) {
        return c.sharedData().resolve("corpora/bc5cdr/CDR_TrainingSet.PubTator.txt");
    }

    static Path bioredTrain(NlpConfig c) {
        return c.sharedData().resolve("corpora/biored/Train.PubTator");
    }

    /** The documents outside fold k (index modulo folds); fold k's documents are written to {@code heldOut}. */
    static List<PubTator.Doc> holdOut(List<PubTator.Doc> docs, int folds, int k, Path heldOut) throws IOException {
        List<PubTator.Doc> train = new ArrayList<>();
        try (java.io.Writer w = Files.newBufferedWriter(heldOut, StandardCharsets.UTF_8)) {
            for (int i = 0; i < docs.size(); i++) {
                if (i % folds == k) {
                    PubTator.write(w, docs.get(i));
                } else {
                    train.add(docs.get(i));
                }
            }
        }
        return train;
    }

    static <T> List<T> limit(List<T> l, int n) {
        return l.size() <= n ? l : l.subList(0, n);
    }

    static List<PubTator.Doc> concat(List<PubTator.Doc> a, List<PubTator.Doc> b) {
        List<PubTator.Doc> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Corpus names with their commonest id (MeSH for chemicals/diseases, Entrez for genes): type, text, id, count. */
    static int writeTrainLexicon(List<PubTator.Doc> docs, Path out) throws IOException {
        Map<String, Map<String, Integer>> counts = new HashMap<>();
        for (PubTator.Doc d : docs) {
            for (PubTator.Annotation a : d.annotations()) {
                EntityType t = PubTator.entityType(a.type());
                String id = a.id().split("[|,;]")[0].replace("MESH:", "");
                if (t == null || id.isBlank() || id.equals("-") || id.equals("-1")) {
                    continue;
                }
                counts.computeIfAbsent(t + "\t" + a.text(), k -> new HashMap<>()).merge(id, 1, Integer::sum);
            }
        }
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            w.println("# names from training splits only (BC5CDR train, BioRED train): type, text, id, count");
            counts.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                Map.Entry<String, Integer> best = e.getValue().entrySet().stream()
                        .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey())).orElseThrow();
                w.println(e.getKey() + "\t" + best.getKey() + "\t" + best.getValue());
            });
        }
        return counts.size();
    }

    /** {@code args}, and with {@code --adopted} the {@link #ADOPTED} options it does not give itself after them. */
    static String[] withAdopted(String[] args) {
        List<String> given = List.of(args);
        if (!given.contains("--adopted")) {
            return args;
        }
        List<String> out = new ArrayList<>(given);
        for (int i = 0; i < ADOPTED.size(); i += 2) {
            if (!given.contains(ADOPTED.get(i))) {
                out.add(ADOPTED.get(i));
                out.add(ADOPTED.get(i + 1));
            }
        }
        return out.toArray(String[]::new);
    }

    /** The CRF labels an option names ({@link CrfTagger.Labels#parse}, default IO), failing with its name and value. */
    static CrfTagger.Labels labelScheme(Args a, String option) {
        String v = a.value(option, "IO");
        try {
            return CrfTagger.Labels.parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " " + v + ": " + e.getMessage(), e);
        }
    }

    /** Minimal flag parsing shared by the nlp commands. */
    static final class Args {
        private final List<String> args;
        private final Set<String> asked = new java.util.HashSet<>();

        Args(String[] args) {
            this.args = List.of(args);
        }

        String value(String name, String def) {
            asked.add(name);
            int i = args.indexOf(name);
            if (i < 0) {
                return def;
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            return args.get(i + 1);
        }

        int intValue(String name, int def) {
            return Integer.parseInt(value(name, Integer.toString(def)));
        }

        boolean flag(String name) {
            asked.add(name);
            return args.contains(name);
        }

        /**
         * Fails on an option ({@code --name}) that is neither in {@code own} nor one this instance has been asked
         * for so far, naming it.
         */
        void rejectUnknown(List<String> own) {
            for (int i = 0; i < args.size(); i++) {
                String s = args.get(i);
                if (!s.startsWith("--")) {
                    continue;
                }
                if (!own.contains(s) && !asked.contains(s)) {
                    throw new IllegalArgumentException("unknown option " + s + " (known: " + own
                            + " and the run-time options of AnnotatorOptions; see nlp/README.md \"Commands\")");
                }
                if (!BOOLEAN_FLAGS.contains(s)) {
                    i++;
                }
            }
        }

        /**
         * A command's arguments, checked before it does anything (session 14): its {@code own} options, the shared
         * ones ({@code --shared-data}, {@code --model-dir}, {@code --no-crf}) and the run-time option flags of
         * {@link AnnotatorOptions#OPTIONS}; any other option fails by name instead of being ignored.
         */
        static Args checked(String[] args, List<String> own) {
            Args a = new Args(args);
            a.config();
            a.value(AnnotatorOptions.PARSE_BAND, null);
            for (AnnotatorOptions.Option o : AnnotatorOptions.OPTIONS) {
                if (o.flag() != null) {
                    a.value(o.flag(), null);
                }
            }
            a.rejectUnknown(own);
            return a;
        }

        List<String> positional() {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                if (args.get(i).startsWith("--")) {
                    if (!BOOLEAN_FLAGS.contains(args.get(i))) {
                        i++;
                    }
                } else {
                    out.add(args.get(i));
                }
            }
            return out;
        }

        /** The model dir's annotator options with the command-line overrides. */
        AnnotatorOptions options() {
            return AnnotatorOptions.read(config().modelDir()).with(this);
        }

        NlpConfig config() {
            NlpConfig d = NlpConfig.defaults();
            NlpConfig c = new NlpConfig(Path.of(value("--shared-data", d.sharedData().toString())),
                    Path.of(value("--model-dir", d.modelDir().toString())));
            return flag("--no-crf") ? c.withUseCrf(false) : c;
        }

        private static final List<String> BOOLEAN_FLAGS = List.of("--skip-crf", "--crf-stack-only", "--skip-relations", "--skip-pairs", "--no-crf", "--gold-mentions", "--errors",
                "--include-default", "--adopted");
    }
}
