package io.repurpose.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.micronaut.core.annotation.Nullable;
import io.repurpose.graph.NodeKind;
import io.micronaut.context.annotation.Requires;
import io.repurpose.graph.GraphStore;
import jakarta.inject.Singleton;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Entity reads: search over names and synonyms (the in-process {@link EntityIndex}) and lookups by
 * identifier against Neo4j. All user input travels as Cypher parameters; labels in the queries come
 * from {@link NodeKind}, never from a request.
 */
@Requires(beans = GraphStore.class)
@Singleton
class EntityRepository {
    static final List<String> KINDS = Arrays.stream(NodeKind.values()).map(NodeKind::label).toList();

    /**
     * Per kind: the node by identifier (a constraint-backed index seek), then degree per type, counting
     * relationships to other entities (not the evidence plumbing: documents and evidence nodes).
     */
    static final String DETAIL = """
            CALL { %s }
            WITH n, [l IN labels(n) WHERE l IN $kinds][0] AS kind LIMIT 1
            OPTIONAL MATCH (n)-[r]-(m) WHERE any(l IN labels(m) WHERE l IN $kinds)
            WITH n, kind, type(r) AS t, count(r) AS c
            RETURN toString(n.identifier) AS id, kind, n.name AS name, n.source AS source,
                   n.synonyms AS synonyms, collect([t, c]) AS degrees""";

    static final String PREFIX = """
            CALL { %s }
            WITH n, [l IN labels(n) WHERE l IN $kinds][0] AS kind LIMIT 50
            RETURN toString(n.identifier) AS id, kind, n.name AS name""";

    private final GraphGuard graph;
    private final EntityIndex index;

    EntityRepository(GraphGuard graph, EntityIndex index) {
        this.graph = graph;
        this.index = index;
    }

    /** One page of search hits for what the user typed, best first (the in-process {@link EntityIndex}). */
    Page<EntitySummary> search(String q, @Nullable NodeKind kind, int limit, int offset) {
        return index.search().search(q, kind, limit, offset);
    }

    /** The entity {@code id} ({@code DB00331}) or {@code Kind::id} ({@code Compound::DB00331}). */
    Optional<EntityDetail> find(String id) {
        Ref ref = Ref.parse(id);
        if (ref == null) {
            return Optional.empty();
        }
        List<Map<String, Object>> rows = graph.read(String.format(DETAIL, byIdentifier(ref.kinds(), "=")),
                Map.of("id", ref.id(), "kinds", KINDS));
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> row = rows.get(0);
        Map<String, Long> degrees = new TreeMap<>();
        long total = 0;
        for (Object o : (List<?>) row.get("degrees")) {
            List<?> pair = (List<?>) o;
            if (pair.get(0) != null) {
                long c = ((Number) pair.get(1)).longValue();
                degrees.put((String) pair.get(0), c);
                total += c;
            }
        }
        Object syn = row.get("synonyms");
        List<String> synonyms = syn instanceof List<?> l ? l.stream().map(String::valueOf).toList()
                : syn == null ? null : List.of(String.valueOf(syn));
        return Optional.of(new EntityDetail((String) row.get("id"), (String) row.get("kind"),
                (String) row.get("name"), row.get("source") == null ? null : String.valueOf(row.get("source")),
                synonyms, total, degrees));
    }

    /**
     * Close matches for an unknown id: identifiers sharing the longest prefix (ranked by edit distance)
     * and names matching the text (for a name typed where an id belongs).
     */
    List<EntitySummary> suggestions(String id, int max) {
        Ref ref = Ref.parse(id);
        String bare = ref == null ? id : ref.id();
        List<NodeKind> kinds = ref == null ? List.of(NodeKind.values()) : ref.kinds();
        Set<EntitySummary> out = new LinkedHashSet<>();
        for (int cut = 1; cut <= 4 && out.isEmpty() && bare.length() - cut >= 3; cut++) {
            String prefix = bare.substring(0, bare.length() - cut);
            List<EntitySummary> hits = new ArrayList<>();
            for (Map<String, Object> r : graph.read(String.format(PREFIX, byIdentifier(kinds, "STARTS WITH")),
                    Map.of("id", prefix, "kinds", KINDS))) {
                hits.add(new EntitySummary((String) r.get("id"), (String) r.get("kind"), (String) r.get("name"),
                        null));
            }
            hits.sort(Comparator.comparingInt((EntitySummary e) -> editDistance(e.id(), bare))
                    .thenComparing(EntitySummary::id));
            hits.stream().limit(max).forEach(out::add);
        }
        if (out.size() < max && !EntitySearch.terms(bare, 1).isEmpty()) {
            search(bare, null, max, 0).items().forEach(e -> out.add(new EntitySummary(e.id(), e.type(), e.name(),
                    null)));
        }
        return out.stream().limit(max).toList();
    }

    /** {@code CALL {}} body: a UNION of one index seek per kind. Labels come from the enum only. */
    private static String byIdentifier(List<NodeKind> kinds, String op) {
        return kinds.stream().map(k -> "MATCH (n:" + k.label() + ") WHERE n.identifier " + op + " $id RETURN n")
                .collect(Collectors.joining(" UNION ALL "));
    }

    static int editDistance(String a, String b) {
        return LevenshteinDistance.getDefaultInstance().apply(a, b);
    }

    /** An id as given in a path: bare, or qualified with its kind. */
    record Ref(String id, List<NodeKind> kinds) {
        static @Nullable Ref parse(String raw) {
            int sep = raw.indexOf("::");
            if (sep < 0) {
                return raw.isEmpty() ? null : new Ref(raw, List.of(NodeKind.values()));
            }
            Optional<NodeKind> kind = NodeKind.parse(raw.substring(0, sep));
            String id = raw.substring(sep + 2);
            return kind.isEmpty() || id.isEmpty() ? null : new Ref(id, List.of(kind.get()));
        }
    }
}
