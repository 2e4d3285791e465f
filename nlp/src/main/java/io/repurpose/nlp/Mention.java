package io.repurpose.nlp;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An entity mention, normalised where the lexicon allows.
 *
 * @param type          entity type
 * @param text          the mention as written
 * @param start         character offset in the document text
 * @param end           character offset just past the mention
 * @param sentenceIndex the sentence holding it
 * @param identifier    normalised id in Hetionet's space ({@code DB00843}, {@code DOID:10652}, {@code 2625}),
 *                      or null when the mention could not be normalised
 * @param name          the preferred name of {@code identifier}, or null
 * @param xrefs         cross-references, e.g. {@code MESH -> D003924}, {@code UMLS -> C0011860}
 * @param confidence    confidence of detection and normalisation, in [0,1]
 * @param flags         context: negated, hypothetical, historical, family history
 */
public record Mention(EntityType type, String text, int start, int end, int sentenceIndex, String identifier,
                      String name, Map<String, String> xrefs, double confidence, Set<ContextFlag> flags) {
    public Mention {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(text, "text");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad mention span " + start + ".." + end + " for '" + text + "'");
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence outside [0,1]: " + confidence);
        }
        xrefs = xrefs == null ? Map.of() : Map.copyOf(xrefs);
        flags = flags == null ? Set.of() : Set.copyOf(flags);
    }

    /** True when the mention is asserted: neither negated nor hypothetical. */
    public boolean asserted() {
        return !flags.contains(ContextFlag.NEGATED) && !flags.contains(ContextFlag.HYPOTHETICAL);
    }
}
