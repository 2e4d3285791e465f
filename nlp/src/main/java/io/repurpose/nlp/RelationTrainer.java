package io.repurpose.nlp;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
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

    record Result(int examples, Map<String, Integer> labelCounts) {
    }

    private record GoldMention(int start, int end, EntityType type, Set<String> ids) {
    }

    private RelationTrainer() {
    }

    static Result train(NlpConfig config, Lexicon lexicon, List<PubTator.Doc> bc5cdr, List<PubTator.Doc> biored, long seed) {
        StanfordCoreNLP base = Pipelines.base();
        StanfordCoreNLP depparse = Pipelines.depparse();
        List<org.tribuo.Example<Label>> examples = new ArrayList<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (PubTator.Doc d : bc5cdr) {
            collect(d, false, base, depparse, config.maxParseTokens(), examples, counts);
        }
        for (PubTator.Doc d : biored) {
            collect(d, true, base, depparse, config.maxParseTokens(), examples, counts);
        }
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(new ListDataSource<>(examples, factory,
                new SimpleDataSourceProvenance("BC5CDR train (" + bc5cdr.size() + " docs) + BioRED train (" + biored.size()
                        + " docs), gold mentions, sentence-level pairs", factory)));
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1), 15, 10_000, 1, seed);
        Model<Label> model = trainer.train(data);
        try {
            Files.createDirectories(config.modelDir());
            model.serializeToFile(config.relationModel());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config.relationModel(), e);
        }
        return new Result(examples.size(), counts);
    }

    private static void collect(PubTator.Doc d, boolean biored, StanfordCoreNLP base, StanfordCoreNLP depparse, int maxParse,
                                List<org.tribuo.Example<Label>> out, Map<String, Integer> counts) {
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
        RelationExtractor.parse(depparse, toParse, maxParse);
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
        return RelationModel.NONE;
    }
}
