package io.repurpose.nlp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * NegEx/ConText context of mentions: Chapman et al., "A simple algorithm for identifying negated findings and
 * diseases in discharge summaries", J Biomed Inform 2001; Harkema et al., "ConText", J Biomed Inform 2009.
 * NegEx triggers come from the shared list (pre/post negation, possible, pseudo, conjunctions); hypothetical,
 * historical and family triggers are ConText's. A trigger's scope runs forward (pre-triggers) or backward
 * (post-triggers) over at most {@value #MAX_SCOPE} tokens and stops at a conjunction ("but", "however",
 * "secondary to"...), at another trigger, or at ; and : — never past the sentence.
 */
final class ContextDetector {

    static final int MAX_SCOPE = 8;

    enum Kind { PRE_NEG, POST_NEG, PRE_POSSIBLE, POST_POSSIBLE, PSEUDO, TERMINATOR, HYPOTHETICAL, HISTORICAL, FAMILY }

    private static final String[][] CONTEXT_TRIGGERS = {
            {"if", "HYPOTHETICAL"}, {"in case", "HYPOTHETICAL"}, {"return if", "HYPOTHETICAL"},
            {"should", "HYPOTHETICAL"}, {"should he", "HYPOTHETICAL"}, {"should she", "HYPOTHETICAL"},
            {"as needed", "HYPOTHETICAL"}, {"in the event of", "HYPOTHETICAL"}, {"would", "HYPOTHETICAL"},
            {"history of", "HISTORICAL"}, {"previous", "HISTORICAL"}, {"previously", "HISTORICAL"},
            {"prior", "HISTORICAL"}, {"past medical history", "HISTORICAL"}, {"status post", "HISTORICAL"},
            {"in the past", "HISTORICAL"}, {"had been", "HISTORICAL"},
            {"family history", "FAMILY"}, {"family history of", "FAMILY"}, {"mother", "FAMILY"}, {"father", "FAMILY"},
            {"sister", "FAMILY"}, {"brother", "FAMILY"}, {"maternal", "FAMILY"}, {"paternal", "FAMILY"},
            {"grandmother", "FAMILY"}, {"grandfather", "FAMILY"}, {"aunt", "FAMILY"}, {"uncle", "FAMILY"},
            {"sibling", "FAMILY"}, {"siblings", "FAMILY"}, {"parents", "FAMILY"},
            {";", "TERMINATOR"}, {":", "TERMINATOR"}, {"which", "TERMINATOR"}, {"who", "TERMINATOR"},
    };

    private record Trigger(String[] words, Kind kind) {
    }

    private record Match(int start, int end, Kind kind) {
    }

    /** Triggers by first word, longest first. */
    private final Map<String, List<Trigger>> byFirst;

    private ContextDetector(Map<String, List<Trigger>> byFirst) {
        this.byFirst = byFirst;
    }

    static ContextDetector load(Path negexTriggers) {
        Map<String, List<Trigger>> m = new HashMap<>();
        try {
            for (String line : Files.readAllLines(negexTriggers, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t");
                if (f.length < 2) {
                    continue;
                }
                String tag = f[f.length - 1].trim();
                Kind k = switch (tag) {
                    case "[PREN]" -> Kind.PRE_NEG;
                    case "[POST]" -> Kind.POST_NEG;
                    case "[PREP]" -> Kind.PRE_POSSIBLE;
                    case "[POSP]" -> Kind.POST_POSSIBLE;
                    case "[PSEU]" -> Kind.PSEUDO;
                    case "[CONJ]" -> Kind.TERMINATOR;
                    default -> null;
                };
                if (k != null) {
                    add(m, f[0], k);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read NegEx triggers " + negexTriggers, e);
        }
        for (String[] t : CONTEXT_TRIGGERS) {
            add(m, t[0], Kind.valueOf(t[1]));
        }
        m.values().forEach(l -> l.sort((a, b) -> b.words().length - a.words().length));
        return new ContextDetector(m);
    }

    private static void add(Map<String, List<Trigger>> m, String phrase, Kind k) {
        String[] w = phrase.trim().toLowerCase(Locale.ROOT).replace("'", " '").split("\\s+");
        if (w.length == 0 || w[0].isEmpty()) {
            return;
        }
        m.computeIfAbsent(w[0], x -> new ArrayList<>()).add(new Trigger(w, k));
    }

    /** Context flags of each token of a sentence, given its words. */
    @SuppressWarnings("unchecked")
    Set<ContextFlag>[] flags(List<String> words) {
        int n = words.size();
        String[] lw = new String[n];
        for (int i = 0; i < n; i++) {
            lw[i] = words.get(i).toLowerCase(Locale.ROOT);
        }
        List<Match> matches = new ArrayList<>();
        int i = 0;
        while (i < n) {
            Match found = null;
            List<Trigger> cands = byFirst.get(lw[i]);
            if (cands != null) {
                for (Trigger t : cands) {
                    if (i + t.words().length <= n && matchesAt(lw, i, t.words())) {
                        found = new Match(i, i + t.words().length, t.kind());
                        break;
                    }
                }
            }
            if (found != null) {
                matches.add(found);
                i = found.end();
            } else {
                i++;
            }
        }
        boolean[] stop = new boolean[n];
        for (Match m : matches) {
            for (int j = m.start(); j < m.end(); j++) {
                stop[j] = true;
            }
        }
        Set<ContextFlag>[] out = new Set[n];
        for (int j = 0; j < n; j++) {
            out[j] = EnumSet.noneOf(ContextFlag.class);
        }
        for (Match m : matches) {
            ContextFlag flag = switch (m.kind()) {
                case PRE_NEG, POST_NEG -> ContextFlag.NEGATED;
                case PRE_POSSIBLE, POST_POSSIBLE, HYPOTHETICAL -> ContextFlag.HYPOTHETICAL;
                case HISTORICAL -> ContextFlag.HISTORICAL;
                case FAMILY -> ContextFlag.FAMILY;
                default -> null;
            };
            if (flag == null) {
                continue;
            }
            boolean backward = m.kind() == Kind.POST_NEG || m.kind() == Kind.POST_POSSIBLE;
            if (backward) {
                for (int j = m.start() - 1, c = 0; j >= 0 && c < MAX_SCOPE && !stop[j] && !isHardStop(lw[j]); j--, c++) {
                    out[j].add(flag);
                }
            } else {
                for (int j = m.end(), c = 0; j < n && c < MAX_SCOPE && !stop[j] && !isHardStop(lw[j]); j++, c++) {
                    out[j].add(flag);
                }
            }
        }
        return out;
    }

    private static boolean isHardStop(String w) {
        return w.equals(".") || w.equals(";") || w.equals(":") || w.equals("!") || w.equals("?");
    }

    private static boolean matchesAt(String[] lw, int i, String[] words) {
        for (int k = 0; k < words.length; k++) {
            if (!lw[i + k].equals(words[k])) {
                return false;
            }
        }
        return true;
    }
}
