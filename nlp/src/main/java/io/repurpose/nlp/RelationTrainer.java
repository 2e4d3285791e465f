package io.repurpose.nlp;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.parser.nndep.DependencyParser;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.util.CoreMap;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Trains the relation classifier on gold mentions of the train splits (distant supervision from document-level
 * gold pairs to every sentence-level mention pair): BC5CDR CID → CAUSES; BioRED chemical–disease
 * Positive_Correlation → CAUSES, Negative_Correlation → TREATS (other chemical–disease types are left out, as
 * they say neither); BioRED chemical–gene → TARGETS; gene–disease → ASSOCIATED_WITH; other pairs → NONE.
 * Logistic regression by SGD with AdaGrad, fixed seed, provenance in the saved model.
 */
final class RelationTrainer {

    /**
     * @param folds for fold k (document index modulo 2 over BC5CDR then BioRED), the full and surface models
     *              trained on the other fold only: the pair model is trained on their out-of-fold sentence scores
     */
    record Result(int examples, Map<String, Integer> labelCounts, List<RelationModel[]> folds) {
    }

    /** The fold of the i-th training document (BC5CDR documents first, then BioRED). */
    static int fold(int i) {
        return i % 2;
    }

    private record GoldMention(int start, int end, EntityType type, Set<String> ids) {
    }

    private RelationTrainer() {
    }

    static Result train(NlpConfig config, Lexicon lexicon, List<PubTator.Doc> bc5cdr, List<PubTator.Doc> biored, long seed) {
        StanfordCoreNLP base = Pipelines.tokens();
        StanfordCoreNLP posLemma = Pipelines.posLemma();
        DependencyParser depparse = Pipelines.dependencyParser();
        List<List<org.tribuo.Example<Label>>> examples = new ArrayList<>();
        List<List<org.tribuo.Example<Label>>> surface = new ArrayList<>();
        Map<String, Integer> counts = new TreeMap<>();
        List<PubTator.Doc> all = NlpTrain.concat(bc5cdr, biored);
        for (int i = 0; i < all.size(); i++) {
            List<org.tribuo.Example<Label>> e = new ArrayList<>();
            List<org.tribuo.Example<Label>> sf = new ArrayList<>();
            collect(all.get(i), i >= bc5cdr.size(), base, posLemma, depparse, config.maxParseTokens(), e, sf, counts);
            examples.add(e);
            surface.add(sf);
        }
        String source = "BC5CDR train (" + bc5cdr.size() + " docs) + BioRED train (" + biored.size()
                + " docs), gold mentions, sentence-level pairs";
        Model<Label> full = fit(flatten(examples, -1), source + ", with dependency-path features", seed);
        Model<Label> surf = fit(flatten(surface, -1), source + ", surface features only (no parse)", seed);
        save(full, config.relationModel());
        save(surf, config.surfaceRelationModel());
        List<RelationModel[]> folds = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            String fs = source + ", fold " + k + " held out";
            Model<Label> fk = fit(flatten(examples, k), fs, seed);
            Model<Label> sk = fit(flatten(surface, k), fs + ", surface", seed);
            // kept so that the pair model can be retrained alone (NlpTrain --pairs-only)
            save(fk, foldFile(config, "relations", k));
            save(sk, foldFile(config, "relations-surface", k));
            folds.add(new RelationModel[] {new RelationModel(fk), new RelationModel(sk)});
        }
        return new Result(flatten(examples, -1).size(), counts, folds);
    }

    /** The out-of-fold sentence models that an earlier {@link #train} saved in the model dir. */
    static List<RelationModel[]> readFolds(NlpConfig config) {
        List<RelationModel[]> folds = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            folds.add(new RelationModel[] {RelationModel.load(foldFile(config, "relations", k)),
                RelationModel.load(foldFile(config, "relations-surface", k))});
        }
        return folds;
    }

    private static java.nio.file.Path foldFile(NlpConfig config, String name, int k) {
        return config.modelDir().resolve("cv-folds").resolve(name + "-fold" + k + ".model");
    }

    /** The examples of every document outside the held-out fold (all of them for heldOut = -1). */
    private static List<org.tribuo.Example<Label>> flatten(List<List<org.tribuo.Example<Label>>> perDoc, int heldOut) {
        List<org.tribuo.Example<Label>> out = new ArrayList<>();
        for (int i = 0; i < perDoc.size(); i++) {
            if (fold(i) != heldOut) {
                out.addAll(perDoc.get(i));
            }
        }
        return out;
    }

    static void save(Model<Label> model, java.nio.file.Path out) {
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
            model.serializeToFile(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
    }

    static Model<Label> fit(List<org.tribuo.Example<Label>> examples, String source, long seed) {
        return trainer(seed).train(dataset(examples, source));
    }

    /** The logistic regression trainer of every relation model: SGD with AdaGrad, 15 epochs, the given seed. */
    static LinearSGDTrainer trainer(long seed) {
        return new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1), 15, 10_000, 1, seed);
    }

    /** The examples as a dataset whose provenance names their source. */
    static MutableDataset<Label> dataset(List<org.tribuo.Example<Label>> examples, String source) {
        LabelFactory factory = new LabelFactory();
        return new MutableDataset<>(new ListDataSource<>(examples, factory, new SimpleDataSourceProvenance(source, factory)));
    }

    private static void collect(PubTator.Doc d, boolean biored, StanfordCoreNLP base, StanfordCoreNLP posLemma,
                                DependencyParser depparse, int maxParse,
                                List<org.tribuo.Example<Label>> out, List<org.tribuo.Example<Label>> surface,
                                Map<String, Integer> counts) {
        String text = d.text();
        Annotation ann = new Annotation(CoreNlpAnnotator.sentenceFriendly(Evaluation.inputText(d)));
        base.annotate(ann);
        List<CoreMap> sentences = ann.get(CoreAnnotations.SentencesAnnotation.class);
        List<GoldMention> gold = new ArrayList<>();
        for (PubTator.Annotation a : d.annotations()) {
            EntityType t = PubTator.entityType(a.type());
            if (t != null) {
                Set<String> ids = new HashSet<>();
                for (String id : a.id().split("[|,;]")) {
                    ids.add(id.replace("MESH:", "").trim());
                }
                gold.add(new GoldMention(a.start(), a.end(), t, ids));
            }
        }
        Map<String, String> pairLabel = new java.util.HashMap<>();
        for (PubTator.Rel r : d.relations()) {
            String label;
            if (!biored) {
                label = "CAUSES";
            } else {
                label = r.type();
            }
            pairLabel.put(r.id1() + "\t" + r.id2(), label);
            pairLabel.put(r.id2() + "\t" + r.id1(), label);
        }
        List<List<RelationFeatures.Arg>> argsPerSentence = new ArrayList<>();
        List<List<GoldMention>> goldPerSentence = new ArrayList<>();
        List<CoreMap> toParse = new ArrayList<>();
        for (CoreMap s : sentences) {
            List<CoreLabel> toks = s.get(CoreAnnotations.TokensAnnotation.class);
            List<RelationFeatures.Arg> args = new ArrayList<>();
            List<GoldMention> gm = new ArrayList<>();
            for (GoldMention g : gold) {
                int ts = -1;
                int te = -1;
                for (int i = 0; i < toks.size(); i++) {
                    CoreLabel t = toks.get(i);
                    if (t.endPosition() > g.start() && t.beginPosition() < g.end()) {
                        if (ts < 0) {
                            ts = i;
                        }
                        te = i + 1;
                    }
                }
                if (ts >= 0) {
                    args.add(new RelationFeatures.Arg(ts, te, g.type()));
                    gm.add(g);
                }
            }
            argsPerSentence.add(args);
            goldPerSentence.add(gm);
            if (RelationExtractor.hasCandidate(args) && toks.size() <= maxParse) {
                toParse.add(s);
            }
        }
        RelationExtractor.tag(posLemma, toParse);
        for (CoreMap s : toParse) {
            RelationExtractor.parse(depparse, s, maxParse);
        }
        for (int si = 0; si < sentences.size(); si++) {
            List<RelationFeatures.Arg> args = argsPerSentence.get(si);
            if (!RelationExtractor.hasCandidate(args)
                    || sentences.get(si).get(CoreAnnotations.TokensAnnotation.class).size() > maxParse) {
                continue;
            }
            for (RelationExtractor.Candidate c : RelationExtractor.candidates(sentences.get(si), args, si == 0)) {
                GoldMention s = goldPerSentence.get(si).get(c.subject());
                GoldMention o = goldPerSentence.get(si).get(c.object());
                String corpusLabel = null;
                for (String a : s.ids()) {
                    for (String b : o.ids()) {
                        corpusLabel = corpusLabel != null ? corpusLabel : pairLabel.get(a + "\t" + b);
                    }
                }
                String label = label(corpusLabel, s.type(), o.type(), biored);
                if (label == null) {
                    continue;
                }
                out.add(RelationModel.example(label, c.features().features()));
                surface.add(RelationModel.example(label, RelationFeatures.surface(c.features().features())));
                counts.merge(label, 1, Integer::sum);
            }
        }
    }

    /** Our label for a corpus label on a typed pair; null to leave the example out. */
    static String label(String corpusLabel, EntityType s, EntityType o, boolean biored) {
        if (corpusLabel == null) {
            return RelationModel.NONE;
        }
        if (s == EntityType.CHEMICAL && o == EntityType.DISEASE) {
            if (!biored) {
                return "CAUSES";
            }
            return switch (corpusLabel) {
                case "Positive_Correlation" -> "CAUSES";
                case "Negative_Correlation" -> "TREATS";
                default -> null;
            };
        }
        if (s == EntityType.CHEMICAL && o == EntityType.GENE) {
            return "TARGETS";
        }
        if (s == EntityType.GENE && o == EntityType.DISEASE) {
            return "ASSOCIATED_WITH";
        }
        if (s == o && s == EntityType.GENE) {
            return "GENE_INTERACTS";
        }
        if (s == o && s == EntityType.CHEMICAL) {
            return "CHEMICAL_INTERACTS";
        }
        if (s == EntityType.VARIANT && o == EntityType.DISEASE) {
            return "VARIANT_ASSOCIATED_WITH";
        }
        if (s == EntityType.CHEMICAL && o == EntityType.VARIANT) {
            return "VARIANT_RESPONSE";
        }
        return RelationModel.NONE;
    }
}
