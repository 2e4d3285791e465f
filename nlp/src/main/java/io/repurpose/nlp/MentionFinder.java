package io.repurpose.nlp;

import edu.stanford.nlp.ling.CoreLabel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Lexicon-backed mention detection over CoreNLP tokens: longest exact match of normalised token spans
 * (chemicals, diseases, gene full names), and gene symbols matched case-sensitively with a stop list and a
 * context rule for short all-letter symbols (CAT, SET, ALL: a gene word must stand in the sentence).
 */
final class MentionFinder {

    /** A token span [start, end) with its resolution. */
    record Span(int start, int end, Lexicon.Resolution resolution) {
    }

    static final int MAX_SPAN_TOKENS = 8;

    private static final Set<String> GENE_CONTEXT = Set.of("gene", "genes", "protein", "proteins", "expression",
            "expressed", "mrna", "receptor", "receptors", "mutation", "mutations", "kinase", "polymorphism",
            "polymorphisms", "allele", "alleles", "variant", "variants", "promoter", "transcription", "enzyme",
            "knockout", "deficient", "encoding", "encodes", "isoform", "antibody", "upregulated", "downregulated",
            "genotype", "locus", "sirna", "inhibitor", "signaling", "pathway", "activity");

    private final Lexicon lexicon;

    MentionFinder(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    Lexicon lexicon() {
        return lexicon;
    }

    static String tokenKey(CoreLabel t) {
        return Lexicon.key(t.word());
    }

    /** Longest-match dictionary spans of chemicals, diseases and gene names, left to right, no overlaps. */
    List<Span> dictionary(List<CoreLabel> tokens, Set<Lexicon.Source> excluded) {
        return dictionary(keys(tokens), excluded);
    }

    /** The normalised key of every token (compute once when matching twice). */
    static String[] keys(List<CoreLabel> tokens) {
        String[] keys = new String[tokens.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = tokenKey(tokens.get(i));
        }
        return keys;
    }

    /** As {@link #dictionary(List, Set)} over the tokens' precomputed {@link #keys}; entries of excluded sources are ignored. */
    List<Span> dictionary(String[] keys, Set<Lexicon.Source> excluded) {
        int n = keys.length;
        List<Span> out = new ArrayList<>();
        int i = 0;
        while (i < n) {
            if (keys[i].isEmpty()) {
                i++;
                continue;
            }
            Span found = null;
            int maxEnd = Math.min(n, i + MAX_SPAN_TOKENS);
            StringBuilder b = new StringBuilder();
            String[] prefixes = new String[maxEnd - i];
            for (int j = i; j < maxEnd; j++) {
                if (!keys[j].isEmpty()) {
                    if (b.length() > 0) {
                        b.append(' ');
                    }
                    b.append(keys[j]);
                }
                prefixes[j - i] = b.toString();
            }
            for (int j = maxEnd; j > i; j--) {
                if (keys[j - 1].isEmpty()) {
                    continue;
                }
                String k = prefixes[j - i - 1];
                if (j - i == 1 && (k.length() < 3 || lexicon.isStopWord(k) || k.chars().allMatch(Character::isDigit))) {
                    continue;
                }
                Lexicon.Resolution r = lexicon.exact(k, null, excluded);
                if (r != null && !(r.type() == EntityType.GENE && j - i == 1)) {
                    found = new Span(i, j, r);
                    break;
                }
            }
            if (found != null) {
                out.add(found);
                i = found.end();
            } else {
                i++;
            }
        }
        return out;
    }

    /**
     * True when some span's key is held by an entry of the source: without any, a longest match that leaves that
     * source out finds exactly the same spans and resolutions (so a second pass can be skipped).
     */
    boolean touches(String[] keys, List<Span> spans, Lexicon.Source source) {
        for (Span sp : spans) {
            StringBuilder b = new StringBuilder();
            for (int i = sp.start(); i < sp.end(); i++) {
                if (!keys[i].isEmpty()) {
                    if (b.length() > 0) {
                        b.append(' ');
                    }
                    b.append(keys[i]);
                }
            }
            if (lexicon.holds(b.toString(), source)) {
                return true;
            }
        }
        return false;
    }

    /** Gene symbols (IL-2, TP53, BRCA1), skipping tokens already covered. */
    List<Span> geneSymbols(List<CoreLabel> tokens, boolean[] covered) {
        List<Span> out = new ArrayList<>();
        boolean context = false;
        for (CoreLabel t : tokens) {
            if (GENE_CONTEXT.contains(t.word().toLowerCase(Locale.ROOT))) {
                context = true;
                break;
            }
        }
        int n = tokens.size();
        for (int i = 0; i < n; i++) {
            if (covered[i]) {
                continue;
            }
            String w = tokens.get(i).word();
            // "IL - 2" is split by the tokenizer: try the joined forms first
            if (i + 2 < n && !covered[i + 1] && !covered[i + 2] && tokens.get(i + 1).word().equals("-")
                    && tokens.get(i + 1).beginPosition() == tokens.get(i).endPosition()
                    && tokens.get(i + 2).beginPosition() == tokens.get(i + 1).endPosition()) {
                String joined = w + "-" + tokens.get(i + 2).word();
                Lexicon.Resolution r = lexicon.gene(joined);
                if (r == null) {
                    r = lexicon.gene(w + tokens.get(i + 2).word());
                }
                if (r != null && acceptable(joined, context)) {
                    out.add(new Span(i, i + 3, r));
                    i += 2;
                    continue;
                }
            }
            Lexicon.Resolution r = lexicon.gene(w);
            if (r != null && acceptable(w, context)) {
                out.add(new Span(i, i + 1, r));
            }
        }
        return out;
    }

    private boolean acceptable(String symbol, boolean context) {
        if (symbol.length() < 3 || lexicon.isStopWord(symbol)) {
            return false;
        }
        boolean hasUpper = symbol.chars().anyMatch(Character::isUpperCase);
        if (!hasUpper) {
            return false; // lower-case words are English far more often than gene synonyms
        }
        boolean hasDigit = symbol.chars().anyMatch(Character::isDigit);
        boolean allLetters = symbol.chars().allMatch(Character::isLetter);
        if (allLetters && symbol.length() <= 4) {
            return context; // CAT, SET, MAP, NIS: need a gene word in the sentence
        }
        return hasDigit || symbol.length() >= 3;
    }
}
