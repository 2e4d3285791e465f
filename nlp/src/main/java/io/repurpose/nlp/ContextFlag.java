package io.repurpose.nlp;

/** NegEx/ConText context of a mention. A NEGATED or HYPOTHETICAL mention never yields a positive relation. */
public enum ContextFlag {
    NEGATED, HYPOTHETICAL, HISTORICAL, FAMILY
}
