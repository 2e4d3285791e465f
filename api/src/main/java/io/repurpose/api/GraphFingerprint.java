package io.repurpose.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.repurpose.graph.GraphStore;
import io.repurpose.linkpred.LinkPredConfig;

/**
 * What a link-prediction model was trained on, cheaply: the number of nodes per label and relationships
 * per type (Neo4j's count store, no scan; {@code PREDICTS_*}, the model's own output, left out), the
 * loaded Hetionet files' SHA-256 and the ingestion ledger (files and the last completion). {@code start}
 * retrains only when this differs from the one saved next to the model ({@value #FILE}).
 */
final class GraphFingerprint {
    static final String FILE = "graph-fingerprint.txt";

    private GraphFingerprint() {
    }

    /** The fingerprint of the graph as it is now: one {@code key value} line each, sorted. */
    static String of(GraphStore store) {
        Map<String, Object> lines = new TreeMap<>();
        for (Map<String, Object> row : store.read("CALL db.labels() YIELD label RETURN label", Map.of())) {
            String label = (String) row.get("label");
            lines.put("nodes " + label, count(store, "MATCH (n:`" + label.replace("`", "``") + "`) RETURN count(n) AS n"));
        }
        for (Map<String, Object> row : store.read("CALL db.relationshipTypes() YIELD relationshipType AS t RETURN t",
                Map.of())) {
            String type = (String) row.get("t");
            if (!type.startsWith(LinkPredConfig.PREDICTS_PREFIX)) {
                lines.put("relationships " + type,
                        count(store, "MATCH ()-[r:`" + type.replace("`", "``") + "`]->() RETURN count(r) AS n"));
            }
        }
        List<Map<String, Object>> sources = store.read(
                "MATCH (d:DataSource) RETURN d.name AS name, d.sha256 AS sha ORDER BY name", Map.of());
        for (Map<String, Object> s : sources) {
            lines.put("source " + s.get("name"), s.get("sha"));
        }
        List<Map<String, Object>> ledger = store.read(
                "MATCH (f:IngestFile) RETURN count(f) AS files, max(f.completedAt) AS last", Map.of());
        if (!ledger.isEmpty()) {
            lines.put("ledger", ledger.get(0).get("files") + " files, last " + ledger.get(0).get("last"));
        }
        StringBuilder sb = new StringBuilder();
        lines.forEach((k, v) -> sb.append(k).append(' ').append(v).append('\n'));
        return sb.toString();
    }

    private static long count(GraphStore store, String cypher) {
        return ((Number) store.read(cypher, Map.of()).get(0).get("n")).longValue();
    }

    /** The fingerprint saved with the model in {@code modelDirectory}, or null. */
    static String saved(Path modelDirectory) {
        Path f = modelDirectory.resolve(FILE);
        try {
            return Files.isRegularFile(f) ? Files.readString(f, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Saves {@code fingerprint} with the model. */
    static void save(Path modelDirectory, String fingerprint) {
        try {
            Files.createDirectories(modelDirectory);
            Files.writeString(modelDirectory.resolve(FILE), fingerprint, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + modelDirectory.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }
}
