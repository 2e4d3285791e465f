package io.repurpose.nlp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Session 9: sentence features for the pair families that no sentence-level model scores (gene–gene,
 * chemical–chemical): the closest co-occurring mention pair of the two entities — how many words and other
 * mentions stand between them, interaction words between them ("binding of X to Y", "X activates Y"), a bare
 * list ("X, Y and Z") or a bracket/slash ("X (Y)", "X/Y"), "X-induced"/"X-mediated" right after one of them, and how
 * crowded the sentence is with mentions of the same type. Every feature carries the family prefix, so the other
 * families' features are untouched. Without these the pair model accepted nearly every co-occurring gene pair
 * (session 8: 2 true against 233 false gene–gene pairs on dev).
 */
final class ClosePairFeatures {

    /** Word prefixes that state an interaction when they stand between (or right after) the two mentions. */
    static final List<String> INTERACTION_PREFIXES = List.of("bind", "bound", "interact", "complex", "associat",
            "activat", "inhibit", "phosphorylat", "regulat", "upregulat", "downregulat", "induc", "mediat", "depend",
            "stimulat", "suppress", "block", "express", "increas", "decreas", "reduc", "enhanc", "target", "recruit",
            "cleav", "degrad", "ubiquitin", "antagon", "agonist", "ligand", "receptor", "promot", "signal", "partner",
            "dimer", "heterodimer", "correlat", "level", "secret", "releas", "via", "through", "caus", "lead", "abolish",
            "attenuat", "prevent", "requir", "modulat", "contribut", "affect", "control", "transactivat");

    /** Tokens that make a bare list or a name variant when they alone stand between two mentions. */
    private static final Set<String> LIST_TOKENS = Set.of(",", "and", "or", "/", "-", "(", ")", "[", "]", ";", "as",
            "well", "nor", "both", "either");

    private ClosePairFeatures() {
    }

    /** The features of a pair of two entities, from the sentences that hold a mention of each. */
    static List<String> of(PairFeatures.Entity a, PairFeatures.Entity b, List<PairFeatures.SentenceTokens> words,
                           List<Mention> all) {
        String fam = a.type() + ">" + b.type() + ":";
        Set<String> f = new LinkedHashSet<>();
        int bestGap = Integer.MAX_VALUE;
        int[] best = null; // sentence, left start, left end, right start, right end (token indices)
        for (Mention x : a.mentions()) {
            for (Mention y : b.mentions()) {
                if (x.sentenceIndex() != y.sentenceIndex() || x.sentenceIndex() >= words.size()) {
                    continue;
                }
                PairFeatures.SentenceTokens st = words.get(x.sentenceIndex());
                Mention l = x.start() <= y.start() ? x : y;
                Mention r = l == x ? y : x;
                int ls = tokenAt(st, l.start());
                int le = Math.max(ls + 1, tokenAt(st, l.end()));
                int rs = tokenAt(st, r.start());
                int re = Math.max(rs + 1, tokenAt(st, r.end()));
                int gap = Math.max(0, rs - le);
                if (gap < bestGap) {
                    bestGap = gap;
                    best = new int[] {x.sentenceIndex(), ls, le, rs, re};
                }
            }
        }
        if (best == null) {
            f.add(fam + "noSentence");
            return List.copyOf(f);
        }
        int si = best[0];
        List<String> ws = words.get(si).words();
        f.add(fam + "gap=" + bucket(bestGap));
        int others = 0;
        int sameType = 0;
        for (Mention m : all) {
            if (m.sentenceIndex() != si) {
                continue;
            }
            sameType += m.type() == a.type() || m.type() == b.type() ? 1 : 0;
            int ms = tokenAt(words.get(si), m.start());
            if (ms >= best[2] && ms < best[3]) {
                others++;
            }
        }
        f.add(fam + "others=" + Math.min(others, 2));
        f.add(fam + "crowd=" + (sameType <= 2 ? "2" : sameType == 3 ? "3" : sameType <= 5 ? "4-5" : "6+"));
        boolean listOnly = true;
        List<String> between = new ArrayList<>();
        for (int k = best[2]; k < Math.min(best[3], ws.size()); k++) {
            String w = ws.get(k).toLowerCase(Locale.ROOT);
            between.add(w);
            if (!LIST_TOKENS.contains(w) && !insideMention(all, si, words.get(si), k)) {
                listOnly = false;
            }
        }
        if (!between.isEmpty() && listOnly) {
            f.add(fam + "listOnly");
        }
        if (between.size() == 1) {
            f.add(fam + "single=" + between.get(0));
        }
        if (bestGap <= 20) {
            for (String w : between) {
                String t = trigger(w);
                if (t != null) {
                    f.add(fam + "bt=" + t);
                }
            }
        }
        for (int end : new int[] {best[2], best[4]}) { // "X-induced", "X-mediated", "X binds"
            for (int k = end; k < Math.min(ws.size(), end + 2); k++) {
                String w = ws.get(k).toLowerCase(Locale.ROOT);
                if (w.equals("-")) {
                    continue;
                }
                String t = trigger(w);
                if (t != null) {
                    f.add(fam + "next=" + t);
                }
                break;
            }
        }
        if (best[1] > 0) { // "binding of X to Y", "between X and Y", "interaction of X with Y"
            String prev = ws.get(best[1] - 1).toLowerCase(Locale.ROOT);
            if (prev.equals("of") || prev.equals("between") || prev.equals("with")) {
                f.add(fam + "prev=" + prev);
                if (best[1] > 1) {
                    String t = trigger(ws.get(best[1] - 2).toLowerCase(Locale.ROOT));
                    if (t != null) {
                        f.add(fam + "nounOf=" + t);
                    }
                }
            }
        }
        return List.copyOf(f);
    }

    static String trigger(String lowerWord) {
        for (String t : INTERACTION_PREFIXES) {
            if (lowerWord.startsWith(t)) {
                return t;
            }
        }
        return null;
    }

    private static String bucket(int gap) {
        return gap == 0 ? "0" : gap <= 2 ? "1-2" : gap <= 5 ? "3-5" : gap <= 10 ? "6-10" : gap <= 20 ? "11-20" : "21+";
    }

    /** The index of the first token that begins at or after the offset. */
    private static int tokenAt(PairFeatures.SentenceTokens st, int offset) {
        for (int i = 0; i < st.begin().length; i++) {
            if (st.begin()[i] >= offset) {
                return i;
            }
        }
        return st.begin().length;
    }

    private static boolean insideMention(List<Mention> all, int si, PairFeatures.SentenceTokens st, int token) {
        int off = st.begin()[token];
        for (Mention m : all) {
            if (m.sentenceIndex() == si && off >= m.start() && off < m.end()) {
                return true;
            }
        }
        return false;
    }
}
