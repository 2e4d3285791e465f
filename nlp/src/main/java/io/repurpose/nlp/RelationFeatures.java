package io.repurpose.nlp;

import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.ling.IndexedWord;
import edu.stanford.nlp.semgraph.SemanticGraph;
import edu.stanford.nlp.semgraph.SemanticGraphEdge;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Features of a candidate pair of mentions in one sentence: the shortest dependency path between their head
 * tokens (lemmas, relations, directions), lemmas between and around the mentions, trigger lemmas, distance.
 */
final class RelationFeatures {

    /** Words that signal a relation; those on the dependency path are reported as a relation's triggers. */
    static final Set<String> TRIGGERS = Set.of("induce", "cause", "treat", "treatment", "therapy", "associate",
            "association", "inhibit", "inhibitor", "inhibition", "bind", "binding", "activate", "activation", "toxicity",
            "toxic", "effect", "prevent", "reduce", "increase", "decrease", "attenuate", "protect", "develop",
            "risk", "mutation", "relieve", "improve", "block", "antagonist", "agonist", "produce", "result", "lead",
            "link", "correlate", "expression", "regulate", "suppress", "enhance", "response", "resistance",
            "after", "following", "during", "due", "overdose", "cure", "efficacy", "against", "trigger");

    /** A mention in token indices [start, end) with its type. */
    record Arg(int start, int end, EntityType type) {
    }

    /** The features and the trigger words found on the path. */
    record Result(List<String> features, List<String> triggers) {
    }

    private RelationFeatures() {
    }

    static Result extract(List<CoreLabel> tokens, SemanticGraph graph, Arg subj, Arg obj, int mentionsBetween,
                          boolean subjInTitle, boolean objInTitle) {
        Set<String> f = new LinkedHashSet<>();
        List<String> triggers = new ArrayList<>();
        String pair = subj.type() + ">" + obj.type();
        f.add("pair=" + pair);
        boolean subjFirst = subj.start() < obj.start();
        f.add("order=" + (subjFirst ? "SO" : "OS"));
        Arg first = subjFirst ? subj : obj;
        Arg second = subjFirst ? obj : subj;
        int gap = Math.max(0, second.start() - first.end());
        f.add("gap=" + bucket(gap));
        f.add("between=" + Math.min(mentionsBetween, 3));
        if (subjInTitle) {
            f.add("subjTitle");
        }
        if (objInTitle) {
            f.add("objTitle");
        }
        if (gap <= 15) {
            for (int i = first.end(); i < second.start(); i++) {
                String l = lemma(tokens.get(i));
                f.add("bw=" + l);
                f.add(pair + ":bw=" + l);
            }
            if (gap <= 4) {
                StringBuilder b = new StringBuilder();
                for (int i = first.end(); i < second.start(); i++) {
                    b.append(lemma(tokens.get(i))).append('_');
                }
                f.add("bwseq=" + b);
            }
        }
        for (int k = 1; k <= 2; k++) {
            f.add("l" + k + "=" + (first.start() - k >= 0 ? lemma(tokens.get(first.start() - k)) : "<s>"));
            f.add("r" + k + "=" + (second.end() - 1 + k < tokens.size() ? lemma(tokens.get(second.end() - 1 + k)) : "</s>"));
        }
        for (CoreLabel t : tokens) {
            String l = lemma(t);
            if (TRIGGERS.contains(l)) {
                f.add("strig=" + l);
            }
        }
        if (graph != null) {
            IndexedWord a = head(graph, subj);
            IndexedWord b = head(graph, obj);
            if (a != null && b != null && !a.equals(b)) {
                List<SemanticGraphEdge> edges = graph.getShortestUndirectedPathEdges(a, b);
                List<IndexedWord> nodes = graph.getShortestUndirectedPathNodes(a, b);
                if (edges != null && nodes != null) {
                    f.add("dplen=" + bucket(edges.size()));
                    StringBuilder path = new StringBuilder();
                    IndexedWord cur = a;
                    for (int i = 0; i < edges.size(); i++) {
                        SemanticGraphEdge e = edges.get(i);
                        boolean up = e.getDependent().equals(cur);
                        String rel = e.getRelation().getShortName();
                        path.append(up ? "<" : ">").append(rel);
                        f.add("dprel=" + (up ? "<" : ">") + rel);
                        cur = up ? e.getGovernor() : e.getDependent();
                        if (i < edges.size() - 1) {
                            String l = lemma(cur.backingLabel());
                            path.append(':').append(l);
                            f.add("dpl=" + l);
                            f.add(pair + ":dpl=" + l);
                            if (TRIGGERS.contains(l) || (cur.tag() != null && cur.tag().startsWith("VB"))) {
                                triggers.add(cur.word());
                            }
                        }
                    }
                    if (edges.size() <= 6) {
                        f.add("dp=" + path);
                        f.add(pair + ":dp=" + path);
                    }
                }
            }
        } else {
            f.add("noparse");
        }
        if (triggers.isEmpty()) {
            for (int i = first.end(); i < second.start() && i < tokens.size(); i++) {
                if (TRIGGERS.contains(lemma(tokens.get(i)))) {
                    triggers.add(tokens.get(i).word());
                }
            }
        }
        return new Result(List.copyOf(f), List.copyOf(triggers));
    }

    /** The features that need no parse (drops the dependency-path ones and the "noparse" marker). */
    static List<String> surface(List<String> features) {
        List<String> out = new ArrayList<>(features.size());
        for (String f : features) {
            if (!(f.startsWith("dp") || f.contains(":dp") || f.equals("noparse"))) {
                out.add(f);
            }
        }
        return out;
    }

    /** Head of a span: its token whose governor lies outside the span (the last such), else its last token. */
    private static IndexedWord head(SemanticGraph g, Arg span) {
        IndexedWord best = null;
        for (int i = span.start(); i < span.end(); i++) {
            IndexedWord w = g.getNodeByIndexSafe(i + 1);
            if (w == null) {
                continue;
            }
            IndexedWord gov = g.getParent(w);
            if (gov == null || gov.index() - 1 < span.start() || gov.index() - 1 >= span.end()) {
                best = w;
            }
        }
        return best != null ? best : g.getNodeByIndexSafe(span.end());
    }

    static String lemma(CoreLabel t) {
        String l = t.lemma();
        return (l == null ? t.word() : l).toLowerCase(Locale.ROOT);
    }

    private static String bucket(int n) {
        if (n <= 2) {
            return Integer.toString(n);
        }
        if (n <= 5) {
            return "3-5";
        }
        if (n <= 10) {
            return "6-10";
        }
        return n <= 20 ? "11-20" : ">20";
    }
}
