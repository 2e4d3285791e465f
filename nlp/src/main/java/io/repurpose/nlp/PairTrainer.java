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
    record Row(int fold, String family, String label, Example<Label> example, String subject, String object) {
    }

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
        List<Row> rows = rows(docs, sameType, annotator.hierarchy(), annotator.options().sameTypeClose(),
                annotator.options().pairFamilies(), annotator.options().bc5cdrTreats());
        Fitted fitted = fit(rows, "BC5CDR train (" + bc5cdr.size() + " docs) + BioRED train (" + biored.size()
                + " docs), predicted mentions, document-level entity pairs, out-of-fold sentence scores", seed,
                annotator.options());
        RelationTrainer.save(fitted.model().model(), config.pairModel());
        writeThresholds(config.pairThresholds(), fitted.thresholds(), rows.size());
        return new Result(rows.size(), fitted.labelCounts(), fitted.thresholds());
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

    /** The labelled pair examples of the analysed documents (pairs without corpus ids on both sides left out). */
    static List<Row> rows(List<Analysed> docs, Set<EntityType> sameType, DiseaseHierarchy hierarchy,
                          boolean sameTypeClose, Set<String> families) {
        return rows(docs, sameType, hierarchy, sameTypeClose, families, false);
    }

    /**
     * As {@link #rows(List, Set, DiseaseHierarchy, boolean, Set)}; with {@code bc5cdrTreats} (session 10,
     * {@code pairs.bc5cdrTreats}) a BC5CDR chemical→disease pair that is no CID pair but that a sentence holding both
     * states as a treatment (the sentence model's TREATS probability &ge; 0.5 and above its CAUSES) is labelled TREATS
     * instead of NONE: BC5CDR annotates induced diseases only, while BioRED calls such a pair a relation
     * (Negative_Correlation), and the two corpora taught the shared pair model opposite things about it.
     */
    static List<Row> rows(List<Analysed> docs, Set<EntityType> sameType, DiseaseHierarchy hierarchy,
                          boolean sameTypeClose, Set<String> families, boolean bc5cdrTreats) {
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
                    isBiored ? sameType : Set.of(), hierarchy, sameTypeClose, families)) {
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
                if (bc5cdrTreats && !isBiored && label.equals(RelationModel.NONE) && statesTreatment(p)) {
                    label = RelationType.TREATS.name();
                }
                rows.add(new Row(ad.fold(), st + ">" + ot, label, RelationModel.example(label, p.features()),
                        d.id() + "\t" + p.subject().key(), d.id() + "\t" + p.object().key()));
            }
        }
        return rows;
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
     * their probabilities averaged), for the final model and for the CV fits that choose the thresholds alike.
     */
    static Fitted fit(List<Row> rows, String source, long seed, AnnotatorOptions options) {
        Map<String, Integer> counts = new TreeMap<>();
        rows.forEach(r -> counts.merge(r.label(), 1, Integer::sum));
        Map<String, Double> thresholds = thresholds(rows, seed, options);
        List<Example<Label>> examples = rows.stream().map(Row::example).toList();
        return new Fitted(new RelationModel(learn(examples, source, seed, options.pairBag())), thresholds, counts);
    }

    /** One logistic model ({@link RelationTrainer#fit}), or with {@code bag} &ge; 2 a bagged ensemble of them. */
    static Model<Label> learn(List<Example<Label>> examples, String source, long seed, int bag) {
        if (bag < 2) {
            return RelationTrainer.fit(examples, source, seed);
        }
        org.tribuo.ensemble.BaggingTrainer<Label> trainer = new org.tribuo.ensemble.BaggingTrainer<>(
                RelationTrainer.trainer(seed), new org.tribuo.classification.ensemble.FullyWeightedVotingCombiner(), bag,
                seed);
        return trainer.train(RelationTrainer.dataset(examples, source));
    }

    /**
     * Per pair family, the probability threshold that maximises pair F1 (any relation vs none) in 2-fold
     * cross-validation over the training documents: the classes are unbalanced (most entity pairs are unrelated),
     * so 0.5 is far too strict for F1.
     */
    private static Map<String, Double> thresholds(List<Row> rows, long seed, AnnotatorOptions options) {
        String compete = options.pairsCompete();
        Map<String, List<double[]>> scored = new TreeMap<>(); // family -> (probability, gold positive)
        Map<String, List<String>> groups = new TreeMap<>(); // family -> the competing group of each scored row
        for (int k = 0; k < 2; k++) {
            final int held = k;
            List<Example<Label>> train = rows.stream().filter(r -> r.fold() != held).map(Row::example).toList();
            if (train.isEmpty()) {
                continue;
            }
            RelationModel m = new RelationModel(learn(train, "pair threshold fold " + k, seed, options.pairBag()));
            for (Row r : rows) {
                if (r.fold() != held) {
                    continue;
                }
                Map<String, Double> probs = m.score(r.example());
                String[] types = r.family().split(">");
                RelationType t = CoreNlpAnnotator.bestType(probs, EntityType.valueOf(types[0]), EntityType.valueOf(types[1]));
                double p = t == null ? 0 : probs.getOrDefault(t.name(), 0.0);
                scored.computeIfAbsent(r.family(), f -> new ArrayList<>())
                        .add(new double[] {p, r.label().equals(RelationModel.NONE) ? 0 : 1});
                groups.computeIfAbsent(r.family(), f -> new ArrayList<>())
                        .add(compete.startsWith("object") ? r.object() : r.subject());
                if (options.typeThresholds() && t != null && typesOf(r.family()) > 1) {
                    // session 10: the pairs the model calls CAUSES and those it calls TREATS get thresholds of their own
                    String key = r.family() + ":" + t.name();
                    scored.computeIfAbsent(key, f -> new ArrayList<>())
                            .add(new double[] {p, r.label().equals(RelationModel.NONE) ? 0 : 1});
                    groups.computeIfAbsent(key, f -> new ArrayList<>()).add(r.subject());
                }
            }
        }
        Map<String, Double> out = new TreeMap<>();
        scored.forEach((family, list) -> {
            boolean competes = !family.contains(":") && competes(compete, family);
            double[] tr = choose(list, groups.get(family), competes);
            out.put(family, tr[0]);
            if (competes) {
                out.put(RELATIVE + family, tr[1]);
            }
        });
        return out;
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
        double bestT = 0.5;
        double bestR = 0;
        for (double rel : compete ? RELATIVES : new double[] {0}) {
            for (int step = 5; step <= 95; step++) {
                double t = step / 100.0;
                double f = f1(list, t, rel);
                if (f > bestF) {
                    bestF = f;
                    bestT = t;
                    bestR = rel;
                }
            }
        }
        return new double[] {bestT, bestR};
    }

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
        StringBuilder b = new StringBuilder("# pair-model thresholds per family, F1-optimal in 2-fold CV over ")
                .append(examples).append(" training pairs (train splits only)\n");
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
