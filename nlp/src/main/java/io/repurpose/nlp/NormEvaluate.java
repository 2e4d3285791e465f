package io.repurpose.nlp;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Normalisation accuracy (session 11): the share of a corpus's gold chemical and disease mentions, given the gold span
 * and type, whose predicted MeSH id is one of the gold ids. The span is resolved by {@link MentionNormaliser} with the
 * model dir's lexicon and options, and the abbreviations of the text pass their long form's id on as in the annotator.
 * {@code --variants 'OVERRIDES|OVERRIDES'} scores several option sets with one loaded lexicon. With {@code --predicted} it also scores a prediction file of {@link NlpEvaluate} the same way, on the gold mentions
 * whose exact span and type were detected (the end-to-end id accuracy).
 * <pre>
 * NormEvaluate CORPUS.pubtator [CORPUS2 ...] [--model-dir DIR] [--shared-data DIR] [--predicted PRED[,PRED2]]
 *              [--mistakes FILE] [--variants 'OVERRIDES|...'] [option overrides, e.g. --normalise RULES]
 * </pre>
 */
public final class NormEvaluate {

    private NormEvaluate() {
    }

    /** Counts of one type: right id, no id, another id. */
    static final class Tally {
        int right;
        int none;
        int other;

        int total() {
            return right + none + other;
        }

        @Override
        public String toString() {
            return String.format("accuracy %.4f (%d of %d; no id %d, another id %d)",
                    total() == 0 ? 0 : (double) right / total(), right, total(), none, other);
        }
    }

    public static void main(String[] args) throws IOException {
        NlpTrain.Args a = NlpTrain.Args.checked(args, List.of("--predicted", "--mistakes", "--variants"));
        List<String> corpora = a.positional();
        String pred = a.value("--predicted", "");
        List<String> predicted = pred.isEmpty() ? List.of() : List.of(pred.split(","));
        if (corpora.isEmpty() || (!predicted.isEmpty() && predicted.size() != corpora.size())) {
            System.err.println("usage: NormEvaluate CORPUS.pubtator [CORPUS2 ...] [--model-dir DIR] [--shared-data DIR]"
                    + " [--predicted PRED,PRED2] (one per corpus) [--mistakes FILE] [--normalise FAMILIES]");
            System.exit(2);
        }
        AnnotatorOptions options = a.options();
        String errors = a.value("--mistakes", null);
        // each variant: option overrides (e.g. "--normalise spelling,stem") on top of the model dir's options
        List<String> variants = List.of(a.value("--variants", "").split("\\|", -1));
        long t0 = System.nanoTime();
        try (Lexicon lexicon = Lexicon.load(a.config(), options.sideEffects());
             PrintWriter err = errors == null ? null : new PrintWriter(Files.newBufferedWriter(Path.of(errors), StandardCharsets.UTF_8))) {
            System.out.printf("lexicon %s, %d keys, loaded in %.1f s; options %s%n", lexicon.version(), lexicon.size(),
                    (System.nanoTime() - t0) / 1e9, options.stamp());
            MentionNormaliser.BackOff backOff = MentionNormaliser.BackOff.read(
                    a.config().modelDir().resolve(MentionNormaliser.BackOff.FILE));
            if (err != null) {
                err.println("variant\tcorpus\tdocument\ttype\ttext\tgold\tpredicted\tpredicted name\toutcome");
            }
            for (int v = 0; v < variants.size(); v++) {
                String variant = variants.get(v).trim();
                AnnotatorOptions o = NlpEvaluate.variantOptions(options, variant);
                long n0 = System.nanoTime();
                MentionNormaliser normaliser = new MentionNormaliser(lexicon, o.normaliseRules(), backOff);
                System.out.printf("== variant %d '%s': normalise=%s (built in %.2f s)%n", v, variant, o.normalise(),
                        (System.nanoTime() - n0) / 1e9);
                for (int c = 0; c < corpora.size(); c++) {
                    Path corpus = Path.of(corpora.get(c));
                    List<PubTator.Doc> docs = PubTator.read(corpus);
                    Map<EntityType, Tally> spans = score(docs, normaliser, o, err, v + "\t" + corpus.getFileName());
                    spans.forEach((t, x) -> System.out.printf("%s gold spans %-9s %s%n", corpus.getFileName(), t, x));
                    if (!predicted.isEmpty() && v == 0) {
                        Map<EntityType, Tally> e2e = scorePredicted(docs, PubTator.read(Path.of(predicted.get(c))));
                        e2e.forEach((t, x) -> System.out.printf("%s detected  %-9s %s%n", corpus.getFileName(), t, x));
                    }
                }
            }
        }
    }

    /** The gold ids of an annotation (several for a composite mention), or an empty set when it has none. */
    static Set<String> goldIds(PubTator.Annotation g) {
        Set<String> ids = new java.util.LinkedHashSet<>();
        for (String id : g.id().split("[|,;]")) {
            String s = id.replace("MESH:", "").trim();
            if (!s.isEmpty() && !s.equals("-") && !s.equals("-1")) {
                ids.add(s);
            }
        }
        return ids;
    }

    /** Chemical and disease gold mentions with at least one id, in document order. */
    static List<PubTator.Annotation> goldMentions(PubTator.Doc d) {
        List<PubTator.Annotation> out = new ArrayList<>();
        for (PubTator.Annotation g : d.annotations()) {
            EntityType t = PubTator.entityType(g.type());
            if ((t == EntityType.CHEMICAL || t == EntityType.DISEASE) && !goldIds(g).isEmpty()) {
                out.add(g);
            }
        }
        out.sort(java.util.Comparator.comparingInt(PubTator.Annotation::start));
        return out;
    }

    static Map<EntityType, Tally> score(List<PubTator.Doc> docs, MentionNormaliser normaliser, AnnotatorOptions options,
                                        PrintWriter err, String corpus) {
        Map<EntityType, Tally> out = new LinkedHashMap<>();
        out.put(EntityType.CHEMICAL, new Tally());
        out.put(EntityType.DISEASE, new Tally());
        for (PubTator.Doc d : docs) {
            String text = Evaluation.inputText(d);
            List<PubTator.Annotation> gold = goldMentions(d);
            List<MentionNormaliser.Item> items = new ArrayList<>();
            for (PubTator.Annotation g : gold) {
                EntityType t = PubTator.entityType(g.type());
                items.add(new MentionNormaliser.Item(g.start(), g.end(), g.text(), t, normaliser.resolve(g.text(), t)));
            }
            // as in the annotator: the document-level rule first, then the short forms take their long form's id
            if (normaliser.documentLevel()) {
                items = MentionNormaliser.document(items);
            }
            items = MentionNormaliser.abbreviations(items, Abbreviations.find(text,
                    options.abbreviationReach() || options.abbreviationFind(), options.abbreviationLists()),
                    options.normaliseRules().contains("abbreviation"));
            for (int i = 0; i < gold.size(); i++) {
                Lexicon.Resolution r = items.get(i).resolution();
                String mesh = r == null ? null : r.xrefs().get("MESH");
                String outcome = tally(out.get(items.get(i).type()), goldIds(gold.get(i)), mesh);
                if (err != null && !outcome.equals("right")) {
                    err.println(String.join("\t", corpus, d.id(), items.get(i).type().name(), gold.get(i).text(),
                            gold.get(i).id(), mesh == null ? "" : mesh, r == null || r.name() == null ? "" : r.name(), outcome));
                }
            }
        }
        return out;
    }

    private static String tally(Tally t, Set<String> gold, String predicted) {
        if (predicted == null) {
            t.none++;
            return "none";
        }
        if (gold.contains(predicted)) {
            t.right++;
            return "right";
        }
        t.other++;
        return "other";
    }

    /** Id accuracy of the predicted mentions that have a gold mention's exact span and type. */
    static Map<EntityType, Tally> scorePredicted(List<PubTator.Doc> gold, List<PubTator.Doc> predicted) {
        Map<String, PubTator.Doc> byId = new HashMap<>();
        for (PubTator.Doc d : predicted) {
            byId.put(d.id(), d);
        }
        Map<EntityType, Tally> out = new LinkedHashMap<>();
        out.put(EntityType.CHEMICAL, new Tally());
        out.put(EntityType.DISEASE, new Tally());
        for (PubTator.Doc d : gold) {
            PubTator.Doc pd = byId.get(d.id());
            if (pd == null) {
                throw new IllegalArgumentException("document " + d.id() + " has no prediction");
            }
            Map<String, String> ids = new HashMap<>();
            for (PubTator.Annotation m : pd.annotations()) {
                EntityType t = PubTator.entityType(m.type());
                ids.put(m.start() + ":" + m.end() + ":" + t, m.id());
            }
            for (PubTator.Annotation g : goldMentions(d)) {
                EntityType t = PubTator.entityType(g.type());
                String id = ids.get(g.start() + ":" + g.end() + ":" + t);
                if (id != null) {
                    tally(out.get(t), goldIds(g), id.equals("-1") ? null : id);
                }
            }
        }
        return out;
    }
}
