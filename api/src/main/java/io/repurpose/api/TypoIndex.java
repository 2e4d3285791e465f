package io.repurpose.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The words of an index and, for each, every string left after deleting up to {@value #MAX_EDITS} of its
 * characters (hashed): the words within an edit distance of a typed word are found by deleting up to as
 * many characters from it and looking the results up (two strings within distance k always have a
 * common string k deletions or fewer away from each), then checking the distance of each candidate. This
 * replaces Lucene's fuzzy matching, which builds a Levenshtein automaton per typed word (about 3 ms of
 * CPU for a 2-edit word against Hetionet's 30,000 words; a lookup here takes microseconds), with the
 * same matches: the optimal-string-alignment distance (a transposition is one edit), as Lucene's
 * {@code FuzzyQuery} with transpositions measures it.
 *
 * <p>Immutable and safe for concurrent use. Words longer than {@value #MAX_WORD} characters are not
 * indexed for typos (nor looked up): a name's word is rarely that long, and their deletion variants grow
 * quadratically.
 */
final class TypoIndex {
    static final int MAX_EDITS = 2;
    static final int MAX_WORD = 48;
    private static final int ID_BITS = 24;
    private static final long ID_MASK = (1L << ID_BITS) - 1;
    /** Between the hash and the id: how many characters the variant lacks (0..2). */
    private static final int DEPTH_BITS = 2;
    private static final int HASH_SHIFT = ID_BITS + DEPTH_BITS;

    /** A word of the index and its distance from the typed word. */
    record Match(String word, int edits) {
    }

    /** Sorted, distinct. */
    private final String[] words;
    /**
     * hash of a deletion variant (38 bits) | how many characters were deleted (2 bits) | index into
     * {@link #words} (24 bits); sorted, distinct.
     */
    private final long[] keys;

    private TypoIndex(String[] words, long[] keys) {
        this.words = words;
        this.keys = keys;
    }

    /** Indexes {@code words} (duplicates are ignored). */
    static TypoIndex of(Collection<String> words) {
        String[] sorted = words.stream().distinct().sorted().toArray(String[]::new);
        if (sorted.length > ID_MASK) {
            throw new IllegalArgumentException("too many words for the typo index: " + sorted.length);
        }
        long[] keys = new long[16];
        int n = 0;
        for (int id = 0; id < sorted.length; id++) {
            String w = sorted[id];
            if (w.length() > MAX_WORD) {
                continue;
            }
            long[] hashes = variants(w, MAX_EDITS);
            if (n + hashes.length > keys.length) {
                keys = Arrays.copyOf(keys, Math.max(keys.length * 2, n + hashes.length));
            }
            for (int v = 0; v < hashes.length; v++) {
                keys[n++] = hashes[v] << HASH_SHIFT | (long) depth(v, w.length()) << ID_BITS | id;
            }
        }
        keys = Arrays.copyOf(keys, n);
        Arrays.sort(keys);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || keys[i] != keys[distinct - 1]) {
                keys[distinct++] = keys[i];
            }
        }
        return new TypoIndex(sorted, Arrays.copyOf(keys, distinct));
    }

    /** How many words the index holds. */
    int size() {
        return words.length;
    }

    /** Whether {@code word} is one of the index's words. */
    boolean contains(String word) {
        return Arrays.binarySearch(words, word) >= 0;
    }

    /**
     * The words within {@code maxEdits} (0..{@value #MAX_EDITS}) of {@code typed}, closest first (then by
     * boost as Lucene gives it, then alphabetically), at most {@code max}.
     */
    List<Match> near(String typed, int maxEdits, int max) {
        if (maxEdits < 0 || maxEdits > MAX_EDITS) {
            throw new IllegalArgumentException("maxEdits must be 0.." + MAX_EDITS + ", got " + maxEdits);
        }
        if (typed.length() > MAX_WORD) {
            return List.of();
        }
        int[] candidates = new int[16];
        int n = 0;
        for (long h : variants(typed, maxEdits)) {
            // a word within maxEdits lost at most maxEdits characters on the way to a shared variant
            long from = h << HASH_SHIFT;
            long to = from | (long) maxEdits << ID_BITS | ID_MASK;
            for (int i = lowerBound(from); i < keys.length && keys[i] <= to; i++) {
                int id = (int) (keys[i] & ID_MASK);
                if (Math.abs(words[id].length() - typed.length()) <= maxEdits) {
                    if (n == candidates.length) {
                        candidates = Arrays.copyOf(candidates, n * 2);
                    }
                    candidates[n++] = id;
                }
            }
        }
        Arrays.sort(candidates, 0, n);
        List<Match> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i > 0 && candidates[i] == candidates[i - 1]) {
                continue;
            }
            String w = words[candidates[i]];
            int d = distance(typed, w, maxEdits);
            if (d <= maxEdits) {
                out.add(new Match(w, d));
            }
        }
        out.sort(Comparator.comparingDouble((Match m) -> -boost(typed, m)).thenComparing(Match::word));
        return out.size() > max ? List.copyOf(out.subList(0, max)) : out;
    }

    /** Lucene's fuzzy boost: 1 - edits / the shorter length. */
    static float boost(String typed, Match m) {
        return m.edits() == 0 ? 1f : 1f - (float) m.edits() / Math.min(typed.length(), m.word().length());
    }

    private int lowerBound(long key) {
        int lo = 0;
        int hi = keys.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (keys[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Hashes (38 bits) of {@code w} with every choice of 0..{@code edits} (at most 2) characters deleted:
     * first {@code w} itself, then the {@code w.length()} single deletions, then the pairs.
     */
    static long[] variants(String w, int edits) {
        int len = w.length();
        int count = 1 + (edits >= 1 ? len : 0) + (edits >= 2 ? len * (len - 1) / 2 : 0);
        long[] out = new long[count];
        int n = 0;
        out[n++] = hash(w, -1, -1);
        if (edits >= 1) {
            for (int i = 0; i < len; i++) {
                out[n++] = hash(w, i, -1);
            }
        }
        if (edits >= 2) {
            for (int i = 0; i < len; i++) {
                for (int j = i + 1; j < len; j++) {
                    out[n++] = hash(w, i, j);
                }
            }
        }
        return out;
    }

    /** How many characters the {@code v}-th of {@link #variants} of a word of length {@code len} lacks. */
    private static int depth(int v, int len) {
        return v == 0 ? 0 : v <= len ? 1 : 2;
    }

    /** FNV-1a over the characters of {@code w} but those at {@code skip1} and {@code skip2}, mixed; 38 bits. */
    private static long hash(String w, int skip1, int skip2) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < w.length(); i++) {
            if (i != skip1 && i != skip2) {
                h = (h ^ w.charAt(i)) * 0x100000001b3L;
            }
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h >>> HASH_SHIFT;
    }

    /**
     * The optimal-string-alignment distance of {@code a} and {@code b} (insertions, deletions,
     * substitutions and transpositions of adjacent characters, each 1), or {@code bound + 1} once it is
     * certain to exceed {@code bound}.
     */
    static int distance(String a, String b, int bound) {
        int n = a.length();
        int m = b.length();
        if (Math.abs(n - m) > bound) {
            return bound + 1;
        }
        int[] before = new int[m + 1];
        int[] prev = new int[m + 1];
        int[] cur = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            cur[0] = i;
            int rowMin = i;
            char ca = a.charAt(i - 1);
            for (int j = 1; j <= m; j++) {
                char cb = b.charAt(j - 1);
                int d = Math.min(prev[j - 1] + (ca == cb ? 0 : 1), Math.min(prev[j] + 1, cur[j - 1] + 1));
                if (i > 1 && j > 1 && ca == b.charAt(j - 2) && a.charAt(i - 2) == cb) {
                    d = Math.min(d, before[j - 2] + 1);
                }
                cur[j] = d;
                rowMin = Math.min(rowMin, d);
            }
            if (rowMin > bound) {
                return bound + 1;
            }
            int[] t = before;
            before = prev;
            prev = cur;
            cur = t;
        }
        return Math.min(prev[m], bound + 1);
    }
}
