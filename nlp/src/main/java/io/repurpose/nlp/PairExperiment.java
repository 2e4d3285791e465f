package io.repurpose.nlp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Chooses pair-model feature families on a train half (session 9): annotates the fold's training half once (sentence
 * scores from the out-of-fold sentence models in {@code cv-folds/}, as {@link PairTrainer} does) and its held-out half
 * once (detected mentions, and the corpus's gold mentions), then for each variant fits the pair model and its CV
 * thresholds on the training half and scores CID and BioRED pairs on the held-out half — the same numbers as
 * {@code NlpTrain --pairs-only} followed by {@code NlpEvaluate}, without annotating the documents again per variant.
 * <pre>
 * PairExperiment --model-dir FOLD_DIR --fold K [--shared-data DIR] [--threads N] [--max-docs N] [--errors] [--cv-seeds S,S]
 *                [--save-models DIR] [--variants 'FAMILIES[;KEY=VALUE]|FAMILIES|...']
 * </pre>
 * FOLD_DIR is an {@code NlpTrain --folds 2 --fold K} dir (CRF, sentence models, {@code cv-folds/},
 * {@code heldout-*.pubtator}); a variant is a comma-separated list of {@link PairFeatures#FAMILIES} ("" none),
 * optionally followed by {@code ;KEY=VALUE} option overrides of the pair decision (session 10:
 * {@code cues,roles;pairs.compete=object:CHEMICAL>DISEASE}).
 * Nothing is written to the dir. The first line reports the dir's own {@code pairs.model} for reference;
 * {@code --errors} adds CID outcomes by kind of pair (gold mentions) after each variant. {@code --cv-seeds 0,1,2} (session
 * 12) fits each variant's pair model once and chooses its thresholds once per seed of the CV split
 * ({@link PairTrainer.ThresholdChoice#withSeed}; seed 0 of the default choice is the split before session 12), then
 * prints how much the thresholds and the held-out F1 moved. {@code --save-models DIR} (session 13) writes the pair model of
 * variant i (from 0) to {@code DIR/variant-i.model}, e.g. to weigh a learner's ({@code pairs.learner}) size and load time.
 */
public final class PairExperiment {

    private PairExperiment() {
    }

    public static void main(String[] args) throws IOException {
        NlpTrain.Args a = NlpTrain.Args.checked(args, List.of("--fold", "--threads", "--variants", "--max-docs",
                "--cv-seeds", "--save-models", "--errors"));
        NlpConfig config = a.config();
        int k = a.intValue("--fold", 1);
        int threads = a.intValue("--threads", 1);
        List<String> variants = List.of(a.value("--variants", "").split("\\|", -1));
        long t0 = System.nanoTime();
        try (CoreNlpAnnotator annotator = CoreNlpAnnotator.load(config, a.options())) {
            System.out.println("model: " + annotator.modelVersion());
            int max = a.intValue("--max-docs", Integer.MAX_VALUE);
            List<PubTator.Doc> bc5 = NlpTrain.limit(trainHalf(PubTator.read(NlpTrain.bc5cdrTrain(config)), k), max);
            List<PubTator.Doc> biored = NlpTrain.limit(trainHalf(PubTator.read(NlpTrain.bioredTrain(config)), k), max);
            List<PairTrainer.Analysed> train = PairTrainer.analyse(annotator, bc5, biored, RelationTrainer.readFolds(config),
                    threads);
            System.out.printf("train half: %d + %d documents analysed (%.0f s)%n", bc5.size(), biored.size(),
                    (System.nanoTime() - t0) / 1e9);
            Map<String, List<PubTator.Doc>> heldOut = new java.util.LinkedHashMap<>();
            heldOut.put("BC5CDR", NlpTrain.limit(PubTator.read(config.modelDir().resolve("heldout-bc5cdr.pubtator")), max));
            heldOut.put("BioRED", NlpTrain.limit(PubTator.read(config.modelDir().resolve("heldout-biored.pubtator")), max));
            Map<String, List<CoreNlpAnnotator.Analysis>> detected = new HashMap<>();
            Map<String, List<CoreNlpAnnotator.Analysis>> gold = new HashMap<>();
            for (Map.Entry<String, List<PubTator.Doc>> e : heldOut.entrySet()) {
                detected.put(e.getKey(), Evaluation.parallel(e.getValue(), d -> annotator.analyse(d.id(), Evaluation.inputText(d)), threads));
                gold.put(e.getKey(), Evaluation.parallel(e.getValue(), d -> annotator.analyseGiven(d.id(), Evaluation.inputText(d),
                        d.annotations()), threads));
            }
            System.out.printf("held-out half analysed (%.0f s)%n", (System.nanoTime() - t0) / 1e9);
            report("dir's pairs.model", heldOut, detected, gold, an -> an.document().relations());
            Set<EntityType> same = new java.util.HashSet<>(PairTrainer.SAME_TYPE); // as NlpTrain trains the pair model
            if (annotator.options().sequenceVariants()) {
                same.add(EntityType.VARIANT);
            }
            List<Integer> cvSeeds = new ArrayList<>();
            for (String x : a.value("--cv-seeds", "").split(",")) {
                if (!x.isBlank()) {
                    cvSeeds.add(Integer.parseInt(x.trim()));
                }
            }
            String saveModels = a.value("--save-models", null);
            for (int vi = 0; vi < variants.size(); vi++) {
                String v = variants.get(vi);
                // session 10: "FAMILIES;key=value;..." also sets pair-decision options (pairs.compete)
                String[] parts = v.split(";", -1);
                java.util.Properties p = props("pairs.features", parts[0]);
                for (int i = 1; i < parts.length; i++) {
                    String[] kv = parts[i].split("=", 2);
                    p.setProperty(kv[0].trim(), kv.length > 1 ? kv[1].trim() : "");
                }
                AnnotatorOptions vo = annotator.options().with(p);
                Set<String> families = vo.pairFamilies();
                CoreNlpAnnotator va = annotator.withOptions(vo);
                long v0 = System.nanoTime();
                List<PairTrainer.Row> rows = PairTrainer.rows(train, same, annotator.hierarchy(),
                        annotator.options().sameTypeClose(), families, annotator.knowledge(families), vo);
                String source = "PairExperiment fold " + k + " " + families;
                if (cvSeeds.isEmpty()) {
                    PairTrainer.Fitted fitted = PairTrainer.fit(rows, source, 42L, vo);
                    Function<CoreNlpAnnotator.Analysis, List<Relation>> decide =
                            an -> va.documentRelations(an, fitted.model(), fitted.thresholds(), families);
                    report("variant '" + v + "' families " + families + " thresholds " + fitted.thresholds()
                            + String.format(" (fit %.0f s)", (System.nanoTime() - v0) / 1e9), heldOut, detected, gold, decide);
                    if (saveModels != null) { // session 13: each variant's model file, to weigh its size and load time
                        java.nio.file.Path file = java.nio.file.Path.of(saveModels, "variant-" + vi + ".model");
                        RelationTrainer.save(fitted.model().model(), file);
                        System.out.println("  model written: " + file + " (" + java.nio.file.Files.size(file) + " bytes)");
                    }
                    if (a.flag("--errors")) {
                        System.out.print(errors(heldOut.get("BC5CDR"), gold.get("BC5CDR"), decide, annotator.hierarchy()));
                    }
                    continue;
                }
                // session 12: one pair model (seed 42), its thresholds chosen over several CV splits: how much they move
                RelationModel model = new RelationModel(PairTrainer.learn(rows.stream().map(PairTrainer.Row::example).toList(),
                        source, 42L, vo));
                PairTrainer.ThresholdChoice choice = PairTrainer.ThresholdChoice.parse(vo.pairThresholdChoice());
                List<Map<String, Double>> thresholds = new ArrayList<>();
                List<Map<String, Evaluation.Prf>> scores = new ArrayList<>();
                for (int seed : cvSeeds) {
                    long s0 = System.nanoTime();
                    AnnotatorOptions so = vo.with(props("pairs.thresholdChoice", choice.withSeed(seed).spec()));
                    Map<String, Double> t = PairTrainer.thresholds(rows, 42L, so);
                    double cvSeconds = (System.nanoTime() - s0) / 1e9;
                    thresholds.add(t);
                    scores.add(report("variant '" + v + "' cv seed " + seed + " thresholds " + t
                            + String.format(" (threshold CV %.0f s)", cvSeconds), heldOut, detected, gold,
                            an -> va.documentRelations(an, model, t, families)));
                }
                System.out.print(spread("variant '" + v + "' over cv seeds " + cvSeeds, thresholds, scores));
            }
        }
    }

    /**
     * How much each threshold and each held-out pair F1 moved over the CV seeds: min, max, their difference (the
     * spread) and the standard deviation.
     */
    static String spread(String name, List<Map<String, Double>> thresholds, List<Map<String, Evaluation.Prf>> scores) {
        StringBuilder b = new StringBuilder("== spread, " + name + "\n");
        java.util.TreeSet<String> keys = new java.util.TreeSet<>();
        thresholds.forEach(t -> keys.addAll(t.keySet()));
        for (String key : keys) {
            double[] x = thresholds.stream().mapToDouble(t -> t.getOrDefault(key, Double.NaN)).toArray();
            b.append(String.format("  threshold %-26s %s%n", key, summary(x, "%.2f")));
        }
        for (String key : scores.get(0).keySet()) {
            double[] x = scores.stream().mapToDouble(m -> m.get(key).f1()).toArray();
            b.append(String.format("  F1 %-33s %s%n", key, summary(x, "%.4f")));
        }
        return b.toString();
    }

    /** "min .. max (spread S, mean M, sd D) [values]" of x in the given number format. */
    static String summary(double[] x, String format) {
        java.util.DoubleSummaryStatistics st = java.util.Arrays.stream(x).summaryStatistics();
        double mean = st.getAverage();
        double var = java.util.Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() / Math.max(1, x.length - 1);
        StringBuilder values = new StringBuilder();
        for (double v : x) {
            values.append(values.length() == 0 ? "" : " ").append(String.format(format, v));
        }
        return String.format(format + " .. " + format + " (spread " + format + ", mean " + format + ", sd " + format + ") [%s]",
                st.getMin(), st.getMax(), st.getMax() - st.getMin(), mean, Math.sqrt(var), values);
    }

    /**
     * CID outcomes (true, false, missed chemical→disease pairs) by kind of pair, over the gold-mention analyses: where
     * the relation model itself errs. A pair can be of several kinds.
     */
    static String errors(List<PubTator.Doc> docs, List<CoreNlpAnnotator.Analysis> analyses,
                         Function<CoreNlpAnnotator.Analysis, List<Relation>> decide, DiseaseHierarchy hierarchy) {
        Map<String, int[]> kinds = new java.util.TreeMap<>();
        int unpaired = 0;
        for (int i = 0; i < docs.size(); i++) {
            CoreNlpAnnotator.Analysis an = analyses.get(i);
            Set<String> goldPairs = new java.util.HashSet<>();
            docs.get(i).relations().forEach(r -> goldPairs.add(r.id1() + "\t" + r.id2()));
            Set<String> pred = new java.util.HashSet<>();
            for (Relation r : decide.apply(an)) {
                String s = Evaluation.evalId(r.subject());
                String o = Evaluation.evalId(r.object());
                if (!r.negated() && r.type() == RelationType.CAUSES && s != null && o != null) {
                    pred.add(s + "\t" + o);
                }
            }
            Set<String> seen = new java.util.HashSet<>();
            for (PairFeatures.Pair p : PairFeatures.pairs(an.document().mentions(), an.tokens(), an.scored(), Set.of(),
                    hierarchy, true, Set.of("sent", "cues", "nested"))) { // the families the kinds below read
                if (p.subject().type() != EntityType.CHEMICAL || p.object().type() != EntityType.DISEASE) {
                    continue;
                }
                String key = Evaluation.evalId(p.subject().mentions().get(0)) + "\t"
                        + Evaluation.evalId(p.object().mentions().get(0));
                if (!seen.add(key)) {
                    continue;
                }
                int outcome = goldPairs.contains(key) ? (pred.contains(key) ? 0 : 2) : (pred.contains(key) ? 1 : -1);
                if (outcome < 0) {
                    continue;
                }
                List<String> f = p.features();
                List<String> ks = new ArrayList<>();
                ks.add("all");
                ks.add(f.contains("co=0") ? "cross-sentence" : "same sentence");
                ks.add(f.contains("title=SO") ? "both in title" : f.contains("title=S-") ? "chemical in title only"
                        : f.contains("title=-O") ? "disease in title only" : "neither in title");
                if (f.contains("Onested")) {
                    ks.add("disease inside a longer disease name");
                }
                if (f.contains("Onesting")) {
                    ks.add("disease containing a shorter disease name");
                }
                if (f.contains("negS") || f.contains("negO")) {
                    ks.add("a side only negated/hypothetical");
                }
                if (f.contains("spWin=TREATS")) {
                    ks.add("sentence model: TREATS over CAUSES");
                }
                if (f.stream().anyMatch(x -> x.endsWith(":neg"))) {
                    ks.add("negation word between");
                }
                if (f.stream().anyMatch(x -> x.endsWith(":treat") || x.endsWith(":protect"))) {
                    ks.add("treatment/protection word between");
                }
                if (f.contains("topS")) {
                    ks.add("most frequent chemical");
                }
                ks.forEach(x -> kinds.computeIfAbsent(x, y -> new int[3])[outcome]++);
            }
            for (String g : goldPairs) {
                unpaired += seen.contains(g) ? 0 : 1;
            }
        }
        StringBuilder b = new StringBuilder("  CID by kind (gold mentions): kind, true / false / missed\n");
        kinds.forEach((k, c) -> b.append(String.format("    %-44s %4d / %4d / %4d%n", k, c[0], c[1], c[2])));
        b.append("    gold pairs with no candidate pair: ").append(unpaired).append('\n');
        return b.toString();
    }

    /** The documents of the training half of fold k (as {@link NlpTrain#holdOut} leaves them). */
    static List<PubTator.Doc> trainHalf(List<PubTator.Doc> docs, int k) {
        List<PubTator.Doc> out = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            if (i % 2 != k) {
                out.add(docs.get(i));
            }
        }
        return out;
    }

    private static java.util.Properties props(String key, String value) {
        java.util.Properties p = new java.util.Properties();
        p.setProperty(key, value.trim());
        return p;
    }

    /** Prints and returns CID / BioRED pair scores on the held-out half, keyed "BC5CDR detected", "BioRED gold", .... */
    private static Map<String, Evaluation.Prf> report(String name, Map<String, List<PubTator.Doc>> heldOut,
                               Map<String, List<CoreNlpAnnotator.Analysis>> detected,
                               Map<String, List<CoreNlpAnnotator.Analysis>> gold,
                               Function<CoreNlpAnnotator.Analysis, List<Relation>> decide) {
        StringBuilder b = new StringBuilder("== " + name + "\n");
        Map<String, Evaluation.Prf> out = new java.util.LinkedHashMap<>();
        for (String corpus : heldOut.keySet()) {
            List<PubTator.Doc> docs = heldOut.get(corpus);
            for (boolean g : new boolean[] {false, true}) {
                List<CoreNlpAnnotator.Analysis> an = (g ? gold : detected).get(corpus);
                Map<String, CoreNlpAnnotator.Analysis> byId = new HashMap<>();
                an.forEach(x -> byId.put(x.document().documentId(), x));
                Evaluation.Scores s = Evaluation.evaluate(d -> {
                    CoreNlpAnnotator.Analysis x = byId.get(d.id());
                    AnnotatedDocument doc = x.document();
                    return new AnnotatedDocument(doc.documentId(), doc.sentences(), doc.mentions(), decide.apply(x),
                            doc.modelVersion());
                }, docs, null, 1);
                String key = corpus.equals("BC5CDR") ? "CID pairs" : "BioRED pairs (all gold)";
                b.append(String.format("  %-7s %-9s %-24s %s%n", corpus, g ? "gold" : "detected", key, s.get(key)));
                out.put(corpus + " " + (g ? "gold" : "detected"), s.get(key));
            }
        }
        System.out.print(b);
        return out;
    }
}
