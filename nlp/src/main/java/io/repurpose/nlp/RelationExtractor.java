package io.repurpose.nlp;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.parser.nndep.DependencyParser;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.semgraph.SemanticGraph;
import edu.stanford.nlp.semgraph.SemanticGraphCoreAnnotations;
import edu.stanford.nlp.semgraph.SemanticGraphFactory;
import edu.stanford.nlp.trees.GrammaticalStructure;
import edu.stanford.nlp.util.CoreMap;

import java.util.ArrayList;
import java.util.List;

/** Candidate pairs of one sentence and their features; parses only sentences that hold a candidate. */
final class RelationExtractor {

    /** A candidate: indices of subject and object in the sentence's mention list, relation family, features. */
    record Candidate(int subject, int object, RelationFeatures.Result features) {
    }

    private RelationExtractor() {
    }

    /** True when (a, b) can be related, in this order: chemical→disease, chemical→gene, gene→disease. */
    static boolean candidateOrder(EntityType a, EntityType b) {
        return (a == EntityType.CHEMICAL && (b == EntityType.DISEASE || b == EntityType.GENE))
                || (a == EntityType.GENE && b == EntityType.DISEASE);
    }

    static boolean hasCandidate(List<RelationFeatures.Arg> args) {
        for (RelationFeatures.Arg a : args) {
            for (RelationFeatures.Arg b : args) {
                if (candidateOrder(a.type(), b.type())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** POS-tags and lemmatises the given sentences in place (the relation features read lemmas and tags). */
    static void tag(StanfordCoreNLP posLemma, List<CoreMap> sentences) {
        List<CoreMap> todo = new ArrayList<>();
        for (CoreMap s : sentences) {
            List<CoreLabel> toks = s.get(CoreAnnotations.TokensAnnotation.class);
            if (!toks.isEmpty() && toks.get(0).tag() == null) {
                todo.add(s);
            }
        }
        if (todo.isEmpty()) {
            return;
        }
        Annotation sub = new Annotation("");
        sub.set(CoreAnnotations.SentencesAnnotation.class, todo);
        posLemma.annotate(sub);
    }

    private static final ThreadLocal<edu.stanford.nlp.process.Morphology> MORPHOLOGY =
            ThreadLocal.withInitial(edu.stanford.nlp.process.Morphology::new);

    private static final java.util.Set<String> BE = java.util.Set.of("is", "are", "was", "were", "been", "being", "am",
            "has", "had", "does", "did");

    /**
     * Lemmas without the POS tagger, for sentences that the surface model decides alone: the tag is guessed from the
     * suffix (-ing VBG, -ed VBD, -s NNS, forms of be/have/do VBD) and CoreNLP's Morphology lemmatises with it; tags
     * stay unset, so {@link #tag} still tags the sentence (and replaces these lemmas) when it has to be parsed.
     */
    static void guessLemmas(List<CoreMap> sentences) {
        edu.stanford.nlp.process.Morphology m = MORPHOLOGY.get();
        for (CoreMap s : sentences) {
            for (CoreLabel t : s.get(CoreAnnotations.TokensAnnotation.class)) {
                if (t.tag() != null || t.lemma() != null) {
                    continue;
                }
                String w = t.word();
                String lower = w.toLowerCase(java.util.Locale.ROOT);
                String tag = BE.contains(lower) ? "VBD"
                        : lower.length() > 5 && lower.endsWith("ing") ? "VBG"
                        : lower.length() > 4 && lower.endsWith("ed") ? "VBD"
                        : lower.length() > 3 && lower.endsWith("s") && !lower.endsWith("ss") && !lower.endsWith("us")
                        && !lower.endsWith("is") ? "NNS" : "NN";
                t.setLemma(m.lemma(w, tag));
            }
        }
    }

    /** Dependency-parses one tagged sentence (basic dependencies only) in place, if it is at most maxTokens long. */
    static void parse(DependencyParser parser, CoreMap sentence, int maxTokens) {
        if (sentence.get(CoreAnnotations.TokensAnnotation.class).size() > maxTokens
                || sentence.get(SemanticGraphCoreAnnotations.BasicDependenciesAnnotation.class) != null) {
            return;
        }
        GrammaticalStructure gs = parser.predict(sentence);
        sentence.set(SemanticGraphCoreAnnotations.BasicDependenciesAnnotation.class,
                SemanticGraphFactory.makeFromTree(gs, SemanticGraphFactory.Mode.BASIC, GrammaticalStructure.Extras.NONE, null));
    }

    static List<Candidate> candidates(CoreMap sentence, List<RelationFeatures.Arg> args, boolean inTitle) {
        List<CoreLabel> tokens = sentence.get(CoreAnnotations.TokensAnnotation.class);
        SemanticGraph g = sentence.get(SemanticGraphCoreAnnotations.BasicDependenciesAnnotation.class);
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            for (int j = 0; j < args.size(); j++) {
                RelationFeatures.Arg s = args.get(i);
                RelationFeatures.Arg o = args.get(j);
                if (i == j || !candidateOrder(s.type(), o.type())) {
                    continue;
                }
                int lo = Math.min(s.end(), o.end());
                int hi = Math.max(s.start(), o.start());
                int between = 0;
                for (RelationFeatures.Arg m : args) {
                    if (m.start() >= lo && m.end() <= hi) {
                        between++;
                    }
                }
                out.add(new Candidate(i, j, RelationFeatures.extract(tokens, g, s, o, between, inTitle, inTitle)));
            }
        }
        return out;
    }
}
