package io.repurpose.ingest;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A document as read from a source, before NLP.
 *
 * @param id       document id, unique across sources: {@code PMID:17942999}, {@code note:42}
 * @param source   {@code pubmed}, {@code pubtator}, {@code note}, {@code text} or the caller's name
 * @param title    title or short description, may be empty
 * @param text     the text the annotator sees (title and abstract, or the note); offsets refer to it
 * @param year     publication year, or null
 * @param journal  journal title, or null
 * @param mesh     MeSH descriptor names (MEDLINE), may be empty
 * @param metadata further small string fields stored on the Document node (e.g. specialty); never
 *                 patient identifiers
 */
public record SourceDocument(String id, String source, String title, String text, Integer year, String journal,
                             List<String> mesh, Map<String, String> metadata) {
    public SourceDocument {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("document id is blank");
        }
        Objects.requireNonNull(source, "source");
        title = title == null ? "" : title;
        text = text == null ? "" : text;
        mesh = mesh == null ? List.of() : List.copyOf(mesh);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** A document with only an id, a source and text. */
    public static SourceDocument of(String id, String source, String text) {
        return new SourceDocument(id, source, "", text, null, null, List.of(), Map.of());
    }
}
