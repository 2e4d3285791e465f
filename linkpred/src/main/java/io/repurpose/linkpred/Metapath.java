package io.repurpose.linkpred;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.repurpose.graph.NodeKind;

/**
 * A metapath: a sequence of typed steps between node kinds, e.g. {@code CbGaD} = Compound –BINDS→ Gene
 * ←ASSOCIATES– Disease. Steps name their relationship type and node kinds, not graph objects, so one
 * metapath applies to every variant of a graph (e.g. a fold with edges removed).
 *
 * @param name  Hetionet-style abbreviation
 * @param steps the steps, first from the source kind
 */
record Metapath(String name, List<Step> steps) {

    Metapath {
        Objects.requireNonNull(name, "name");
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a metapath needs at least one step: " + name);
        }
    }

    int length() {
        return steps.size();
    }

    boolean uses(String type) {
        return steps.stream().anyMatch(s -> s.type().equals(type));
    }

    /**
     * One step along an edge type.
     *
     * @param type    relationship type
     * @param source  the edge type's source kind label (as stored)
     * @param target  the edge type's target kind label (as stored)
     * @param forward whether the step walks source→target (symmetric types: always true)
     * @param label   the abbreviation between the two kinds ({@code b}, {@code r>}, {@code <r})
     */
    record Step(String type, String source, String target, boolean forward, String label) {
        String from() {
            return forward ? source : target;
        }

        String to() {
            return forward ? target : source;
        }

        HetGraph.EdgeType edgeType(HetGraph g) {
            int s = g.kinds.indexOf(source);
            int t = g.kinds.indexOf(target);
            for (HetGraph.EdgeType e : g.edgeTypes) {
                if (e.type.equals(type) && e.source == s && e.target == t) {
                    return e;
                }
            }
            return null;
        }
    }

    static String kindAbbreviation(String label) {
        return NodeKind.parse(label).map(NodeKind::abbreviation).orElse(label);
    }

    /** Every metapath of length min..max from {@code fromKind} to {@code toKind} over the graph's edge types. */
    static List<Metapath> enumerate(HetGraph g, String fromKind, String toKind, int min, int max) {
        List<Step> steps = new ArrayList<>();
        for (HetGraph.EdgeType e : g.edgeTypes) {
            if (e.size() == 0) {
                continue;
            }
            String s = g.kinds.get(e.source);
            String t = g.kinds.get(e.target);
            String middle = middle(e.abbreviation, s, t);
            steps.add(new Step(e.type, s, t, true, middle));
            if (!e.symmetric) {
                String back = middle.contains(">") ? "<" + middle.replace(">", "") : middle;
                steps.add(new Step(e.type, s, t, false, back));
            }
        }
        List<Metapath> out = new ArrayList<>();
        extend(fromKind, toKind, min, max, new ArrayList<>(), steps, out);
        return out;
    }

    private static String middle(String abbreviation, String sourceLabel, String targetLabel) {
        String sa = kindAbbreviation(sourceLabel);
        String ta = kindAbbreviation(targetLabel);
        if (abbreviation.startsWith(sa) && abbreviation.endsWith(ta) && abbreviation.length() > sa.length() + ta.length()) {
            return abbreviation.substring(sa.length(), abbreviation.length() - ta.length());
        }
        return abbreviation; // literature and other non-Hetionet types: -TYPE-
    }

    private static void extend(String at, String toKind, int min, int max, List<Step> path, List<Step> steps,
                               List<Metapath> out) {
        if (path.size() >= min && at.equals(toKind)) {
            StringBuilder name = new StringBuilder(kindAbbreviation(path.get(0).from()));
            for (Step s : path) {
                name.append(s.label()).append(kindAbbreviation(s.to()));
            }
            out.add(new Metapath(name.toString(), path));
        }
        if (path.size() == max) {
            return;
        }
        for (Step s : steps) {
            if (s.from().equals(at)) {
                path.add(s);
                extend(s.to(), toKind, min, max, path, steps, out);
                path.remove(path.size() - 1);
            }
        }
    }
}
