/**
 * Text to normalised entities and typed relations with their evidence: a CoreNLP pipeline with a
 * lexicon-backed mention annotator, a Lucene index of names and synonyms for normalisation, NegEx/ConText
 * style context flags, and a Tribuo relation classifier. Knows nothing about the graph.
 * The public entry is {@link io.repurpose.nlp.TextAnnotator}; results are records.
 */
package io.repurpose.nlp;
