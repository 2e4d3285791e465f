package io.repurpose.nlp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Session 14, pair feature family {@code kb}: what curated knowledge (Hetionet v1.0's edges) says about a pair of
 * entities, in the manner of the BioCreative V CID systems that read CTD. A direct edge between the two ids
 * ({@code kb:CtD}: the compound treats the disease; {@code kb:DaG}: the gene is associated with the disease;
 * {@code kb:GiG}: the genes' proteins interact) and the number of two-step paths of a few metapaths
 * ({@code kb:CbG*DaG=2-4}: the compound binds 2 to 4 genes associated with the disease), as Rephetio's metapaths do;
 * {@code kb:none} when both ids are Hetionet nodes and nothing joins them, {@code kb:unmapped} when one is not.
 * Hetionet's ids are the mentions' own (DrugBank, Disease Ontology, Entrez): nothing is mapped. Hetionet is
 * independent of the corpora's splits (its indications are PharmacotherapyDB's, its gene–disease associations GWAS
 * and curated databases), so the feature reads the same in training and at run time.
 */
final class HetionetPairs {

    /** The file the shared data holds (19 of Hetionet's 24 edge types). */
    static final String EDGES = "hetionet/hetionet-v1.0-edges-19of24.sif.gz";

    /** The metaedges read: drug/disease/gene edges. Undirected ones are stored both ways. */
    private static final List<String> METAEDGES = List.of("CtD", "CpD", "CbG", "CuG", "CdG", "DaG", "DuG", "DdG",
            "GiG", "GcG", "Gr>G", "CrC", "DrD");

    private final Map<String, Integer> index;
    /** metaedge → node index → sorted neighbour indexes (source → target as Hetionet writes it). */
    private final Map<String, int[][]> out;

    private HetionetPairs(Map<String, Integer> index, Map<String, int[][]> out) {
        this.index = index;
        this.out = out;
    }

    private static final Map<Path, HetionetPairs> LOADED = new java.util.concurrent.ConcurrentHashMap<>();

    /** The edges of that shared data folder, read once per process (annotator copies share them). */
    static HetionetPairs forData(Path sharedData) {
        return LOADED.computeIfAbsent(sharedData.toAbsolutePath().normalize(), HetionetPairs::load);
    }

    /** Reads {@link #EDGES} under the shared data; a clear error when the file is missing. */
    static HetionetPairs load(Path sharedData) {
        Path file = sharedData.resolve(EDGES);
        if (!Files.exists(file)) {
            throw new IllegalStateException("pair feature family kb needs " + file + " (Hetionet edges)");
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8))) {
            List<String[]> edges = new ArrayList<>();
            String line = in.readLine(); // header
            while ((line = in.readLine()) != null) {
                int t1 = line.indexOf('\t');
                int t2 = line.indexOf('\t', t1 + 1);
                if (t1 < 0 || t2 < 0) {
                    continue;
                }
                String metaedge = line.substring(t1 + 1, t2);
                if (METAEDGES.contains(metaedge)) {
                    edges.add(new String[] {local(line.substring(0, t1)), metaedge, local(line.substring(t2 + 1))});
                }
            }
            return of(edges);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Builds the store from (source id, metaedge, target id) triples with the kind prefixes removed (tests). */
    static HetionetPairs of(List<String[]> edges) {
        Map<String, Integer> index = new HashMap<>();
        for (String[] e : edges) {
            index.putIfAbsent(e[0], index.size());
            index.putIfAbsent(e[2], index.size());
        }
        Map<String, List<int[]>> lists = new HashMap<>();
        for (String[] e : edges) {
            int s = index.get(e[0]);
            int t = index.get(e[2]);
            lists.computeIfAbsent(e[1], k -> new ArrayList<>()).add(new int[] {s, t});
            if (undirected(e[1])) {
                lists.get(e[1]).add(new int[] {t, s});
            }
        }
        Map<String, int[][]> out = new HashMap<>();
        lists.forEach((metaedge, pairs) -> {
            int[] degree = new int[index.size()];
            pairs.forEach(p -> degree[p[0]]++);
            int[][] adj = new int[index.size()][];
            for (int i = 0; i < adj.length; i++) {
                adj[i] = new int[degree[i]];
            }
            int[] fill = new int[index.size()];
            pairs.forEach(p -> adj[p[0]][fill[p[0]]++] = p[1]);
            for (int[] a : adj) {
                Arrays.sort(a);
            }
            out.put(metaedge, adj);
        });
        return new HetionetPairs(Map.copyOf(index), Map.copyOf(out));
    }

    private static boolean undirected(String metaedge) {
        return metaedge.equals("GiG") || metaedge.equals("GcG") || metaedge.equals("CrC") || metaedge.equals("DrD");
    }

    /** "Compound::DB00843" → "DB00843", "Disease::DOID:10652" → "DOID:10652". */
    private static String local(String node) {
        int k = node.indexOf("::");
        return k < 0 ? node : node.substring(k + 2);
    }

    /**
     * What is read for each pair family: {@code X} an edge of metaedge X from subject to object, {@code ~X} from object to
     * subject, {@code A*B} the two-step paths subject -A-> x <-B- object, {@code A>B} subject -A-> x -B-> object. The
     * feature is the rule without its {@code ~} (a gene–gene pair's order is the keys', not the text's).
     */
    private static final Map<String, List<String>> RULES = Map.of(
            "CHEMICAL>DISEASE", List.of("CtD", "CpD", "CbG*DaG", "CuG*DdG", "CdG*DuG", "CrC>CtD", "CtD*DrD"),
            "GENE>DISEASE", List.of("~DaG", "~DuG", "~DdG", "GiG*DaG"),
            "CHEMICAL>GENE", List.of("CbG", "CuG", "CdG", "CbG*GiG"),
            "GENE>GENE", List.of("GiG", "GcG", "Gr>G", "~Gr>G", "GiG*GiG"),
            "CHEMICAL>CHEMICAL", List.of("CrC", "CbG*CbG"),
            "DISEASE>DISEASE", List.of("DrD"));

    /** The {@code kb} features of a subject→object pair of the given types and Hetionet-space ids (null: none). */
    List<String> features(EntityType st, String s, EntityType ot, String o) {
        Integer a = s == null ? null : index.get(s);
        Integer b = o == null ? null : index.get(o);
        if (a == null || b == null) {
            return List.of("kb:unmapped");
        }
        java.util.Set<String> f = new java.util.LinkedHashSet<>();
        for (String rule : RULES.getOrDefault(st + ">" + ot, List.of())) {
            int star = rule.indexOf('*');
            int then = rule.indexOf('>', 1); // "Gr>G" is a metaedge, "CrC>CtD" a path
            if (star > 0) {
                count(f, rule, a, rule.substring(0, star), b, rule.substring(star + 1), false);
            } else if (then > 0 && out.containsKey(rule.substring(0, then))) {
                count(f, rule, a, rule.substring(0, then), b, rule.substring(then + 1), true);
            } else if (rule.startsWith("~") ? edge(rule.substring(1), b, a) : edge(rule, a, b)) {
                f.add("kb:" + rule.replace("~", ""));
            }
        }
        return f.isEmpty() ? List.of("kb:none") : List.copyOf(f);
    }

    /** True when Hetionet names the compound an indication for the disease (CtD or CpD; DrugBank id, DOID). */
    boolean indication(String compound, String disease) {
        Integer a = compound == null ? null : index.get(compound);
        Integer b = disease == null ? null : index.get(disease);
        return a != null && b != null && (edge("CtD", a, b) || edge("CpD", a, b));
    }

    private boolean edge(String metaedge, int from, int to) {
        int[][] adj = out.get(metaedge);
        return adj != null && Arrays.binarySearch(adj[from], to) >= 0;
    }

    /**
     * Two-step paths through a middle node x: {@code a -first-> x} and {@code b -second-> x}, or with {@code forward}
     * {@code x -second-> b}; counted and bucketed (1, 2-4, 5+).
     */
    private void count(java.util.Set<String> f, String name, int a, String first, int b, String second, boolean forward) {
        int[][] one = out.get(first);
        int[][] two = out.get(second);
        if (one == null || two == null) {
            return;
        }
        int n = 0;
        for (int x : one[a]) {
            n += x != b && (forward ? Arrays.binarySearch(two[x], b) >= 0 : Arrays.binarySearch(two[b], x) >= 0) ? 1 : 0;
        }
        if (n > 0) {
            f.add("kb:" + name + "=" + (n == 1 ? "1" : n <= 4 ? "2-4" : "5+"));
        }
    }
}
