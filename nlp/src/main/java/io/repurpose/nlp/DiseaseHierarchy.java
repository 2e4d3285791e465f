package io.repurpose.nlp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code is_a} hierarchy of the Disease Ontology (the 2016 release the lexicon reads), for one pair feature: the
 * CID annotation links a chemical to the most specific disease an abstract names, so a disease that is an ancestor
 * of another disease of the same document ("hepatitis" beside "cholestatic hepatitis") is less often the gold one.
 */
final class DiseaseHierarchy {

    static final DiseaseHierarchy EMPTY = new DiseaseHierarchy(Map.of());

    private final Map<String, List<String>> parents;

    private DiseaseHierarchy(Map<String, List<String>> parents) {
        this.parents = parents;
    }

    /** Reads {@code lexicons/diseases/doid_2016-09-01.obo} under the shared data; empty when it is absent. */
    static DiseaseHierarchy load(Path sharedData) {
        Path obo = sharedData.resolve("lexicons/diseases/doid_2016-09-01.obo");
        if (!Files.exists(obo)) {
            return EMPTY;
        }
        Map<String, List<String>> parents = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(obo, StandardCharsets.UTF_8)) {
            String line;
            String id = null;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("[")) {
                    id = null;
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4).trim();
                } else if (id != null && line.startsWith("is_a: ")) {
                    String p = line.substring(6).trim();
                    int sp = p.indexOf(' ');
                    parents.computeIfAbsent(id, k -> new ArrayList<>()).add(sp > 0 ? p.substring(0, sp) : p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + obo, e);
        }
        return new DiseaseHierarchy(parents);
    }

    /** Builds a hierarchy from child → parents (tests). */
    static DiseaseHierarchy of(Map<String, List<String>> parents) {
        return new DiseaseHierarchy(Map.copyOf(parents));
    }

    /** True when {@code ancestor} is a strict ancestor of {@code id} (both DOIDs). */
    boolean isAncestor(String ancestor, String id) {
        if (ancestor == null || id == null || ancestor.equals(id)) {
            return false;
        }
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(parents.getOrDefault(id, List.of()));
        while (!todo.isEmpty()) {
            String p = todo.pop();
            if (p.equals(ancestor)) {
                return true;
            }
            if (seen.add(p)) {
                todo.addAll(parents.getOrDefault(p, List.of()));
            }
        }
        return false;
    }
}
