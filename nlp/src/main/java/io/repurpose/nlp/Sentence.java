package io.repurpose.nlp;

import java.util.Objects;

/**
 * A sentence of a document.
 *
 * @param index position in the document, from 0
 * @param start character offset of its first character in the document text
 * @param end   character offset just past its last character
 * @param text  the sentence text, {@code documentText.substring(start, end)}
 */
public record Sentence(int index, int start, int end, String text) {
    public Sentence {
        Objects.requireNonNull(text, "text");
        if (index < 0 || start < 0 || end < start) {
            throw new IllegalArgumentException("bad sentence span: index " + index + ", " + start + ".." + end);
        }
    }
}
