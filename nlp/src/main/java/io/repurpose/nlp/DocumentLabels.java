package io.repurpose.nlp;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Document-level features for the second CRF pass (session 10, {@link AnnotatorOptions#crfStack}): for each token, what
 * the first pass labelled the same word at its <em>other</em> positions in the document — the "token majority" feature
 * of Krishnan &amp; Manning (ACL 2006), fed to a second CRF as stacking. A token whose word stands nowhere else gets
 * {@link #ALONE}; otherwise the majority first-pass label of the other positions ({@code C}hemical, {@code D}isease,
 * {@code O}ther, {@code X} on a tie), with {@code !} when they all agree and {@code ~} when they do not.
 * Words are compared as written, except that a capital followed by lower case only is folded ("Lidocaine" =
 * "lidocaine", but "NO" ≠ "no"). Tokens without a letter or digit get {@link #ALONE}.
 */
final class DocumentLabels {

    /** The feature of a token whose word has no other position in the document. */
    static final String ALONE = "N";

    private DocumentLabels() {
    }

    /**
     * The feature per token of each sentence; {@code words} and {@code labels} (the first pass's per-token answers:
     * {@link CrfTagger#CHEM}, {@link CrfTagger#DIS}, anything else is O) have the same shape.
     */
    static List<String[]> of(List<List<String>> words, List<String[]> labels) {
        if (words.size() != labels.size()) {
            throw new IllegalArgumentException("words of " + words.size() + " sentences, labels of " + labels.size());
        }
        Map<String, int[]> counts = new HashMap<>();
        for (int s = 0; s < words.size(); s++) {
            List<String> w = words.get(s);
            if (w.size() != labels.get(s).length) {
                throw new IllegalArgumentException("sentence " + s + ": " + w.size() + " words, "
                        + labels.get(s).length + " labels");
            }
            for (int i = 0; i < w.size(); i++) {
                String k = key(w.get(i));
                if (k != null) {
                    counts.computeIfAbsent(k, x -> new int[3])[index(labels.get(s)[i])]++;
                }
            }
        }
        List<String[]> out = new java.util.ArrayList<>(words.size());
        for (int s = 0; s < words.size(); s++) {
            List<String> w = words.get(s);
            String[] f = new String[w.size()];
            for (int i = 0; i < w.size(); i++) {
                String k = key(w.get(i));
                if (k == null) {
                    f[i] = ALONE;
                    continue;
                }
                int[] c = counts.get(k).clone();
                c[index(labels.get(s)[i])]--; // the other positions only
                f[i] = feature(c);
            }
            out.add(f);
        }
        return out;
    }

    /** The feature from label counts (chemical, disease, other) of the other positions. */
    static String feature(int[] c) {
        int total = c[0] + c[1] + c[2];
        if (total == 0) {
            return ALONE;
        }
        int best = 0;
        for (int j = 1; j < 3; j++) {
            if (c[j] > c[best]) {
                best = j;
            }
        }
        int ties = 0;
        for (int j = 0; j < 3; j++) {
            ties += c[j] == c[best] ? 1 : 0;
        }
        String label = ties > 1 ? "X" : "CDO".substring(best, best + 1);
        return label + (c[best] == total ? "!" : "~");
    }

    private static int index(String label) {
        String type = CrfTagger.type(label);
        return CrfTagger.CHEM.equals(type) ? 0 : CrfTagger.DIS.equals(type) ? 1 : 2;
    }

    /** The comparison key of a word, or null for a token without a letter or digit. */
    static String key(String word) {
        boolean content = false;
        for (int i = 0; i < word.length() && !content; i++) {
            content = Character.isLetterOrDigit(word.charAt(i));
        }
        if (!content) {
            return null;
        }
        if (word.length() > 1 && Character.isUpperCase(word.charAt(0))
                && word.substring(1).chars().noneMatch(Character::isUpperCase)) {
            return word.toLowerCase(java.util.Locale.ROOT);
        }
        return word;
    }
}
