/**
 * Ingestion: reads PubMed/MEDLINE XML, PubTator text, clinical-note CSV and plain text, runs the
 * {@link io.repurpose.nlp.TextAnnotator} on a bounded worker pool, and writes documents, evidence and
 * aggregate literature edges to Neo4j through {@link io.repurpose.graph.GraphStore} with one writer,
 * batched transactions keyed by document, and a ledger of ingested files and content hashes.
 * The public entry is {@link io.repurpose.ingest.IngestPipeline}; configuration is
 * {@link io.repurpose.ingest.IngestConfig}; results are {@link io.repurpose.ingest.IngestReport} records.
 * The command line is {@link io.repurpose.ingest.IngestCli}. Graph model: see ingest/README.md.
 */
package io.repurpose.ingest;
