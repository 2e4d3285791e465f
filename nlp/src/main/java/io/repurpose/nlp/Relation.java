package io.repurpose.nlp;

import java.util.List;
import java.util.Objects;

/**
 * A typed relation between two mentions, with its evidence. Most join two mentions of one sentence; a relation
 * decided at document level (the pair model) may join mentions of different sentences, and then the subject's
 * sentence is the evidence sentence.
 *
 * @param type       relation type
 * @param subject    the drug (TREATS, CAUSES, TARGETS) or gene (ASSOCIATED_WITH)
 * @param object     the disease or gene
 * @param confidence classifier probability, in [0,1]
 * @param triggers   trigger words on the dependency path (e.g. "induced", "inhibits")
 * @param negated    true when the statement is negated or hypothetical: kept as evidence, never positive
 */
public record Relation(RelationType type, Mention subject, Mention object, double confidence, List<String> triggers,
                       boolean negated) {
    public Relation {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(object, "object");
        if (subject.type() != type.subjectType() || object.type() != type.objectType()) {
            throw new IllegalArgumentException(type + " joins " + type.subjectType() + " to " + type.objectType()
                    + ", not " + subject.type() + " to " + object.type());
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence outside [0,1]: " + confidence);
        }
        triggers = triggers == null ? List.of() : List.copyOf(triggers);
    }

    /** The evidence sentence: the one both mentions stand in, or the subject's for a cross-sentence relation. */
    public int sentenceIndex() {
        return subject.sentenceIndex();
    }
}
