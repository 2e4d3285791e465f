package io.repurpose.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.repurpose.graph.GraphStore;
import io.repurpose.graph.GraphStore.Statement;
import io.repurpose.nlp.AnnotatedDocument;
import io.repurpose.nlp.EntityType;
import io.repurpose.nlp.Mention;
import io.repurpose.nlp.Relation;
import io.repurpose.nlp.RelationType;
import io.repurpose.nlp.Sentence;

/**
 * The graph model of documents and their evidence, and the Cypher that writes it (see README):
 * {@code (:Document)-[:HAS_EVIDENCE]->(:Evidence)-[:SUBJECT|OBJECT]->(entity)} and one aggregate
 * {@code LITERATURE_<TYPE>} relationship per entity pair, recomputed from the pair's evidence whenever a
 * document that touches the pair is written or revised. One batch is one transaction.
 */
final class EvidenceGraph {

    static final List<String> SCHEMA = List.of(
            "CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE",
            "CREATE CONSTRAINT evidence_id IF NOT EXISTS FOR (e:Evidence) REQUIRE e.id IS UNIQUE",
            "CREATE INDEX evidence_pair IF NOT EXISTS FOR (e:Evidence) ON (e.pairKey)",
            "CREATE INDEX evidence_document IF NOT EXISTS FOR (e:Evidence) ON (e.documentId)",
            "CREATE CONSTRAINT ingest_file_path IF NOT EXISTS FOR (f:IngestFile) REQUIRE f.path IS UNIQUE");

    static final String AWAIT_INDEXES = "CALL db.awaitIndexes(300)";

    /** Which of these document ids are in the graph, with their content hash. */
    static final String LOOKUP_HASHES =
            "UNWIND $ids AS id MATCH (d:Document {id: id}) RETURN d.id AS id, d.hash AS hash";

    /** The entity pairs an existing document contributed to, so they can be recomputed when it changes. */
    static final String LOOKUP_PAIRS =
            "UNWIND $ids AS id MATCH (d:Document {id: id}) RETURN d.id AS id, d.pairs AS pairs";

    static final String DELETE_EVIDENCE =
            "UNWIND $ids AS id MATCH (e:Evidence {documentId: id}) DETACH DELETE e";

    static final String DELETE_DOCUMENTS =
            "UNWIND $ids AS id MATCH (d:Document {id: id}) DETACH DELETE d";

    static final String UPSERT_DOCUMENTS =
            "UNWIND $docs AS doc MERGE (d:Document {id: doc.id}) SET d = doc";

    static final String LEDGER_LOOKUP =
            "MATCH (f:IngestFile {path: $path}) RETURN f.hash AS hash, f.status AS status";

    static final String LEDGER_WRITE = "MERGE (f:IngestFile {path: $path}) "
            + "SET f.hash = $hash, f.size = $size, f.status = $status, f.documents = $documents, "
            + "f.errors = $errors, f.jobId = $jobId, f.completedAt = $completedAt";

    static String mergeEntities(String label) {
        return "UNWIND $entities AS x MERGE (n:" + label + " {identifier: x.identifier}) "
                + "ON CREATE SET n.name = x.name, n.createdBy = 'ingest'";
    }

    static String createEvidence(RelationType type) {
        return "UNWIND $evidence AS e "
                + "MATCH (d:Document {id: e.documentId}) "
                + "MATCH (s:" + label(type.subjectType()) + " {identifier: e.subject}) "
                + "MATCH (o:" + label(type.objectType()) + " {identifier: e.object}) "
                + "CREATE (x:Evidence) SET x = e "
                + "CREATE (d)-[:HAS_EVIDENCE]->(x) CREATE (x)-[:SUBJECT]->(s) CREATE (x)-[:OBJECT]->(o)";
    }

    /**
     * Recomputes the aggregate edge of each pair from its evidence: asserted evidence only; the edge is
     * deleted when no asserted evidence is left.
     */
    static String recompute(RelationType type) {
        String rel = relationshipType(type);
        return "UNWIND $pairs AS p "
                + "MATCH (s:" + label(type.subjectType()) + " {identifier: p.subject}) "
                + "MATCH (o:" + label(type.objectType()) + " {identifier: p.object}) "
                + "OPTIONAL MATCH (e:Evidence {pairKey: p.key}) WHERE e.negated = false "
                + "WITH s, o, p, count(e) AS n, min(e.year) AS firstYear, max(e.year) AS lastYear, "
                + "max(e.confidence) AS maxConfidence, collect(DISTINCT e.documentId) AS docs "
                + "OPTIONAL MATCH (e2:Evidence {pairKey: p.key}) WHERE e2.negated = true "
                + "WITH s, o, n, firstYear, lastYear, maxConfidence, docs, count(e2) AS negated "
                + "OPTIONAL MATCH (s)-[old:" + rel + "]->(o) "
                + "FOREACH (_ IN CASE WHEN n = 0 AND old IS NOT NULL THEN [1] ELSE [] END | DELETE old) "
                + "FOREACH (_ IN CASE WHEN n > 0 THEN [1] ELSE [] END | "
                + "  MERGE (s)-[r:" + rel + "]->(o) "
                + "  SET r.evidenceCount = n, r.negatedCount = negated, r.firstYear = firstYear, "
                + "      r.lastYear = lastYear, r.maxConfidence = maxConfidence, r.documentIds = docs, "
                + "      r.documentCount = size(docs), r.source = 'literature')";
    }

    static String relationshipType(RelationType type) {
        return "LITERATURE_" + type.name();
    }

    static String label(EntityType type) {
        return switch (type) {
            case CHEMICAL -> "Compound";
            case DISEASE -> "Disease";
            case GENE -> "Gene";
            case VARIANT -> "Variant";
        };
    }

    static String pairKey(RelationType type, String subject, String object) {
        return type.name() + "|" + subject + "|" + object;
    }

    /**
     * One document ready to write.
     *
     * @param mayExist false only when the document was known to be absent from the graph when it was read
     *                 and no other version of it came earlier in the job: then it has no old evidence to
     *                 look up
     */
    record Prepared(SourceDocument doc, String hash, String file, String position, AnnotatedDocument annotated,
                    boolean mayExist) {
    }

    /** What a written batch contained. */
    record BatchCounts(long documents, long evidence, long positive, long negated, long unlinked) {
    }

    private final GraphStore store;

    EvidenceGraph(GraphStore store) {
        this.store = store;
    }

    void ensureSchema() {
        for (String s : SCHEMA) {
            store.write(s, Map.of());
        }
        store.read(AWAIT_INDEXES, Map.of());
    }

    /** Existing content hashes of these ids. */
    Map<String, String> hashes(List<String> ids) {
        Map<String, String> out = new HashMap<>();
        for (Map<String, Object> row : store.read(LOOKUP_HASHES, Map.of("ids", ids))) {
            out.put((String) row.get("id"), (String) row.get("hash"));
        }
        return out;
    }

    /**
     * Writes a batch of documents in one transaction: replaces each document's evidence, merges the
     * entities it mentions, and recomputes the aggregate edges of every pair it touched before or touches
     * now. The caller runs one writer, so the pairs read before the transaction cannot change under it.
     */
    BatchCounts write(List<Prepared> batch, String jobId) {
        // a document repeated in one batch: the last version wins
        Map<String, Prepared> byId = new LinkedHashMap<>();
        for (Prepared p : batch) {
            byId.remove(p.doc().id());
            byId.put(p.doc().id(), p);
        }
        List<String> ids = new ArrayList<>(byId.keySet());
        Map<RelationType, Map<String, Map<String, Object>>> pairs = new EnumMap<>(RelationType.class);
        List<String> maybeExisting = byId.values().stream().filter(Prepared::mayExist).map(p -> p.doc().id()).toList();
        List<Map<String, Object>> oldPairs = maybeExisting.isEmpty() ? List.of()
                : store.read(LOOKUP_PAIRS, Map.of("ids", maybeExisting));
        for (Map<String, Object> row : oldPairs) {
            Object old = row.get("pairs");
            if (old instanceof List<?> list) {
                for (Object k : list) {
                    addPair(pairs, (String) k);
                }
            }
        }
        Map<EntityType, Map<String, Map<String, Object>>> entities = new EnumMap<>(EntityType.class);
        Map<RelationType, List<Map<String, Object>>> evidence = new EnumMap<>(RelationType.class);
        List<Map<String, Object>> docs = new ArrayList<>();
        long ev = 0;
        long pos = 0;
        long neg = 0;
        long unlinked = 0;
        String now = Instant.now().toString();
        for (Prepared p : byId.values()) {
            SourceDocument d = p.doc();
            AnnotatedDocument a = p.annotated();
            Set<String> docPairs = new LinkedHashSet<>();
            int n = 0;
            for (Relation r : a.relations()) {
                Mention s = r.subject();
                Mention o = r.object();
                // a sequence variant (nlp session 9) has no node in the graph, and its tmVar id holds the '|' of pair keys
                if (s.identifier() == null || o.identifier() == null
                        || s.type() == EntityType.VARIANT || o.type() == EntityType.VARIANT) {
                    unlinked++;
                    continue;
                }
                entity(entities, s);
                entity(entities, o);
                boolean negated = r.negated() || !s.asserted() || !o.asserted();
                String key = pairKey(r.type(), s.identifier(), o.identifier());
                docPairs.add(key);
                Sentence sentence = r.sentenceIndex() < a.sentences().size()
                        ? a.sentences().get(r.sentenceIndex()) : null;
                Map<String, Object> e = new HashMap<>();
                e.put("id", d.id() + "#" + n++);
                e.put("documentId", d.id());
                e.put("type", r.type().name());
                e.put("pairKey", key);
                e.put("subject", s.identifier());
                e.put("object", o.identifier());
                e.put("subjectText", s.text());
                e.put("objectText", o.text());
                e.put("subjectStart", s.start());
                e.put("subjectEnd", s.end());
                e.put("objectStart", o.start());
                e.put("objectEnd", o.end());
                e.put("sentenceIndex", r.sentenceIndex());
                if (sentence != null) {
                    e.put("sentence", sentence.text());
                    e.put("sentenceStart", sentence.start());
                    e.put("sentenceEnd", sentence.end());
                }
                e.put("confidence", r.confidence());
                e.put("negated", negated);
                List<String> flags = new ArrayList<>();
                s.flags().forEach(f -> flags.add("subject:" + f.name()));
                o.flags().forEach(f -> flags.add("object:" + f.name()));
                flags.sort(null);
                e.put("flags", flags);
                e.put("triggers", r.triggers());
                e.put("source", d.source());
                e.put("modelVersion", a.modelVersion());
                if (d.year() != null) {
                    e.put("year", d.year());
                }
                evidence.computeIfAbsent(r.type(), t -> new ArrayList<>()).add(e);
                ev++;
                if (negated) {
                    neg++;
                } else {
                    pos++;
                }
            }
            for (String k : docPairs) {
                addPair(pairs, k);
            }
            Map<String, Object> props = new HashMap<>();
            d.metadata().forEach(props::put);
            props.put("id", d.id());
            props.put("source", d.source());
            props.put("title", d.title());
            if (d.year() != null) {
                props.put("year", d.year());
            }
            if (d.journal() != null) {
                props.put("journal", d.journal());
            }
            if (!d.mesh().isEmpty()) {
                props.put("mesh", d.mesh());
            }
            props.put("hash", p.hash());
            props.put("file", p.file());
            props.put("position", p.position());
            props.put("modelVersion", a.modelVersion());
            props.put("textLength", d.text().length());
            props.put("evidenceCount", n);
            props.put("pairs", new ArrayList<>(docPairs));
            props.put("ingestedAt", now);
            props.put("jobId", jobId);
            docs.add(props);
        }
        List<Statement> statements = new ArrayList<>();
        if (!maybeExisting.isEmpty()) {
            statements.add(new Statement(DELETE_EVIDENCE, Map.of("ids", maybeExisting)));
        }
        statements.add(new Statement(UPSERT_DOCUMENTS, Map.of("docs", docs)));
        entities.forEach((type, m) -> statements.add(new Statement(mergeEntities(label(type)),
                Map.of("entities", new ArrayList<>(m.values())))));
        evidence.forEach((type, list) -> statements.add(new Statement(createEvidence(type),
                Map.of("evidence", list))));
        pairs.forEach((type, m) -> statements.add(new Statement(recompute(type),
                Map.of("pairs", new ArrayList<>(m.values())))));
        store.writeAll(statements);
        return new BatchCounts(byId.size(), ev, pos, neg, unlinked);
    }

    /**
     * Deletes documents withdrawn by their source, with their evidence, and recomputes the aggregates of the
     * pairs they touched; one transaction. Returns how many documents were there.
     */
    long delete(List<String> ids) {
        Map<RelationType, Map<String, Map<String, Object>>> pairs = new EnumMap<>(RelationType.class);
        List<Map<String, Object>> rows = store.read(LOOKUP_PAIRS, Map.of("ids", ids));
        for (Map<String, Object> row : rows) {
            if (row.get("pairs") instanceof List<?> list) {
                for (Object k : list) {
                    addPair(pairs, (String) k);
                }
            }
        }
        if (rows.isEmpty()) {
            return 0;
        }
        List<Statement> statements = new ArrayList<>();
        statements.add(new Statement(DELETE_EVIDENCE, Map.of("ids", ids)));
        statements.add(new Statement(DELETE_DOCUMENTS, Map.of("ids", ids)));
        pairs.forEach((type, m) -> statements.add(new Statement(recompute(type),
                Map.of("pairs", new ArrayList<>(m.values())))));
        store.writeAll(statements);
        return rows.size();
    }

    void recordFile(String path, String hash, long size, String status, long documents, long errors, String jobId) {
        Map<String, Object> params = new HashMap<>();
        params.put("path", path);
        params.put("hash", hash);
        params.put("size", size);
        params.put("status", status);
        params.put("documents", documents);
        params.put("errors", errors);
        params.put("jobId", jobId);
        params.put("completedAt", Instant.now().toString());
        store.write(LEDGER_WRITE, params);
    }

    /** The ledger's hash of a file path, or null. */
    String fileHash(String path) {
        List<Map<String, Object>> rows = store.read(LEDGER_LOOKUP, Map.of("path", path));
        return rows.isEmpty() ? null : (String) rows.get(0).get("hash");
    }

    private static void entity(Map<EntityType, Map<String, Map<String, Object>>> entities, Mention m) {
        entities.computeIfAbsent(m.type(), t -> new LinkedHashMap<>()).computeIfAbsent(m.identifier(), id -> {
            Map<String, Object> x = new HashMap<>();
            x.put("identifier", id);
            x.put("name", m.name() != null ? m.name() : m.text());
            return x;
        });
    }

    private static void addPair(Map<RelationType, Map<String, Map<String, Object>>> pairs, String key) {
        String[] parts = key.split("\\|", 3);
        RelationType type = RelationType.valueOf(parts[0]);
        pairs.computeIfAbsent(type, t -> new LinkedHashMap<>()).computeIfAbsent(key,
                k -> Map.of("key", k, "subject", parts[1], "object", parts[2]));
    }
}
