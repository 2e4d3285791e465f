package io.repurpose.api;

import java.util.List;

import io.repurpose.nlp.AnnotatedDocument;
import io.repurpose.nlp.EntityType;
import io.repurpose.nlp.TextAnnotator;

/**
 * A fast stand-in for the CoreNLP annotator in API tests (configured by class name as
 * repurpose.ingest.annotator, hence public with a no-argument constructor): a {@link DictionaryAnnotator}
 * where "metformin" is DB00331 and "type 2 diabetes" is DOID:9352; a sentence holding both and "treat" is a
 * TREATS relation, negated when it says "not".
 */
public final class KeywordAnnotator implements TextAnnotator {
    private final DictionaryAnnotator dictionary = new DictionaryAnnotator(List.of(
            new DictionaryAnnotator.Term(EntityType.CHEMICAL, "DB00331", "Metformin", "metformin"),
            new DictionaryAnnotator.Term(EntityType.DISEASE, "DOID:9352", "type 2 diabetes mellitus",
                    "type 2 diabetes")),
            "keyword-test-1");

    @Override
    public AnnotatedDocument annotate(String documentId, String text) {
        return dictionary.annotate(documentId, text);
    }

    @Override
    public String modelVersion() {
        return dictionary.modelVersion();
    }
}
