package io.repurpose.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.repurpose.graph.GraphStore;
import jakarta.inject.Singleton;

/**
 * Literature evidence written by the ingest module:
 * {@code (:Document)-[:HAS_EVIDENCE]->(:Evidence {pairKey: TYPE|subject|object})-[:SUBJECT|OBJECT]->(entity)}.
 * Pairs are looked up through the {@code evidence_pair} index; identifiers only ever travel as parameters.
 */
@Singleton
@Requires(beans = GraphStore.class)
class EvidenceRepository {

    /**
     * One evidence sentence.
     *
     * @param documentId   source document ({@code PMID:...}, {@code note:...})
     * @param title        document title
     * @param year         publication year
     * @param type         relation type (TREATS, CAUSES, TARGETS, ASSOCIATED_WITH)
     * @param subject      subject identifier
     * @param object       object identifier
     * @param subjectText  the subject as written
     * @param objectText   the object as written
     * @param sentence     the sentence
     * @param confidence   extractor confidence
     * @param negated      negated or hypothetical (does not count towards literature edges)
     * @param flags        context flags (negation, speculation...)
     */
    @Serdeable
    record Evidence(String documentId, @Nullable String title, @Nullable Long year, String type, String subject,
                    String object, @Nullable String subjectText, @Nullable String objectText,
                    @Nullable String sentence, @Nullable Double confidence, boolean negated,
                    @Nullable List<String> flags) {
    }

    static final String RETURN = """
            OPTIONAL MATCH (d:Document {id: e.documentId})
            WITH e, d ORDER BY e.negated ASC, e.confidence DESC, e.year DESC, e.id
            WITH collect({documentId: e.documentId, title: d.title, year: e.year, type: e.type, subject: e.subject,
                          object: e.object, subjectText: e.subjectText, objectText: e.objectText,
                          sentence: e.sentence, confidence: e.confidence, negated: e.negated, flags: e.flags}) AS hits
            RETURN size(hits) AS total, hits[$offset..($offset + $limit)] AS items""";

    static final String BY_PAIRS = "UNWIND $keys AS key MATCH (e:Evidence {pairKey: key}) WITH DISTINCT e " + RETURN;

    static final String BY_ENTITY = """
            CALL { %s }
            MATCH (n)<-[:SUBJECT|OBJECT]-(e:Evidence)
            WITH DISTINCT e
            """ + RETURN;

    /** Top evidence per pair key, many keys in one round trip (explanations). */
    static final String TOP_PER_PAIR = """
            UNWIND $keys AS key
            CALL {
              WITH key
              MATCH (e:Evidence {pairKey: key})
              OPTIONAL MATCH (d:Document {id: e.documentId})
              WITH e, d ORDER BY e.negated ASC, e.confidence DESC, e.year DESC, e.id LIMIT $per
              RETURN collect({documentId: e.documentId, title: d.title, year: e.year, type: e.type,
                              subject: e.subject, object: e.object, subjectText: e.subjectText,
                              objectText: e.objectText, sentence: e.sentence, confidence: e.confidence,
                              negated: e.negated, flags: e.flags}) AS items
            }
            RETURN key, items""";

    /**
     * The compounds and diseases that some evidence names: ingest links every {@code Evidence} to both of its
     * entities, so a pair has direct evidence only if both are in this set.
     */
    static final String NAMED = "MATCH (n:Compound|Disease) WHERE EXISTS { (n)<-[:SUBJECT|OBJECT]-(:Evidence) } "
            + "RETURN n.identifier AS id";

    /** {@link #NAMED} as read for one graph signature. */
    private record Named(GraphChanges.Signature signature, Set<String> ids) {
    }

    /**
     * {@link #topPerPair} answers read for one graph signature and one {@code per}: a pair's evidence only changes
     * with an ingest, which changes the signature. Explanations of different pairs share literature edges (a
     * gene–disease edge lies on many compounds' paths), so most of their evidence reads are answered here.
     */
    private record PairTops(GraphChanges.Signature signature, int per, Map<String, List<Evidence>> tops) {
    }

    /** Pair keys kept per signature at most; beyond that, pairs are read but not kept. */
    static final int PAIR_TOPS_MAX = 200_000;

    private final GraphGuard graph;
    private final GraphChanges changes;
    private volatile Named named;
    private volatile PairTops pairTops;

    EvidenceRepository(GraphGuard graph, GraphChanges changes) {
        this.graph = graph;
        this.changes = changes;
    }

    /**
     * Whether the graph may hold evidence between this compound and disease: false only when, as of the last
     * change check ({@link GraphChanges}), no evidence names one of them, so that explanations of such pairs
     * skip the round trip. The set is re-read once per new signature; true before the first check.
     */
    boolean mayLink(String drug, String disease) {
        GraphChanges.Signature s = changes.last();
        if (s == null) {
            return true;
        }
        Named n = named;
        if (n == null || !s.equals(n.signature())) {
            n = named(s);
        }
        return n.ids().contains(drug) && n.ids().contains(disease);
    }

    /** Read after the signature was taken, so the set is never older than the signature it is kept for. */
    private synchronized Named named(GraphChanges.Signature s) {
        Named n = named;
        if (n == null || !s.equals(n.signature())) {
            Set<String> ids = new HashSet<>();
            for (Map<String, Object> row : graph.read(NAMED, Map.of())) {
                ids.add((String) row.get("id"));
            }
            n = new Named(s, ids);
            named = n;
        }
        return n;
    }

    /** The pair keys between the given entities, in the directions the relation types have. */
    static List<String> pairKeys(@Nullable String drug, @Nullable String disease, @Nullable String gene) {
        List<String> keys = new ArrayList<>();
        if (drug != null && disease != null) {
            keys.add("TREATS|" + drug + "|" + disease);
            keys.add("CAUSES|" + drug + "|" + disease);
        }
        if (drug != null && gene != null) {
            keys.add("TARGETS|" + drug + "|" + gene);
        }
        if (gene != null && disease != null) {
            keys.add("ASSOCIATED_WITH|" + gene + "|" + disease);
        }
        return keys;
    }

    /** Evidence between at least two of the entities, or involving the one given. */
    Page<Evidence> find(@Nullable String drug, @Nullable String disease, @Nullable String gene, int limit,
                        int offset) {
        List<String> keys = pairKeys(drug, disease, gene);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("limit", limit);
        params.put("offset", offset);
        List<Map<String, Object>> rows;
        if (!keys.isEmpty()) {
            params.put("keys", keys);
            rows = graph.read(BY_PAIRS, params);
        } else {
            String label = drug != null ? "Compound" : disease != null ? "Disease" : "Gene";
            params.put("id", drug != null ? drug : disease != null ? disease : gene);
            rows = graph.read(String.format(BY_ENTITY, "MATCH (n:" + label + " {identifier: $id}) RETURN n"), params);
        }
        return page(rows, limit, offset);
    }

    /**
     * The best {@code per} sentences for each pair key ({@code TYPE|subject|object}): the keys not yet read for
     * the last graph signature in one query, the rest from memory (see {@link PairTops}). Keys without evidence
     * are left out.
     */
    Map<String, List<Evidence>> topPerPair(List<String> keys, int per) {
        Map<String, List<Evidence>> out = new LinkedHashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        Map<String, List<Evidence>> kept = kept(per);
        List<String> missing = kept == null ? keys : keys.stream().filter(k -> !kept.containsKey(k)).toList();
        Map<String, List<Evidence>> read = new HashMap<>();
        if (!missing.isEmpty()) {
            for (Map<String, Object> row : graph.read(TOP_PER_PAIR, Map.of("keys", missing, "per", per))) {
                read.put((String) row.get("key"), List.copyOf(evidence((List<?>) row.get("items"))));
            }
            if (kept != null && kept.size() < PAIR_TOPS_MAX) {
                missing.forEach(k -> kept.put(k, read.getOrDefault(k, List.of())));
            }
        }
        for (String k : keys) {
            List<Evidence> e = read.get(k);
            if (e == null && kept != null) {
                e = kept.get(k);
            }
            if (e != null && !e.isEmpty()) {
                out.put(k, e);
            }
        }
        return out;
    }

    /** The answers kept for the last graph signature and this {@code per}; null before the first change check. */
    @Nullable
    private Map<String, List<Evidence>> kept(int per) {
        GraphChanges.Signature s = changes.last();
        if (s == null) {
            return null;
        }
        PairTops p = pairTops;
        if (p == null || !s.equals(p.signature()) || p.per() != per) {
            p = new PairTops(s, per, new ConcurrentHashMap<>());
            pairTops = p;
        }
        return p.tops();
    }

    private static Page<Evidence> page(List<Map<String, Object>> rows, int limit, int offset) {
        if (rows.isEmpty()) {
            return new Page<>(List.of(), 0, limit, offset);
        }
        Map<String, Object> row = rows.get(0);
        return new Page<>(evidence((List<?>) row.get("items")), ((Number) row.get("total")).longValue(), limit,
                offset);
    }

    private static List<Evidence> evidence(List<?> maps) {
        List<Evidence> items = new ArrayList<>();
        for (Object o : maps) {
            Map<?, ?> m = (Map<?, ?>) o;
            items.add(new Evidence((String) m.get("documentId"), (String) m.get("title"),
                    m.get("year") == null ? null : ((Number) m.get("year")).longValue(), (String) m.get("type"),
                    String.valueOf(m.get("subject")), String.valueOf(m.get("object")), (String) m.get("subjectText"),
                    (String) m.get("objectText"), (String) m.get("sentence"),
                    m.get("confidence") == null ? null : ((Number) m.get("confidence")).doubleValue(),
                    Boolean.TRUE.equals(m.get("negated")),
                    m.get("flags") == null ? null : ((List<?>) m.get("flags")).stream().map(String::valueOf).toList()));
        }
        return items;
    }
}
