package io.repurpose.nlp;

import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.classification.Label;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Trains the document-level pair classifier on the train splits, end to end from raw text: each training
 * document is annotated (mentions from the CRF/lexicon as at run time) with sentence-level relation models that
 * were trained on the other fold, so the sentence scores it learns to trust are out-of-sample ones. Labels come
 * from the document's gold pairs in the corpus id space (MeSH, Entrez): BC5CDR CID → CAUSES (chemical→disease
 * pairs only, BC5CDR annotates no genes); BioRED as in {@link RelationTrainer#label}. Pairs whose entities have
 * no corpus id are left out (their truth is unknown).
 */
final class PairTrainer {

    record Result(int examples, Map<String, Integer> labelCounts, Map<String, Double> thresholds) {
    }

    /**
     * One training pair: its fold, family ("CHEMICAL>DISEASE"), gold label and example; {@code subject} and
     * {@code object} name its document and entity ("12345\tCHEMICAL:DB00001"), the groups whose pairs compete when
     * {@code pairs.compete} is on (session 10).
     */
    record Row(int fold, String family, String label, Example<Label> example, String subject, String object,
               boolean biored) {
    }

    /** The {@code pairs.thresholds} key of the TREATS model's threshold ({@code pairs.treatsModel}, session 13). */
    static final String TREATS_MODEL = "TREATS-MODEL";

    /** Prefix of the {@code pairs.thresholds} keys of the other families' model ({@code pairs.otherFamiliesLearner}). */
    static final String OTHERS = "others:";

    private static final String CHEMICAL_DISEASE = EntityType.CHEMICAL + ">" + EntityType.DISEASE;

    /** Prefix of the {@code pairs.thresholds} keys that hold a family's relative score ({@code pairs.compete}). */
    static final String RELATIVE = "relative:";

    /** The relative scores tried for {@code pairs.compete} (0: no competition). */
    private static final double[] RELATIVES = {0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

    /** Entity types whose same-type pairs the pair model learns from BioRED (gene–gene, chemical–chemical). */
    static final Set<EntityType> SAME_TYPE = Set.of(EntityType.GENE, EntityType.CHEMICAL);

    private PairTrainer() {
    }

    /** Trains and saves the pair model; {@code sameType}: entity types whose same-type pairs are learned from BioRED. */
    static Result train(NlpConfig config, CoreNlpAnnotator annotator, List<PubTator.Doc> bc5cdr, List<PubTator.Doc> biored,
                        List<RelationModel[]> folds, Set<EntityType> sameType, long seed) {
        return train(config, annotator, bc5cdr, biored, folds, sameType, seed, 1);
    }

    /** As above, the training documents annotated on {@code threads} threads (the same model for any number). */
    static Result train(NlpConfig config, CoreNlpAnnotator annotator, List<PubTator.Doc> bc5cdr, List<PubTator.Doc> biored,
                        List<RelationModel[]> folds, Set<EntityType> sameType, long seed, int threads) {
        List<Analysed> docs = analyse(annotator, bc5cdr, biored, folds, threads);
        Set<String> families = annotator.options().pairFamilies();
        List<Row> rows = rows(docs, sameType, annotator.hierarchy(), annotator.options().sameTypeClose(), families,
                annotator.knowledge(families), annotator.options());
        boolean chemicalDiseaseOnly = annotator.options().sharedChemicalDisease(); // session 14
        Fitted fitted = fit(chemicalDiseaseOnly ? rows.stream().filter(r -> r.family().equals(CHEMICAL_DISEASE)).toList()
                : rows, "BC5CDR train (" + bc5cdr.size() + " docs) + BioRED train (" + biored.size()
                + " docs), predicted mentions, document-level entity pairs" + (chemicalDiseaseOnly ? " (chemical->disease only)"
                : "") + ", out-of-fold sentence scores", seed, annotator.options());
        RelationTrainer.save(fitted.model().model(), config.pairModel());
        Map<String, Double> thresholds = new TreeMap<>(fitted.thresholds());
        if (annotator.options().treatsModel()) {
            List<Row> treats = annotator.options().treatsDistant()
                    ? treatsRows(rows, HetionetPairs.forData(config.sharedData())) : treatsRows(rows, null);
            Fitted t = fit(treats, "BioRED train (" + biored.size() + " docs), chemical->disease pairs, TREATS against "
                    + "the rest" + (annotator.options().treatsDistant() ? ", and BC5CDR train's pairs Hetionet names an "
                    + "indication (TREATS) or CID (NONE)" : "") + ", predicted mentions, out-of-fold sentence scores", seed,
                    annotator.options());
            RelationTrainer.save(t.model().model(), config.pairTreatsModel());
            thresholds.put(TREATS_MODEL, t.thresholds().getOrDefault(CHEMICAL_DISEASE + ":" + RelationType.TREATS,
                    t.thresholds().get(CHEMICAL_DISEASE)));
            System.out.println("TREATS pair model: " + treats.size() + " examples " + t.labelCounts() + ", threshold "
                    + thresholds.get(TREATS_MODEL) + " -> " + config.pairTreatsModel());
        }
        String others = annotator.options().otherFamiliesLearner();
        if (!others.isEmpty()) {
            java.util.Properties learner = new java.util.Properties();
            learner.setProperty("pairs.learner", others);
            Fitted o = fit(rows, "the same rows; deciding the families other than chemical->disease", seed,
                    annotator.options().with(learner));
            RelationTrainer.save(o.model().model(), config.pairOthersModel());
            o.thresholds().forEach((k, v) -> {
                if (!k.startsWith(CHEMICAL_DISEASE)) {
                    thresholds.put(OTHERS + k, v);
                }
            });
            System.out.println("other families' pair model (" + others + "): thresholds " + o.thresholds() + " -> "
                    + config.pairOthersModel());
        }
        writeThresholds(config.pairThresholds(), thresholds, rows.size());
        return new Result(rows.size(), fitted.labelCounts(), thresholds);
    }

    /** A training document as the annotator saw it (sentence scores from the models of the other fold). */
    record Analysed(PubTator.Doc doc, boolean biored, int fold, CoreNlpAnnotator.Analysis analysis) {
    }

    /** A fitted pair model with its per-family thresholds (2-fold CV over the training pairs). */
    record Fitted(RelationModel model, Map<String, Double> thresholds, Map<String, Integer> labelCounts) {
    }

    /**
     * Every training document (BC5CDR, then BioRED) analysed end to end by the annotator with the sentence models
     * of the other fold ({@link RelationTrainer#fold}).
     */
    static List<Analysed> analyse(CoreNlpAnnotator annotator, List<PubTator.Doc> bc5cdr, List<PubTator.Doc> biored,
                                  List<RelationModel[]> folds) {
        return analyse(annotator, bc5cdr, biored, folds, 1);
    }

    /** As {@link #analyse(CoreNlpAnnotator, List, List, List)} on a pool of threads (same results, same order). */
    static List<Analysed> analyse(CoreNlpAnnotator annotator, List<PubTator.Doc> bc5cdr, List<PubTator.Doc> biored,
                                  List<RelationModel[]> folds, int threads) {
        List<CoreNlpAnnotator> byFold = new ArrayList<>();
        for (RelationModel[] f : folds) {
            byFold.add(annotator.withRelationModels(f[0], f[1], null));
        }
        List<PubTator.Doc> all = NlpTrain.concat(bc5cdr, biored);
        List<Integer> index = java.util.stream.IntStream.range(0, all.size()).boxed().toList();
        return Evaluation.parallel(index, i -> {
            PubTator.Doc d = all.get(i);
            int fold = RelationTrainer.fold(i);
            return new Analysed(d, i >= bc5cdr.size(), fold, byFold.get(fold).analyse(d.id(), Evaluation.inputText(d)));
        }, threads);
    }

    /**
     * The labelled pair examples of the analysed documents (pairs without corpus ids on both sides left out), with
     * the pair feature {@code families} ({@code knowledge}: Hetionet's edges when they name {@code kb}, else null).
     * With {@code bc5cdrTreats} (session 10,
     * {@code pairs.bc5cdrTreats}) a BC5CDR chemical→disease pair that is no CID pair but that a sentence holding both
     * states as a treatment (the sentence model's TREATS probability &ge; 0.5 and above its CAUSES) is labelled TREATS
     * instead of NONE: BC5CDR annotates induced diseases only, while BioRED calls such a pair a relation
     * (Negative_Correlation), and the two corpora taught the shared pair model opposite things about it. With
     * {@code bc5cdrTreatmentCues} (session 13, {@code pairs.bc5cdrTreatmentCues}) such a pair is left out instead when
     * a sentence holds a treatment or protection cue between its two mentions ({@link #treatmentCue}).
     */
    static List<Row> rows(List<Analysed> docs, Set<EntityType> sameType, DiseaseHierarchy hierarchy,
                          boolean sameTypeClose, Set<String> families, HetionetPairs knowledge,
                          AnnotatorOptions options) {
        List<Row> rows = new ArrayList<>();
        for (Analysed ad : docs) {
            PubTator.Doc d = ad.doc();
            boolean isBiored = ad.biored();
            CoreNlpAnnotator.Analysis a = ad.analysis();
            Map<String, String> gold = new HashMap<>();
            for (PubTator.Rel r : d.relations()) {
                gold.put(r.id1() + "\t" + r.id2(), isBiored ? r.type() : "CID");
                if (isBiored) {
                    gold.put(r.id2() + "\t" + r.id1(), r.type());
                }
            }
            for (PairFeatures.Pair p : PairFeatures.pairs(a.document().mentions(), a.tokens(), a.scored(),
                    isBiored ? sameType : Set.of(), hierarchy, sameTypeClose, families, knowledge)) {
                EntityType st = p.subject().type();
                EntityType ot = p.object().type();
                if (!isBiored && !(st == EntityType.CHEMICAL && ot == EntityType.DISEASE)) {
                    continue;
                }
                String s = Evaluation.evalId(p.subject().mentions().get(0));
                String o = Evaluation.evalId(p.object().mentions().get(0));
                if (s == null || o == null) {
                    continue;
                }
                String label = RelationTrainer.label(gold.get(s + "\t" + o), st, ot, isBiored);
                if (label == null) {
                    continue;
                }
                if (options.bc5cdrTreatmentCues() && !isBiored && label.equals(RelationModel.NONE) && treatmentCue(p)) {
                    continue;
                }
                if (options.bc5cdrTreats() && !isBiored && label.equals(RelationModel.NONE) && statesTreatment(p)) {
                    label = RelationType.TREATS.name();
                }
                rows.add(new Row(ad.fold(), st + ">" + ot, label, RelationModel.example(label, p.features()),
                        d.id() + "\t" + p.subject().key(), d.id() + "\t" + p.object().key(), isBiored));
            }
        }
        return rows;
    }

    /**
     * The training rows of the TREATS model ({@code pairs.treatsModel}): BioRED's chemical→disease pairs, TREATS as it
     * is and every other label (CAUSES, NONE) as NONE. With {@code indications} ({@code pairs.treatsDistant}, session 14)
     * also BC5CDR's: a pair whose ids Hetionet names an indication as TREATS, a CID pair as NONE, the others left out.
     */
    static List<Row> treatsRows(List<Row> rows, HetionetPairs indications) {
        List<Row> out = new ArrayList<>();
        for (Row r : rows) {
            if (!r.family().equals(CHEMICAL_DISEASE)) {
                continue;
            }
            String label = r.label().equals(RelationType.TREATS.name()) ? r.label() : RelationModel.NONE;
            if (!r.biored()) {
                if (indications == null) {
                    continue;
                }
                boolean cid = r.label().equals(RelationType.CAUSES.name());
                boolean indicated = indications.indication(id(r.subject()), id(r.object()));
                if (cid == indicated) {
                    continue; // neither named (BC5CDR annotates no treatment), or both
                }
                label = indicated ? RelationType.TREATS.name() : RelationModel.NONE;
            }
            List<String> features = new ArrayList<>();
            r.example().forEach(f -> features.add(f.getName()));
            out.add(new Row(r.fold(), r.family(), label, RelationModel.example(label, features), r.subject(), r.object(),
                    r.biored()));
        }
        return out;
    }

    /** The identifier in a row's entity key ("PMID\tCHEMICAL:DB00331" → "DB00331"; a MeSH or text key → null). */
    static String id(String rowKey) {
        String key = rowKey.substring(rowKey.indexOf('\t') + 1);
        String id = key.substring(key.indexOf(':') + 1);
        return id.startsWith("MESH:") || id.startsWith("text:") ? null : id;
    }

    /** True when the pair's {@code cues} features name a treatment or protection cue between two of its mentions. */
    static boolean treatmentCue(PairFeatures.Pair p) {
        return p.features().stream().anyMatch(f -> f.startsWith("cue=") && (f.endsWith(":treat") || f.endsWith(":protect")));
    }

    /** True when a sentence holding both sides of the pair is scored TREATS (&ge; 0.5, above CAUSES). */
    static boolean statesTreatment(PairFeatures.Pair p) {
        for (PairFeatures.SentencePair sp : p.sentencePairs()) {
            double treats = sp.probabilities().getOrDefault(RelationType.TREATS.name(), 0.0);
            if (treats >= 0.5 && treats > sp.probabilities().getOrDefault(RelationType.CAUSES.name(), 0.0)) {
                return true;
            }
        }
        return false;
    }

    /** Fits the pair model on all rows and picks each family's threshold by 2-fold CV over them. */
    static Fitted fit(List<Row> rows, String source, long seed) {
        return fit(rows, source, seed, AnnotatorOptions.DEFAULTS);
    }

    /**
     * As {@link #fit(List, String, long)} with the session-10 pair options: {@code pairs.compete} "subject" or "object"
     * chooses each family's threshold jointly with a relative score r (a pair is accepted only when its probability is
     * also at least r times the best one of its family that shares its subject (object) entity in the document);
     * {@code pairs.bag} N &ge; 2 fits a bagged ensemble of N logistic models (bootstrap samples of the rows, seeded;
     * their probabilities averaged), for the final model and for the CV fits that choose the thresholds alike; so does
     * {@code pairs.learner} (session 13, {@link PairLearner}).
     */
    static Fitted fit(List<Row> rows, String source, long seed, AnnotatorOptions options) {
        Map<String, Integer> counts = new TreeMap<>();
        rows.forEach(r -> counts.merge(r.label(), 1, Integer::sum));
        Map<String, Double> thresholds = thresholds(rows, seed, options);
        List<Example<Label>> examples = rows.stream().map(Row::example).toList();
        return new Fitted(new RelationModel(learn(examples, source, seed, options)), thresholds, counts);
    }

    /** One logistic model ({@link RelationTrainer#fit}), or with {@code bag} &ge; 2 a bagged ensemble of them. */
    static Model<Label> learn(List<Example<Label>> examples, String source, long seed, int bag) {
        return PairLearner.LOGISTIC.fit(examples, source, seed, bag);
    }

    /** The pair model of the options' learner ({@code pairs.learner}, session 13) and {@code pairs.bag}. */
    static Model<Label> learn(List<Example<Label>> examples, String source, long seed, AnnotatorOptions options) {
        return options.learner().fit(examples, source, seed, options.pairBag());
    }

    /**
     * Per pair family, the probability threshold that maximises pair F1 (any relation vs none) on out-of-fold scores
     * of the training pairs: the classes are unbalanced (most entity pairs are unrelated), so 0.5 is far too strict for
     * F1. How the folds are drawn and the threshold read off the F1 curve is {@code pairs.thresholdChoice}
     * ({@link ThresholdChoice}; by default one 2-fold split, the arg-max on a 0.01 grid, as before session 12).
     */
    static Map<String, Double> thresholds(List<Row> rows, long seed, AnnotatorOptions options) {
        ThresholdChoice choice = ThresholdChoice.parse(options.pairThresholdChoice());
        String compete = options.pairsCompete();
        Map<String, List<double[]>> scored = new TreeMap<>(); // family -> (probability, gold positive), every repeat
        Map<String, List<String>> groups = new TreeMap<>(); // family -> the competing group of each scored row
        for (int rep = 0; rep < choice.repeats(); rep++) {
            int[] fold = choice.split(rows, rep, seed);
            for (int k = 0; k < choice.folds(); k++) {
                List<Example<Label>> train = new ArrayList<>();
                for (int i = 0; i < rows.size(); i++) {
                    if (fold[i] != k) {
                        train.add(rows.get(i).example());
                    }
                }
                if (train.isEmpty() || train.size() == rows.size()) {
                    continue;
                }
                RelationModel m = new RelationModel(learn(train, "pair threshold repeat " + rep + " fold " + k,
                        choice.fitSeed(seed, rep), options));
                for (int i = 0; i < rows.size(); i++) {
                    if (fold[i] == k) {
                        score(rows.get(i), m, rep + "\t", compete, options.typeThresholds(), scored, groups);
                    }
                }
            }
        }
        Map<String, Double> out = new TreeMap<>();
        double shared = Double.NaN; // session 12: the threshold of every family together, for families with few positives
        for (Map.Entry<String, List<double[]>> e : scored.entrySet()) {
            String family = e.getKey();
            List<double[]> list = e.getValue();
            if (positives(list) < choice.minPositives() * (double) choice.repeats()) {
                if (!family.contains(":")) { // a per-type key left out falls back to its family's threshold at run time
                    if (Double.isNaN(shared)) {
                        shared = shared(scored, choice.plateau());
                    }
                    out.put(family, shared);
                }
                continue;
            }
            boolean competes = !family.contains(":") && competes(compete, family);
            double[] tr = choose(list, groups.get(family), competes, choice.plateau());
            out.put(family, tr[0]);
            if (competes) {
                out.put(RELATIVE + family, tr[1]);
            }
        }
        return out;
    }

    /** Scores one held-out row with the fold's model into its family's list (and its predicted type's, when asked). */
    private static void score(Row r, RelationModel m, String repeat, String compete, boolean typeThresholds,
                              Map<String, List<double[]>> scored, Map<String, List<String>> groups) {
        Map<String, Double> probs = m.score(r.example());
        String[] types = r.family().split(">");
        RelationType t = CoreNlpAnnotator.bestType(probs, EntityType.valueOf(types[0]), EntityType.valueOf(types[1]));
        double p = t == null ? 0 : probs.getOrDefault(t.name(), 0.0);
        double gold = r.label().equals(RelationModel.NONE) ? 0 : 1;
        scored.computeIfAbsent(r.family(), f -> new ArrayList<>()).add(new double[] {p, gold});
        groups.computeIfAbsent(r.family(), f -> new ArrayList<>())
                .add(repeat + (compete.startsWith("object") ? r.object() : r.subject()));
        if (typeThresholds && t != null && typesOf(r.family()) > 1) {
            // session 10: the pairs the model calls CAUSES and those it calls TREATS get thresholds of their own
            String key = r.family() + ":" + t.name();
            scored.computeIfAbsent(key, f -> new ArrayList<>()).add(new double[] {p, gold});
            groups.computeIfAbsent(key, f -> new ArrayList<>()).add(repeat + r.subject());
        }
    }

    /** How many of the scored pairs are gold positives. */
    private static int positives(List<double[]> scored) {
        int n = 0;
        for (double[] x : scored) {
            n += x[1] > 0 ? 1 : 0;
        }
        return n;
    }

    /** The threshold chosen over the scored pairs of every family together (per-type keys left out: counted twice). */
    private static double shared(Map<String, List<double[]>> scored, double plateau) {
        List<double[]> all = new ArrayList<>();
        scored.forEach((family, list) -> {
            if (!family.contains(":")) {
                all.addAll(list);
            }
        });
        return choose(all, java.util.Collections.nCopies(all.size(), ""), false, plateau)[0];
    }

    /**
     * How the per-family thresholds are chosen (session 12, {@code pairs.thresholdChoice}, written as
     * {@code folds=5,repeats=2,seed=0,plateau=0.01,minPositives=30}; "" is {@link #DEFAULT}, the choice before session 12):
     * the training pairs are scored out of fold in {@code folds}-fold cross-validation by document, {@code repeats}
     * times over different splits, and the out-of-fold probabilities of every repeat are pooled before the grid search
     * (so each threshold is read off an F1 curve averaged over the splits); with {@code plateau} &gt; 0 the threshold is
     * the centre of the run of grid points around the arg-max whose F1 is within {@code plateau} of the best, not the
     * arg-max itself (on a flat curve the arg-max moves with noise, the centre much less); a family (or per-type key)
     * with fewer than {@code minPositives} positive training pairs takes the threshold of all families pooled (a per-type
     * key: its family's). The default split — 2 folds, 1 repeat, seed 0 — is the sentence models' document parity
     * ({@link Row#fold}); any other draws the documents' folds at random from the model seed and {@code seed}, and the
     * fits of repeat j use the model seed + 1000 &times; seed + j.
     */
    record ThresholdChoice(int folds, int repeats, int seed, double plateau, int minPositives) {

        static final ThresholdChoice DEFAULT = new ThresholdChoice(2, 1, 0, 0, 0);

        ThresholdChoice {
            if (folds < 2 || folds > 20) {
                throw new IllegalArgumentException("pairs.thresholdChoice folds=" + folds + " must be 2 to 20");
            }
            if (repeats < 1 || repeats > 20) {
                throw new IllegalArgumentException("pairs.thresholdChoice repeats=" + repeats + " must be 1 to 20");
            }
            if (seed < 0) {
                throw new IllegalArgumentException("pairs.thresholdChoice seed=" + seed + " must be 0 or more");
            }
            if (!(plateau >= 0 && plateau <= 0.2)) {
                throw new IllegalArgumentException("pairs.thresholdChoice plateau=" + plateau + " must be 0 to 0.2");
            }
            if (minPositives < 0) {
                throw new IllegalArgumentException("pairs.thresholdChoice minPositives=" + minPositives + " must be 0 or more");
            }
        }

        /** The choice a {@code pairs.thresholdChoice} value names; keys left out keep {@link #DEFAULT}'s value. */
        static ThresholdChoice parse(String spec) {
            Map<String, String> kv = keyValues("pairs.thresholdChoice", spec, spec, KEYS);
            try {
                ThresholdChoice d = DEFAULT;
                return new ThresholdChoice(Integer.parseInt(kv.getOrDefault("folds", "" + d.folds())),
                        Integer.parseInt(kv.getOrDefault("repeats", "" + d.repeats())),
                        Integer.parseInt(kv.getOrDefault("seed", "" + d.seed())),
                        Double.parseDouble(kv.getOrDefault("plateau", "" + d.plateau())),
                        Integer.parseInt(kv.getOrDefault("minPositives", "" + d.minPositives())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("pairs.thresholdChoice=" + spec + ": " + e.getMessage(), e);
            }
        }

        private static final List<String> KEYS = List.of("folds", "repeats", "seed", "plateau", "minPositives");

        /** This choice with another split seed (for measuring how much the thresholds move with the split). */
        ThresholdChoice withSeed(int s) {
            return new ThresholdChoice(folds, repeats, s, plateau, minPositives);
        }

        /** The {@code pairs.thresholdChoice} value of this choice ("" for {@link #DEFAULT}). */
        String spec() {
            return equals(DEFAULT) ? "" : "folds=" + folds + ",repeats=" + repeats + ",seed=" + seed + ",plateau="
                    + plateau + ",minPositives=" + minPositives;
        }

        /** The fold of each row in repeat {@code rep}: all rows of a document in one fold. */
        int[] split(List<Row> rows, int rep, long modelSeed) {
            int[] fold = new int[rows.size()];
            if (folds == 2 && repeats == 1 && seed == 0) {
                for (int i = 0; i < rows.size(); i++) {
                    fold[i] = rows.get(i).fold();
                }
                return fold;
            }
            Map<String, Integer> docs = new java.util.LinkedHashMap<>();
            for (Row r : rows) {
                docs.putIfAbsent(document(r), docs.size());
            }
            List<String> order = new ArrayList<>(docs.keySet());
            java.util.Collections.shuffle(order, new java.util.Random(modelSeed * 1_000_003L + seed * 7_919L + rep));
            Map<String, Integer> of = new HashMap<>();
            for (int i = 0; i < order.size(); i++) {
                of.put(order.get(i), i % folds);
            }
            for (int i = 0; i < rows.size(); i++) {
                fold[i] = of.get(document(rows.get(i)));
            }
            return fold;
        }

        /** The seed of the CV fits of repeat {@code rep} (the model seed itself for the default choice). */
        long fitSeed(long modelSeed, int rep) {
            return modelSeed + 1000L * seed + rep;
        }

        private static String document(Row r) {
            int tab = r.subject().indexOf('\t');
            return tab < 0 ? r.subject() : r.subject().substring(0, tab);
        }
    }

    /**
     * The {@code KEY=VALUE,KEY=VALUE} list {@code list} of the option value {@code spec} of {@code option} (blank items
     * skipped, spaces trimmed); an item that is no KEY=VALUE with a KEY of {@code keys} fails naming it.
     */
    static Map<String, String> keyValues(String option, String spec, String list, List<String> keys) {
        Map<String, String> kv = new TreeMap<>();
        for (String part : list.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] x = part.split("=", 2);
            if (x.length != 2 || !keys.contains(x[0].trim())) {
                throw new IllegalArgumentException(option + "=" + spec + ": '" + part
                        + "' is not KEY=VALUE with KEY one of " + keys);
            }
            kv.put(x[0].trim(), x[1].trim());
        }
        return kv;
    }

    /** How many relation types the pair family ("CHEMICAL>DISEASE") can take. */
    static int typesOf(String family) {
        String[] st = family.split(">");
        int n = 0;
        for (RelationType t : RelationType.values()) {
            n += t.subjectType().name().equals(st[0]) && t.objectType().name().equals(st[1]) ? 1 : 0;
        }
        return n;
    }

    /** True when {@code pairs.compete} ("object", "object:CHEMICAL>DISEASE,GENE>DISEASE") names this family. */
    static boolean competes(String compete, String family) {
        String[] modeFamilies = compete.split(":", 2);
        return !compete.isEmpty() && (modeFamilies.length == 1
                || java.util.Arrays.asList(modeFamilies[1].split(",")).contains(family));
    }

    /**
     * The F1-optimal threshold t (0.05 to 0.95) over out-of-fold scored pairs {probability, gold 0/1} and, with
     * {@code compete}, jointly the relative score r of {@link #RELATIVES}: a pair is accepted when p &ge; t and p &ge; r
     * times the best p of its group ({@code groups}, one per pair). Ties keep the lower t and r (r = 0: no competition).
     *
     * @return {t, r}
     */
    static double[] choose(List<double[]> scored, List<String> groups, boolean compete) {
        return choose(scored, groups, compete, 0);
    }

    /**
     * As {@link #choose(List, List, boolean)}; with {@code plateau} &gt; 0 (session 12) t is then moved, at the chosen r,
     * to the centre of the run of grid points around it whose F1 is within {@code plateau} of the best (half-way
     * points round up).
     */
    static double[] choose(List<double[]> scored, List<String> groups, boolean compete, double plateau) {
        if (scored.size() != groups.size()) {
            throw new IllegalArgumentException(scored.size() + " scored pairs but " + groups.size() + " groups");
        }
        Map<String, Double> best = new HashMap<>();
        for (int i = 0; i < scored.size(); i++) {
            best.merge(groups.get(i), scored.get(i)[0], Math::max);
        }
        List<double[]> list = new ArrayList<>();
        for (int i = 0; i < scored.size(); i++) {
            list.add(new double[] {scored.get(i)[0], scored.get(i)[1], best.get(groups.get(i))});
        }
        double bestF = -1;
        int bestStep = 50;
        double bestR = 0;
        for (double rel : compete ? RELATIVES : new double[] {0}) {
            for (int step = MIN_STEP; step <= MAX_STEP; step++) {
                double f = f1(list, step / 100.0, rel);
                if (f > bestF) {
                    bestF = f;
                    bestStep = step;
                    bestR = rel;
                }
            }
        }
        if (plateau <= 0) {
            return new double[] {bestStep / 100.0, bestR};
        }
        int lo = bestStep;
        while (lo > MIN_STEP && f1(list, (lo - 1) / 100.0, bestR) >= bestF - plateau) {
            lo--;
        }
        int hi = bestStep;
        while (hi < MAX_STEP && f1(list, (hi + 1) / 100.0, bestR) >= bestF - plateau) {
            hi++;
        }
        return new double[] {(lo + hi + 1) / 2 / 100.0, bestR};
    }

    /** The threshold grid of {@link #choose}: 0.05 to 0.95 by 0.01. */
    private static final int MIN_STEP = 5;
    private static final int MAX_STEP = 95;

    /** Pair F1 of the scored rows (probability, gold, group best) at threshold t and relative score rel. */
    private static double f1(List<double[]> list, double t, double rel) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (double[] x : list) {
            boolean pred = x[0] >= t && x[0] >= rel * x[2];
            if (pred && x[1] > 0) {
                tp++;
            } else if (pred) {
                fp++;
            } else if (x[1] > 0) {
                fn++;
            }
        }
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    private static void writeThresholds(java.nio.file.Path file, Map<String, Double> thresholds, int examples) {
        StringBuilder b = new StringBuilder("# pair-model thresholds per family, F1-optimal on out-of-fold scores of ")
                .append(examples).append(" training pairs (train splits only; pairs.thresholdChoice in annotator.properties)\n");
        thresholds.forEach((f, t) -> b.append(f).append('=').append(t).append('\n'));
        try {
            java.nio.file.Files.writeString(file, b.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Thresholds per family from the sidecar file; empty when it is absent. */
    static Map<String, Double> readThresholds(java.nio.file.Path file) {
        Map<String, Double> out = new HashMap<>();
        if (!java.nio.file.Files.exists(file)) {
            return out;
        }
        try {
            for (String line : java.nio.file.Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (!line.startsWith("#") && eq > 0) {
                    out.put(line.substring(0, eq).trim(), Double.parseDouble(line.substring(eq + 1).trim()));
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file, e);
        }
        return out;
    }
}
