package io.repurpose.nlp;

import org.apache.commons.text.similarity.LevenshteinDistance;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Names and synonyms of drugs (DrugBank open vocabulary), diseases (Disease Ontology 2016, the Hetionet era)
 * and genes (NCBI gene_info, restricted to Hetionet genes), plus optional training-corpus names
 * ({@code lexicon-train.tsv}, from train splits only). Normalised keys are indexed in a Lucene index
 * (exact term lookup, then bounded fuzzy lookup); a hash of the same keys serves the longest-match scan.
 * Immutable after loading, so safe to share between threads (Lucene searchers are thread-safe).
 */
final class Lexicon implements AutoCloseable {

    /**
     * Where an entry comes from. {@code EXTRA}: names added for normalisation reach in session 4 (Disease Ontology
     * 2026 terms absent from the 2016 release, Hetionet symptoms = MeSH descriptors); like {@code TRAIN} they are kept
     * out of the CRF's dictionary feature, so a CRF trained before them sees the same features. {@code SIDE_EFFECT}:
     * Hetionet's side-effect names (session 8, only when loaded with them), also kept out of the CRF feature.
     */
    enum Source { DRUGBANK, DO, GENE, HETIONET, TRAIN, EXTRA, SIDE_EFFECT }

    /** Sources the CRF's dictionary feature leaves out: training-corpus names and the names added after session 3. */
    static final Set<Source> NOT_IN_CRF_FEATURE = java.util.EnumSet.of(Source.TRAIN, Source.EXTRA, Source.SIDE_EFFECT);
    /** Sources the fill-stop table leaves out (training names are annotated in sample); side effects are counted. */
    static final Set<Source> NOT_COUNTED_FOR_FILL = java.util.EnumSet.of(Source.TRAIN, Source.EXTRA);
    /** Side-effect names only: they fill untagged tokens but never widen or retype a CRF span. */
    static final Set<Source> SIDE_EFFECTS = java.util.EnumSet.of(Source.SIDE_EFFECT);

    record Entry(EntityType type, String id, String name, Map<String, String> xrefs, Source source, boolean officialSymbol) {
    }

    /** Result of normalisation: identifier in Hetionet space (or null), name, xrefs, confidence. */
    record Resolution(EntityType type, String id, String name, Map<String, String> xrefs, double confidence) {
    }

    private final List<Entry> entries;
    private final Map<String, int[]> byKey;
    private final Map<String, int[]> genesBySymbol;
    private final Set<String> stopWords;
    private final Map<String, String> meshById;
    private final Directory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final String version;

    private Lexicon(List<Entry> entries, Map<String, int[]> byKey, Map<String, int[]> genesBySymbol, Set<String> stopWords,
                    Map<String, String> meshById, String version) throws IOException {
        this.meshById = meshById;
        this.entries = entries;
        this.byKey = byKey;
        this.genesBySymbol = genesBySymbol;
        this.stopWords = stopWords;
        this.version = version;
        this.directory = new ByteBuffersDirectory();
        try (IndexWriter w = new IndexWriter(directory, new IndexWriterConfig())) {
            for (Map.Entry<String, int[]> e : byKey.entrySet()) {
                Document d = new Document();
                d.add(new StringField("key", e.getKey(), Field.Store.YES));
                d.add(new StoredField("entries", joinInts(e.getValue())));
                w.addDocument(d);
            }
        }
        this.reader = DirectoryReader.open(directory);
        this.searcher = new IndexSearcher(reader);
    }

    // ---------------------------------------------------------------- keys

    /** Normalised lookup key: accents and case folded, Greek letters spelled, punctuation to single spaces. */
    static String key(String s) {
        boolean ascii = true;
        for (int i = 0; i < s.length() && ascii; i++) {
            ascii = s.charAt(i) < 128;
        }
        String t = ascii ? s.toLowerCase(Locale.ROOT) : slowFold(s);
        StringBuilder b = new StringBuilder(t.length());
        boolean space = true;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                b.append(c);
                space = false;
            } else if (!space) {
                b.append(' ');
                space = true;
            }
        }
        int n = b.length();
        if (n > 0 && b.charAt(n - 1) == ' ') {
            b.setLength(n - 1);
        }
        return b.toString();
    }

    private static final java.util.regex.Pattern MARKS = java.util.regex.Pattern.compile("\\p{M}+");

    private static String slowFold(String s) {
        String t = s.replace("α", " alpha ").replace("β", " beta ").replace("γ", " gamma ").replace("δ", " delta ")
                .replace("κ", " kappa ").replace("ω", " omega ");
        return MARKS.matcher(Normalizer.normalize(t, Normalizer.Form.NFKD)).replaceAll("").toLowerCase(Locale.ROOT);
    }

    static final Set<String> TRAILING_MODIFIERS = Set.of("acute", "chronic", "aggravated", "congenital");

    /**
     * A MedDRA-style name and its reading orders: "Pancreatitis acute" → also "acute pancreatitis" (a trailing acute,
     * chronic, aggravated or congenital moves to the front); "Ataxia NOS" → "Ataxia".
     */
    static List<String> readingOrders(String name) {
        List<String> out = new ArrayList<>(2);
        out.add(name);
        String n = name.endsWith(" NOS") ? name.substring(0, name.length() - 4).trim() : name;
        int sp = n.lastIndexOf(' ');
        String last = sp < 0 ? "" : n.substring(sp + 1).toLowerCase(Locale.ROOT);
        if (TRAILING_MODIFIERS.contains(last)) {
            n = last + " " + n.substring(0, sp);
        }
        if (!n.equals(name)) {
            out.add(n);
        }
        return out;
    }

    /** The key with its last word made singular, or null when it does not look plural. */
    static String singular(String key) {
        int sp = key.lastIndexOf(' ');
        String last = key.substring(sp + 1);
        if (last.length() < 4 || !last.endsWith("s") || last.endsWith("ss") || last.endsWith("us") || last.endsWith("is")) {
            return null;
        }
        String head = key.substring(0, sp + 1);
        if (last.endsWith("ies")) {
            return head + last.substring(0, last.length() - 3) + "y";
        }
        return head + last.substring(0, last.length() - 1);
    }

    boolean isStopWord(String word) {
        return stopWords.contains(word.toLowerCase(Locale.ROOT));
    }

    // ---------------------------------------------------------------- lookups

    /** True when some entry has exactly this key (or its singular). */
    boolean hasKey(String key) {
        return byKey.containsKey(key) || (singular(key) != null && byKey.containsKey(singular(key)));
    }

    /** Exact lookup of a normalised key (then its singular); null when absent. */
    Resolution exact(String key, EntityType wanted) {
        return exact(key, wanted, Set.of());
    }

    /** True when an entry of this source holds the key or its singular (the keys {@link #exact} may resolve through). */
    boolean holds(String key, Source source) {
        for (String k : new String[] {key, singular(key)}) {
            int[] hits = k == null ? null : byKey.get(k);
            if (hits != null) {
                for (int h : hits) {
                    if (entries.get(h).source() == source) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Exact lookup ignoring the entries of the given sources (e.g. {@link #NOT_IN_CRF_FEATURE} for CRF features). */
    Resolution exact(String key, EntityType wanted, Set<Source> excluded) {
        int[] hits = byKey.get(key);
        Resolution r = hits == null ? null : merge(hits, wanted, 0.95, excluded);
        if (r == null) {
            String sing = singular(key);
            hits = sing == null ? null : byKey.get(sing);
            r = hits == null ? null : merge(hits, wanted, 0.9, excluded);
        }
        return r;
    }

    /**
     * Lookup: exact key first (hash), then a bounded Lucene fuzzy match (cached) (at most 1 edit below 8 characters, 2 above,
     * common prefix of 2) accepted only when the edit similarity is at least {@code minSimilarity}.
     */
    Resolution search(String text, EntityType wanted, double minSimilarity) {
        String key = key(text);
        if (key.length() < 4) {
            return exact(key, wanted);
        }
        // the index holds exactly the keys of byKey: an exact term hit is a hash lookup
        int[] exactHits = byKey.get(key);
        if (exactHits != null) {
            return merge(exactHits, wanted, 0.95);
        }
        Resolution r = exact(key, wanted);
        if (r != null) {
            return r;
        }
        String cacheKey = key + '\t' + wanted + '\t' + minSimilarity;
        java.util.Optional<Resolution> cached = fuzzyCache.get(cacheKey);
        if (cached != null) {
            return cached.orElse(null);
        }
        Resolution found = fuzzy(key, wanted, minSimilarity);
        if (fuzzyCache.size() < FUZZY_CACHE_SIZE) {
            fuzzyCache.put(cacheKey, java.util.Optional.ofNullable(found));
        }
        return found;
    }

    private static final int FUZZY_CACHE_SIZE = 100_000;
    /** Fuzzy results by key, type and threshold (bounded: once full, new keys are searched every time). */
    private final java.util.concurrent.ConcurrentHashMap<String, java.util.Optional<Resolution>> fuzzyCache =
            new java.util.concurrent.ConcurrentHashMap<>();

    private Resolution fuzzy(String key, EntityType wanted, double minSimilarity) {
        try {
            int edits = key.length() >= 8 ? 2 : 1;
            TopDocs fuzzy = searcher.search(new FuzzyQuery(new Term("key", key), edits, 2, 20, true), 10);
            Resolution best = null;
            double bestSim = 0;
            for (ScoreDoc sd : fuzzy.scoreDocs) {
                Document d = searcher.storedFields().document(sd.doc);
                String k = d.get("key");
                double sim = 1.0 - (double) LevenshteinDistance.getDefaultInstance().apply(k, key) / Math.max(k.length(), key.length());
                if (sim >= minSimilarity && sim > bestSim) {
                    Resolution cand = merge(ints(d.get("entries")), wanted, 0.6 + 0.3 * sim);
                    if (cand != null) {
                        best = cand;
                        bestSim = sim;
                    }
                }
            }
            return best;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Entrez genes whose symbol or synonym is exactly this (case-sensitive) string. */
    Resolution gene(String symbol) {
        int[] hits = genesBySymbol.get(symbol);
        if (hits == null) {
            return null;
        }
        Entry best = null;
        for (int h : hits) {
            Entry e = entries.get(h);
            if (best == null || (e.officialSymbol() && !best.officialSymbol())) {
                best = e;
            }
        }
        boolean unique = hits.length == 1 || (best.officialSymbol() && countOfficial(hits) == 1);
        return new Resolution(EntityType.GENE, best.id(), best.name(), best.xrefs(), unique ? 0.8 : 0.5);
    }

    private int countOfficial(int[] hits) {
        int n = 0;
        for (int h : hits) {
            if (entries.get(h).officialSymbol()) {
                n++;
            }
        }
        return n;
    }

    /**
     * Chooses among the entries of one key: the wanted type when given, else training-corpus entries first
     * (they say how the corpus uses the name), else disease, chemical, gene. The identifier is the first
     * Hetionet-space id of that type; xrefs are merged, the training entry's MeSH winning.
     */
    private Resolution merge(int[] hits, EntityType wanted, double conf) {
        return merge(hits, wanted, conf, Set.of());
    }

    private Resolution merge(int[] hits, EntityType wanted, double conf, Set<Source> excluded) {
        if (!excluded.isEmpty()) {
            hits = Arrays.stream(hits).filter(h -> !excluded.contains(entries.get(h).source())).toArray();
            if (hits.length == 0) {
                return null;
            }
        }
        EntityType type = wanted;
        if (type == null) {
            for (int h : hits) {
                if (entries.get(h).source() == Source.TRAIN) {
                    type = entries.get(h).type();
                    break;
                }
            }
        }
        if (type == null) {
            for (EntityType t : new EntityType[]{EntityType.DISEASE, EntityType.CHEMICAL, EntityType.GENE}) {
                for (int h : hits) {
                    if (entries.get(h).type() == t) {
                        type = t;
                        break;
                    }
                }
                if (type != null) {
                    break;
                }
            }
        }
        String id = null;
        String name = null;
        Map<String, String> xrefs = new LinkedHashMap<>();
        String trainMesh = null;
        boolean any = false;
        for (int h : hits) {
            Entry e = entries.get(h);
            if (e.type() != type) {
                continue;
            }
            any = true;
            if (id == null && e.id() != null) {
                id = e.id();
                name = e.name();
            }
            e.xrefs().forEach(xrefs::putIfAbsent);
            if (e.source() == Source.TRAIN && trainMesh == null) {
                trainMesh = e.xrefs().get("MESH");
            }
        }
        if (!any) {
            return null;
        }
        if (trainMesh != null) {
            xrefs.put("MESH", trainMesh);
        } else if (id != null && !xrefs.containsKey("MESH") && meshById.containsKey(id)) {
            // a DrugBank synonym the training names did not hold: the MeSH id those names gave the same drug
            xrefs.put("MESH", meshById.get(id));
        }
        if (id != null) {
            // xrefs of the chosen identifier's own entries (e.g. DO MeSH) complete the picture
            for (int h : hits) {
                Entry e = entries.get(h);
                if (id.equals(e.id())) {
                    e.xrefs().forEach(xrefs::putIfAbsent);
                }
            }
        }
        return new Resolution(type, id, name, xrefs, conf);
    }

    String version() {
        return version;
    }

    int size() {
        return byKey.size();
    }

    /** Every normalised key of the lexicon (unmodifiable view). */
    Set<String> keys() {
        return java.util.Collections.unmodifiableSet(byKey.keySet());
    }

    @Override
    public void close() throws IOException {
        reader.close();
        directory.close();
    }

    /**
     * Every id a resolution can carry in the corpora's id space: the Entrez id of a gene entry, the MeSH id of a
     * chemical or disease entry (its own xref, or the training names' MeSH for its identifier). A gold relation
     * whose ids are not all in this set cannot be predicted, whatever the mention finder and relation models do.
     */
    Set<String> evaluationIds() {
        Set<String> ids = new HashSet<>();
        for (Entry e : entries) {
            if (e.type() == EntityType.GENE) {
                ids.add(e.id());
            } else {
                String mesh = e.xrefs().get("MESH");
                if (mesh != null) {
                    ids.add(mesh);
                }
            }
        }
        ids.addAll(meshById.values());
        return ids;
    }

    // ---------------------------------------------------------------- loading

    static Lexicon load(NlpConfig config) {
        return load(config, false);
    }

    /** As {@link #load(NlpConfig)}; {@code sideEffects} adds Hetionet's side-effect names as diseases (session 8). */
    static Lexicon load(NlpConfig config, boolean sideEffects) {
        try {
            return new Builder(config, sideEffects).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load lexicon from " + config.lexicons() + ": " + e.getMessage(), e);
        }
    }

    private static final class Builder {
        private final NlpConfig config;
        private final List<Entry> entries = new ArrayList<>();
        private final Map<String, List<Integer>> byKey = new HashMap<>();
        private final Map<String, List<Integer>> genes = new HashMap<>();
        private final Map<String, String> meshToDoid = new HashMap<>();
        /** DOID → MeSH from the 2026 DO xref report and dhimmel's DO xref table, for 2016 terms without one. */
        private final Map<String, String> extraMesh = new HashMap<>();
        private final Set<String> doids = new HashSet<>();
        /** Hetionet-space id of a training name → its MeSH ids with their counts. */
        private final Map<String, Map<String, Integer>> meshCounts = new HashMap<>();
        /** UMLS CUI → DOID from the DO 2016 xrefs and dhimmel's DO xref table (for side-effect names). */
        private final Map<String, String> umlsToDoid = new HashMap<>();
        /** dhimmel's DO xref table's UMLS rows as (CUI, DOID), in file order ({@link #loadDoMeshXrefs}). */
        private final List<String[]> dhimmelUmls = new ArrayList<>();
        /** Hetionet's symptoms and (with {@link #sideEffects}) side effects as (id without prefix, name), in file order. */
        private final List<String[]> symptomRows = new ArrayList<>();
        private final List<String[]> sideEffectRows = new ArrayList<>();
        /** DOID → MeSH of the loaded DO terms (2016 xref, else the later one). */
        private final Map<String, String> doidMesh = new HashMap<>();
        private final Set<String> stop;
        private final boolean sideEffects;

        Builder(NlpConfig config, boolean sideEffects) throws IOException {
            this.config = config;
            this.sideEffects = sideEffects;
            this.stop = readStopWords();
        }

        Lexicon build() throws IOException {
            Path lex = config.lexicons();
            Set<String> hetionetGenes = new HashSet<>();
            Set<String> hetionetCompounds = new HashSet<>();
            loadHetionet(config.sharedData().resolve("hetionet/hetionet-v1.0-nodes.tsv"), hetionetGenes, hetionetCompounds);
            loadDrugBank(lex.resolve("drugs/drugbank_open_vocabulary_itu-2021.csv"));
            loadDoMeshXrefs(lex.resolve("diseases/DO_allXREFinDO_2026-07.tsv"), lex.resolve("diseases/dhimmel-do_xrefs.tsv"));
            loadDiseaseOntology(lex.resolve("diseases/doid_2016-09-01.obo"));
            int extra = loadDo2026Terms(lex.resolve("diseases/DO_allXREFinDO_2026-07.tsv"), lex.resolve("diseases/DO_HumanDO_2026-07.tsv"))
                    + loadSymptoms();
            int sideEffectNames = sideEffects ? loadSideEffects() : 0;
            loadGenes(lex.resolve("genes/Homo_sapiens.gene_info.gz"), hetionetGenes);
            int trainNames = 0;
            if (Files.exists(config.trainLexicon())) {
                trainNames = loadTrain(config.trainLexicon());
            }
            String version = "lexicon:drugbank-2021,do-2016-09-01+mesh-xrefs-2026,gene_info-2015,extra=" + extra + ",train=" + trainNames
                    + (sideEffects ? ",side-effects=" + sideEffectNames : "");
            Map<String, String> meshById = new HashMap<>();
            meshCounts.forEach((id, c) -> meshById.put(id, c.entrySet().stream()
                    .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .orElseThrow().getKey()));
            return new Lexicon(List.copyOf(entries), freeze(byKey), freeze(genes), stop, Map.copyOf(meshById), version);
        }

        private static Map<String, int[]> freeze(Map<String, List<Integer>> m) {
            Map<String, int[]> out = new HashMap<>(m.size() * 2);
            m.forEach((k, v) -> out.put(k, v.stream().distinct().mapToInt(Integer::intValue).toArray()));
            return out;
        }

        private int add(Entry e) {
            entries.add(e);
            return entries.size() - 1;
        }

        private void index(String name, int entry) {
            String k = key(name);
            if (k.length() < 2 || stop.contains(k)) {
                return;
            }
            byKey.computeIfAbsent(k, x -> new ArrayList<>(2)).add(entry);
        }

        private void loadHetionet(Path nodes, Set<String> genesOut, Set<String> compoundsOut) throws IOException {
            try (BufferedReader in = Files.newBufferedReader(nodes, StandardCharsets.UTF_8)) {
                in.readLine();
                String line;
                while ((line = in.readLine()) != null) {
                    String[] f = line.split("\t");
                    if (f.length < 3) {
                        continue;
                    }
                    if (f[0].startsWith("Gene::")) {
                        genesOut.add(f[0].substring(6));
                    } else if (f[0].startsWith("Compound::")) {
                        compoundsOut.add(f[0].substring(10));
                        index(f[1], add(new Entry(EntityType.CHEMICAL, f[0].substring(10), f[1], Map.of(), Source.HETIONET, false)));
                    } else if (f[0].startsWith("Disease::")) {
                        index(f[1], add(new Entry(EntityType.DISEASE, f[0].substring(9), f[1], Map.of(), Source.HETIONET, false)));
                    } else if (f[0].startsWith("Symptom::")) {
                        symptomRows.add(new String[] {f[0].substring(9), f[1]});
                    } else if (sideEffects && f[0].startsWith("Side Effect::")) {
                        sideEffectRows.add(new String[] {f[0].substring(13), f[1]});
                    }
                }
            }
        }

        private void loadDrugBank(Path csv) throws IOException {
            try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                in.readLine();
                in.readLine();
                String line;
                while ((line = in.readLine()) != null) {
                    List<String> f = splitCsv(line, ';');
                    if (f.size() < 3 || !f.get(0).startsWith("DB")) {
                        continue;
                    }
                    Map<String, String> x = new LinkedHashMap<>();
                    if (f.size() > 3 && !f.get(3).isBlank()) {
                        x.put("CAS", f.get(3));
                    }
                    if (f.size() > 4 && !f.get(4).isBlank()) {
                        x.put("UNII", f.get(4));
                    }
                    int e = add(new Entry(EntityType.CHEMICAL, f.get(0), f.get(2), x, Source.DRUGBANK, false));
                    index(f.get(2), e);
                    if (f.size() > 5) {
                        for (String syn : f.get(5).split("\\|")) {
                            if (!syn.isBlank()) {
                                index(syn.trim(), e);
                            }
                        }
                    }
                }
            }
        }

        private void loadDiseaseOntology(Path obo) throws IOException {
            try (BufferedReader in = Files.newBufferedReader(obo, StandardCharsets.UTF_8)) {
                String line;
                String id = null;
                String name = null;
                List<String> syns = new ArrayList<>();
                Map<String, String> x = new LinkedHashMap<>();
                boolean obsolete = false;
                boolean inTerm = false;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("[")) {
                        if (inTerm && id != null && name != null && !obsolete) {
                            addDisease(id, name, syns, x);
                        }
                        inTerm = line.equals("[Term]");
                        id = null;
                        name = null;
                        syns = new ArrayList<>();
                        x = new LinkedHashMap<>();
                        obsolete = false;
                    } else if (inTerm) {
                        if (line.startsWith("id: ")) {
                            id = line.substring(4).trim();
                        } else if (line.startsWith("name: ")) {
                            name = line.substring(6).trim();
                        } else if (line.startsWith("synonym: \"") && line.contains("\" EXACT")) {
                            syns.add(line.substring(10, line.indexOf("\" EXACT")));
                        } else if (line.startsWith("xref: MESH:")) {
                            x.putIfAbsent("MESH", line.substring(11).trim());
                        } else if (line.startsWith("xref: UMLS_CUI:")) {
                            x.putIfAbsent("UMLS", line.substring(15).trim());
                        } else if (line.startsWith("xref: OMIM:")) {
                            x.putIfAbsent("OMIM", line.substring(11).trim());
                        } else if (line.startsWith("is_obsolete: true")) {
                            obsolete = true;
                        }
                    }
                }
                if (inTerm && id != null && name != null && !obsolete) {
                    addDisease(id, name, syns, x);
                }
            }
        }

        private void addDisease(String id, String name, List<String> syns, Map<String, String> x) {
            doids.add(id);
            if (!x.containsKey("MESH") && extraMesh.containsKey(id)) {
                // the 2016 term has no MeSH xref; a later DO release (or dhimmel's UMLS-derived table) has one
                x.put("MESH", extraMesh.get(id));
            }
            int e = add(new Entry(EntityType.DISEASE, id, name, Map.copyOf(x), Source.DO, false));
            index(name, e);
            for (String s : syns) {
                // short all-caps synonyms ("AD", "MS") are abbreviations: resolved from the text, not the lexicon
                if (!(s.length() <= 3 && s.equals(s.toUpperCase(Locale.ROOT)))) {
                    index(s, e);
                }
            }
            if (x.containsKey("MESH")) {
                meshToDoid.putIfAbsent(x.get("MESH"), id);
                doidMesh.put(id, x.get("MESH"));
            }
            if (x.containsKey("UMLS")) {
                umlsToDoid.putIfAbsent(x.get("UMLS"), id);
            }
        }

        private static String unquote(String s) {
            String t = s.trim();
            return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
        }

        /** DOID → MeSH xrefs: DO 2026 report ({@code "DOID:x" "label" "MESH:D..."}) first, dhimmel's table (MSH rows) second. */
        private void loadDoMeshXrefs(Path do2026, Path dhimmel) throws IOException {
            if (Files.exists(do2026)) {
                for (String line : Files.readAllLines(do2026, StandardCharsets.UTF_8)) {
                    String[] f = line.split("\t");
                    if (f.length >= 3 && unquote(f[2]).startsWith("MESH:")) {
                        extraMesh.putIfAbsent(unquote(f[0]), unquote(f[2]).substring(5));
                    }
                }
            }
            if (Files.exists(dhimmel)) {
                for (String line : Files.readAllLines(dhimmel, StandardCharsets.UTF_8)) {
                    String[] f = line.split("\t");
                    if (f.length >= 4 && f[2].equals("MSH")) {
                        extraMesh.putIfAbsent(f[0], f[3]);
                    } else if (f.length >= 4 && f[2].equals("UMLS")) {
                        dhimmelUmls.add(new String[] {f[3], f[0]});
                    }
                }
            }
        }

        /** DO 2026 terms that the 2016 release lacks: label (and MeSH xref if any), as {@link Source#EXTRA}. */
        private int loadDo2026Terms(Path xrefs, Path labels) throws IOException {
            Map<String, String> label = new LinkedHashMap<>();
            for (Path p : new Path[]{labels, xrefs}) {
                if (!Files.exists(p)) {
                    continue;
                }
                for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                    String[] f = line.split("\t");
                    if (f.length >= 2 && unquote(f[0]).startsWith("DOID:")) {
                        label.putIfAbsent(unquote(f[0]), unquote(f[1]));
                    }
                }
            }
            int n = 0;
            for (Map.Entry<String, String> e : label.entrySet()) {
                if (doids.contains(e.getKey()) || e.getValue().isBlank()) {
                    continue;
                }
                String mesh = extraMesh.get(e.getKey());
                Map<String, String> x = mesh == null ? Map.of() : Map.of("MESH", mesh);
                index(e.getValue(), add(new Entry(EntityType.DISEASE, e.getKey(), e.getValue(), x, Source.EXTRA, false)));
                if (mesh != null) {
                    meshToDoid.putIfAbsent(mesh, e.getKey());
                }
                n++;
            }
            return n;
        }

        /**
         * Hetionet symptoms (MeSH descriptors, e.g. {@code Symptom::D006935 Hypercapnia}) as diseases with their MeSH id;
         * inverted MeSH names ("Abdomen, Acute") are also indexed in reading order ("Acute Abdomen").
         */
        private int loadSymptoms() {
            for (String[] f : symptomRows) {
                String mesh = f[0];
                int e = add(new Entry(EntityType.DISEASE, meshToDoid.get(mesh), f[1], Map.of("MESH", mesh), Source.EXTRA, false));
                index(f[1], e);
                int comma = f[1].indexOf(", ");
                if (comma > 0 && f[1].indexOf(", ", comma + 2) < 0) {
                    index(f[1].substring(comma + 2) + " " + f[1].substring(0, comma), e);
                }
            }
            return symptomRows.size();
        }

        /**
         * Hetionet side effects (SIDER's UMLS concepts, e.g. {@code Side Effect::C0392156 Akathisia}) as diseases: the
         * DOID (and its MeSH id) where a DO term carries the CUI (DO 2016 xrefs, then dhimmel's table), else no id and
         * the CUI as UMLS xref. MedDRA's orders are also indexed in reading order ({@link #readingOrders}).
         */
        private int loadSideEffects() {
            for (String[] cuiDoid : dhimmelUmls) {
                if (doids.contains(cuiDoid[1])) {
                    umlsToDoid.putIfAbsent(cuiDoid[0], cuiDoid[1]);
                }
            }
            for (String[] f : sideEffectRows) {
                String cui = f[0];
                String doid = umlsToDoid.get(cui);
                Map<String, String> x = new LinkedHashMap<>();
                x.put("UMLS", cui);
                if (doid != null && doidMesh.containsKey(doid)) {
                    x.put("MESH", doidMesh.get(doid));
                }
                int e = add(new Entry(EntityType.DISEASE, doid, f[1], Map.copyOf(x), Source.SIDE_EFFECT, false));
                for (String name : readingOrders(f[1])) {
                    index(name, e);
                }
            }
            return sideEffectRows.size();
        }

        private void loadGenes(Path geneInfo, Set<String> hetionetGenes) throws IOException {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(geneInfo)), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("#")) {
                        continue;
                    }
                    String[] f = line.split("\t");
                    if (f.length < 9 || !hetionetGenes.contains(f[1])) {
                        continue;
                    }
                    Map<String, String> x = new LinkedHashMap<>();
                    for (String xr : f[5].split("\\|")) {
                        if (xr.startsWith("HGNC:")) {
                            x.putIfAbsent("HGNC", xr.substring(xr.lastIndexOf(':') + 1));
                        } else if (xr.startsWith("Ensembl:")) {
                            x.putIfAbsent("ENSEMBL", xr.substring(8));
                        } else if (xr.startsWith("MIM:")) {
                            x.putIfAbsent("OMIM", xr.substring(4));
                        }
                    }
                    int off = add(new Entry(EntityType.GENE, f[1], f[2], Map.copyOf(x), Source.GENE, true));
                    int syn = add(new Entry(EntityType.GENE, f[1], f[2], Map.copyOf(x), Source.GENE, false));
                    genes.computeIfAbsent(f[2], k -> new ArrayList<>(1)).add(off);
                    if (!f[4].equals("-")) {
                        for (String s : f[4].split("\\|")) {
                            genes.computeIfAbsent(s, k -> new ArrayList<>(1)).add(syn);
                        }
                    }
                    // full name, e.g. "tumor protein p53", matched like any other name
                    if (!f[8].equals("-") && f[8].length() > 6) {
                        index(f[8], off);
                    }
                }
            }
        }

        /** Rows: type, text, id (MeSH for chemicals/diseases, Entrez for genes), count. One id per text: the commonest. */
        private int loadTrain(Path tsv) throws IOException {
            int n = 0;
            try (BufferedReader in = Files.newBufferedReader(tsv, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    String[] f = line.split("\t");
                    if (f.length < 3 || line.startsWith("#")) {
                        continue;
                    }
                    EntityType type = EntityType.valueOf(f[0]);
                    String text = f[1];
                    String cid = f[2];
                    String k = key(text);
                    if (k.length() < 2 || stop.contains(k)) {
                        continue;
                    }
                    String hetId = null;
                    Map<String, String> x = new LinkedHashMap<>();
                    if (type == EntityType.GENE) {
                        hetId = cid;
                    } else {
                        x.put("MESH", cid);
                        if (type == EntityType.DISEASE) {
                            hetId = meshToDoid.get(cid);
                        }
                        if (hetId == null) {
                            hetId = firstId(k, type);
                        }
                    }
                    if (hetId != null && type != EntityType.GENE) {
                        int count = f.length > 3 ? Integer.parseInt(f[3].trim()) : 1;
                        meshCounts.computeIfAbsent(hetId, i -> new HashMap<>()).merge(cid, count, Integer::sum);
                    }
                    index(text, add(new Entry(type, hetId, text, Map.copyOf(x), Source.TRAIN, false)));
                    n++;
                }
            }
            return n;
        }

        private String firstId(String k, EntityType type) {
            List<Integer> hits = byKey.get(k);
            if (hits == null) {
                return null;
            }
            for (int h : hits) {
                Entry e = entries.get(h);
                if (e.type() == type && e.id() != null && e.source() != Source.TRAIN) {
                    return e.id();
                }
            }
            return null;
        }

        private static Set<String> readStopWords() throws IOException {
            Set<String> s = new HashSet<>();
            try (InputStream in = Lexicon.class.getResourceAsStream("stopwords.txt")) {
                if (in == null) {
                    throw new IOException("resource io/repurpose/nlp/stopwords.txt missing");
                }
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    String w = line.trim().toLowerCase(Locale.ROOT);
                    if (!w.isEmpty() && !w.startsWith("#")) {
                        s.add(w);
                    }
                }
            }
            return s;
        }
    }

    // ---------------------------------------------------------------- helpers

    static List<String> splitCsv(String line, char sep) {
        List<String> out = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    b.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == sep && !quoted) {
                out.add(b.toString());
                b.setLength(0);
            } else {
                b.append(c);
            }
        }
        out.add(b.toString());
        return out;
    }

    private static String joinInts(int[] a) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < a.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(a[i]);
        }
        return b.toString();
    }

    private static int[] ints(String s) {
        return Arrays.stream(s.split(",")).mapToInt(Integer::parseInt).toArray();
    }
}
