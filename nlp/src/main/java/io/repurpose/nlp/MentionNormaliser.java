package io.repurpose.nlp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The MeSH id of a chemical or disease mention, given its span (session 11). Before session 11 a span took the
 * lexicon's exact key, else a bounded fuzzy match ({@link Lexicon#search}); a span the lexicon knows only without a
 * MeSH id (a side-effect name, a Disease Ontology term without a MeSH xref) or not at all lost the id, and with it
 * every CID / BioRED pair it stands in. The rules of {@code mentions.normalise} reach further, in the spirit of DNorm
 * (Leaman, Islamaj Doğan and Lu, "DNorm: disease name normalization with pairwise learning to rank", Bioinformatics
 * 2013: the same concept under other word forms and orders), each only where the lexicon gave no MeSH id:
 * <ul>
 *   <li>{@code spelling}: British forms ("haemorrhage", "hyperkalaemia", "oedema") looked up in American spelling;</li>
 *   <li>{@code organ}: an organ adjective for its noun and back ("hepatic damage" / "liver damage", "cerebral" / "brain");</li>
 *   <li>{@code of}: "X of (the) Y" looked up as "Y X" ("toxicity of the liver" → "liver toxicity");</li>
 *   <li>{@code induced}: a disease looked up as MeSH's drug-induced form ("akathisia" → "Akathisia, Drug-Induced",
 *       "parkinsonism" → "drug-induced parkinsonism"), as the chemical-induced disease corpora annotate it;</li>
 *   <li>{@code stem}: every word reduced by a small suffix stemmer ({@link #stem}: "acromegalic" / "acromegaly",
 *       "glaucomatous" / "glaucoma", "allergic" / "allergy") and matched against the lexicon's keys stemmed alike;</li>
 *   <li>{@code head}: back-off to the id of the longest known trailing sub-phrase ("idiopathic dilated cardiomyopathy" →
 *       "dilated cardiomyopathy") only where the train annotations accept that back-off ({@link BackOff}).</li>
 *   <li>{@code document}: a mention still without one takes the MeSH id of a longer mention of the same type and
 *       document that ends with its words ("incontinence" after "urinary incontinence"; {@link #document}).</li>
 *   <li>{@code abbreviation}: a short form takes the MeSH id of the mention that ends where its long form ends also
 *       when that mention starts before the long form Schwartz and Hearst's rule found ("multiple myeloma (MM)", whose
 *       long form the rule takes to be "myeloma"; {@link #abbreviations}).</li>
 * </ul>
 * After the exact key: the spelling, "of", organ and drug-induced variants looked up exactly, then the stem key of each,
 * then the fuzzy match, then the head back-off; a resolution that had a Hetionet id but no MeSH id keeps the id and takes
 * the MeSH id reached. Without rules it is the lexicon's {@link Lexicon#search} exactly.
 */
final class MentionNormaliser {

    /** The rule names of {@code mentions.normalise}, in the order they are tried. */
    static final List<String> RULES = List.of("spelling", "organ", "of", "induced", "stem", "head", "document",
            "abbreviation");

    private final Lexicon lexicon;
    private final Set<String> rules;
    private final BackOff backOff;
    /** Stemmed key → the lexicon keys with a MeSH id for that type that stem to it, per type (built only for "stem"). */
    private final Map<EntityType, Map<String, List<String>>> stems;

    MentionNormaliser(Lexicon lexicon) {
        this(lexicon, Set.of(), BackOff.EMPTY);
    }

    MentionNormaliser(Lexicon lexicon, Set<String> rules, BackOff backOff) {
        if (!RULES.containsAll(rules)) {
            throw new IllegalArgumentException("mentions.normalise=" + rules + " names a rule outside " + RULES);
        }
        this.lexicon = lexicon;
        this.rules = Set.copyOf(rules);
        this.backOff = backOff;
        this.stems = rules.contains("stem") ? stemIndex(lexicon) : Map.of();
    }

    /** True when no rule is on (the resolution is the lexicon's search). */
    boolean plain() {
        return rules.isEmpty();
    }

    /** The resolution of one span of the given type, or null. */
    Lexicon.Resolution resolve(String surface, EntityType type) {
        if (rules.isEmpty() || (type != EntityType.CHEMICAL && type != EntityType.DISEASE)) {
            return lexicon.search(surface, type, 0.85);
        }
        String key = Lexicon.key(surface);
        Lexicon.Resolution exact = lexicon.exact(key, type);
        if (hasMesh(exact)) {
            return exact;
        }
        Lexicon.Resolution reached = reach(key, type);
        if (reached == null) {
            Lexicon.Resolution fuzzy = lexicon.search(surface, type, 0.85);
            if (hasMesh(fuzzy) || !rules.contains("head")) {
                return fuzzy != null ? fuzzy : exact;
            }
            reached = headBackOff(key, type);
            if (reached == null) {
                return fuzzy != null ? fuzzy : exact;
            }
        }
        return complete(exact, reached);
    }

    /**
     * A resolution (of any source) that lacks a MeSH id, completed by the rules from its surface; the resolution as it
     * is when it has one, when no rule is on, or when no rule reaches one.
     */
    Lexicon.Resolution complete(String surface, EntityType type, Lexicon.Resolution r) {
        if (rules.isEmpty() || hasMesh(r) || (type != EntityType.CHEMICAL && type != EntityType.DISEASE)) {
            return r;
        }
        String key = Lexicon.key(surface);
        Lexicon.Resolution reached = reach(key, type);
        if (reached == null && rules.contains("head")) {
            reached = headBackOff(key, type);
        }
        return reached == null ? r : complete(r, reached);
    }

    static boolean hasMesh(Lexicon.Resolution r) {
        return r != null && r.xrefs().get("MESH") != null;
    }

    /** The first resolution with a MeSH id among the key's variants (spelling, organ, of, stem), or null. */
    private Lexicon.Resolution reach(String key, EntityType type) {
        List<String> variants = variants(key, type);
        for (String v : variants) {
            Lexicon.Resolution r = v.equals(key) ? null : lexicon.exact(v, type);
            if (hasMesh(r)) {
                return r;
            }
        }
        if (rules.contains("stem")) {
            for (String v : variants) {
                Lexicon.Resolution r = byStem(v, type);
                if (r != null) {
                    return r;
                }
            }
        }
        return null;
    }

    /** The key and its spelling, "of", organ and drug-induced variants that the rules allow (the key first, no repeats). */
    List<String> variants(String key, EntityType type) {
        List<String> out = new ArrayList<>();
        out.add(key);
        if (rules.contains("spelling")) {
            add(out, american(key));
        }
        if (rules.contains("of")) {
            for (String v : List.copyOf(out)) {
                add(out, ofInverted(v));
            }
        }
        if (rules.contains("organ")) {
            for (String v : List.copyOf(out)) {
                for (String o : organVariants(v)) {
                    add(out, o);
                }
            }
        }
        if (rules.contains("induced") && type == EntityType.DISEASE) {
            for (String v : List.copyOf(out)) {
                add(out, v.startsWith("drug induced ") ? null : "drug induced " + v);
            }
        }
        return out;
    }

    private static void add(List<String> out, String v) {
        if (v != null && !v.isEmpty() && !out.contains(v)) {
            out.add(v);
        }
    }

    private Lexicon.Resolution byStem(String key, EntityType type) {
        List<String> keys = stems.getOrDefault(type, Map.of()).get(stemKey(key));
        if (keys == null) {
            return null;
        }
        // several lexicon keys may stem alike: the MeSH id most of them give, ties to the first key in sorted order
        Map<String, Integer> votes = new LinkedHashMap<>();
        Map<String, Lexicon.Resolution> first = new HashMap<>();
        for (String k : keys) {
            Lexicon.Resolution r = lexicon.exact(k, type);
            if (hasMesh(r)) {
                String mesh = r.xrefs().get("MESH");
                votes.merge(mesh, 1, Integer::sum);
                first.putIfAbsent(mesh, r);
            }
        }
        String best = null;
        for (Map.Entry<String, Integer> e : votes.entrySet()) {
            if (best == null || e.getValue() > votes.get(best)) {
                best = e.getKey();
            }
        }
        return best == null ? null : first.get(best);
    }

    /**
     * The id of the longest trailing sub-phrase with a MeSH id (found exactly or by the other rules), when the train
     * annotations accept dropping the first word before it and do not refuse that sub-phrase's id ({@link BackOff}).
     */
    private Lexicon.Resolution headBackOff(String key, EntityType type) {
        String[] words = key.split(" ");
        for (int i = 1; i < words.length; i++) {
            String sub = String.join(" ", java.util.Arrays.copyOfRange(words, i, words.length));
            Lexicon.Resolution r = lexicon.exact(sub, type);
            if (!hasMesh(r)) {
                r = reach(sub, type);
            }
            if (hasMesh(r)) {
                return backOff.accepts(type, words[i - 1], r.xrefs().get("MESH")) ? r : null;
            }
        }
        return null;
    }

    /** The resolution reached, keeping the original's Hetionet id and name when the reached one has none. */
    private static Lexicon.Resolution complete(Lexicon.Resolution original, Lexicon.Resolution reached) {
        if (original == null || reached.id() != null || original.id() == null) {
            return reached;
        }
        Map<String, String> xrefs = new LinkedHashMap<>(original.xrefs());
        xrefs.put("MESH", reached.xrefs().get("MESH"));
        return new Lexicon.Resolution(original.type(), original.id(), original.name(), Map.copyOf(xrefs),
                Math.min(original.confidence(), reached.confidence()));
    }

    // ---------------------------------------------------------------- word forms

    /** British spellings of medical words in American form ("haemorrhage" → "hemorrhage"); null when unchanged. */
    static String american(String key) {
        String s = key;
        for (String[] r : SPELLING) {
            s = s.replace(r[0], r[1]);
        }
        return s.equals(key) ? null : s;
    }

    private static final String[][] SPELLING = {
            {"aemia", "emia"}, {"haem", "hem"}, {"aem", "em"}, {"oedema", "edema"}, {"oesophag", "esophag"},
            {"oestr", "estr"}, {"anaes", "anes"}, {"paed", "ped"}, {"diarrhoea", "diarrhea"}, {"apnoea", "apnea"},
            {"coeli", "celi"}, {"foet", "fet"}, {"ischaem", "ischem"}, {"leukaem", "leukem"}, {"tumour", "tumor"},
            {"behaviour", "behavior"}, {"oea", "ea"}, {"isation", "ization"}, {"ae", "e"}};

    /** Organ adjectives and their nouns, both ways ("hepatic" ↔ "liver"). */
    static final Map<String, String> ORGANS = organs();

    private static Map<String, String> organs() {
        String[][] pairs = {{"hepatic", "liver"}, {"renal", "kidney"}, {"cardiac", "heart"}, {"cerebral", "brain"},
                {"pulmonary", "lung"}, {"gastric", "stomach"}, {"ocular", "eye"}, {"cutaneous", "skin"},
                {"muscular", "muscle"}, {"intestinal", "intestine"}, {"pancreatic", "pancreas"},
                {"cerebellar", "cerebellum"}, {"neuronal", "neuron"}, {"splenic", "spleen"}, {"vesical", "bladder"},
                {"esophageal", "esophagus"}, {"ovarian", "ovary"}, {"uterine", "uterus"}, {"testicular", "testis"},
                {"prostatic", "prostate"}, {"colonic", "colon"}, {"rectal", "rectum"}, {"retinal", "retina"},
                {"corneal", "cornea"}, {"mammary", "breast"}, {"osseous", "bone"}, {"arterial", "artery"},
                {"venous", "vein"}, {"nasal", "nose"}, {"oral", "mouth"}, {"dermal", "skin"}};
        Map<String, String> m = new HashMap<>();
        for (String[] p : pairs) {
            m.putIfAbsent(p[0], p[1]);
            m.putIfAbsent(p[1], p[0]);
        }
        return Map.copyOf(m);
    }

    /** The key with one organ word swapped for its adjective or noun, for each organ word in it. */
    static List<String> organVariants(String key) {
        String[] w = key.split(" ");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < w.length; i++) {
            String o = ORGANS.get(w[i]);
            if (o != null) {
                String[] c = w.clone();
                c[i] = o;
                out.add(String.join(" ", c));
            }
        }
        return out;
    }

    /** "X of (the|a|an) Y" as "Y X" (one "of", both sides non-empty, Y at most 3 words); null otherwise. */
    static String ofInverted(String key) {
        String[] w = key.split(" ");
        int of = -1;
        for (int i = 0; i < w.length; i++) {
            if (w[i].equals("of")) {
                if (of >= 0) {
                    return null;
                }
                of = i;
            }
        }
        if (of <= 0) {
            return null;
        }
        int from = of + 1;
        while (from < w.length && (w[from].equals("the") || w[from].equals("a") || w[from].equals("an"))) {
            from++;
        }
        if (from == w.length || w.length - from > 3) {
            return null;
        }
        return String.join(" ", java.util.Arrays.copyOfRange(w, from, w.length)) + " "
                + String.join(" ", java.util.Arrays.copyOfRange(w, 0, of));
    }

    private static final String[] SUFFIXES = {"atous", "otic", "osis", "itic", "itis", "emic", "emia", "ical", "ic", "ia",
            "ism", "ity", "ies", "y", "es", "s", "ous", "al", "a", "e"};
    private static final Set<String> FUNCTION_WORDS = Set.of("of", "the", "a", "an", "in", "to", "and", "or", "with", "on",
            "at", "by", "for");

    /** One word without its first matching suffix of {@link #SUFFIXES}, keeping at least 4 letters ("acromegalic" → "acromegal"). */
    static String stem(String word) {
        for (String s : SUFFIXES) {
            if (word.endsWith(s) && word.length() - s.length() >= 4) {
                return word.substring(0, word.length() - s.length());
            }
        }
        return word;
    }

    /** Every word of the key stemmed, function words dropped, British spellings made American first. */
    static String stemKey(String key) {
        String a = american(key);
        StringBuilder b = new StringBuilder();
        for (String w : (a == null ? key : a).split(" ")) {
            if (!w.isEmpty() && !FUNCTION_WORDS.contains(w)) {
                if (b.length() > 0) {
                    b.append(' ');
                }
                b.append(stem(w));
            }
        }
        return b.toString();
    }

    private static Map<EntityType, Map<String, List<String>>> stemIndex(Lexicon lexicon) {
        Map<EntityType, Map<String, List<String>>> out = new java.util.EnumMap<>(EntityType.class);
        List<String> keys = new ArrayList<>(lexicon.keys());
        java.util.Collections.sort(keys);
        for (EntityType t : new EntityType[] {EntityType.CHEMICAL, EntityType.DISEASE}) {
            Map<String, List<String>> m = new HashMap<>();
            for (String k : keys) {
                if (hasMesh(lexicon.exact(k, t))) {
                    m.computeIfAbsent(stemKey(k), x -> new ArrayList<>(1)).add(k);
                }
            }
            m.replaceAll((k, v) -> List.copyOf(v));
            out.put(t, Map.copyOf(m));
        }
        return out;
    }

    // ---------------------------------------------------------------- head back-off table

    /**
     * Which head back-offs the corpus accepts, learned from the train annotations ({@link #learn}): for each annotated
     * mention whose longest known trailing sub-phrase has a MeSH id, whether the mention's gold id is that sub-phrase's
     * id, counted by the first word dropped ("idiopathic", "acute") and by the sub-phrase's id. A back-off is accepted
     * when its word was accepted at least {@link #MIN_COUNT} times and in at least half of its cases, and its id was not
     * refused in more than half of at least {@link #MIN_COUNT} cases. File {@code norm-backoff.tsv}: kind (word|id),
     * type, word or id, accepted, refused.
     */
    record BackOff(Map<String, int[]> counts) {
        static final String FILE = "norm-backoff.tsv";
        static final int MIN_COUNT = 3;
        static final BackOff EMPTY = new BackOff(Map.of());

        BackOff {
            counts = Map.copyOf(counts);
        }

        boolean accepts(EntityType type, String word, String mesh) {
            int[] w = counts.get("word\t" + type + "\t" + word);
            int[] m = counts.get("id\t" + type + "\t" + mesh);
            boolean wordOk = w != null && w[0] + w[1] >= MIN_COUNT && 2 * w[0] >= w[0] + w[1];
            boolean idRefused = m != null && m[0] + m[1] >= MIN_COUNT && 2 * m[0] < m[0] + m[1];
            return wordOk && !idRefused;
        }

        /** Counts from the chemical and disease annotations of the documents (train splits only). */
        static BackOff learn(List<PubTator.Doc> docs, Lexicon lexicon) {
            Map<String, int[]> counts = new java.util.TreeMap<>();
            for (PubTator.Doc d : docs) {
                for (PubTator.Annotation a : d.annotations()) {
                    EntityType t = PubTator.entityType(a.type());
                    Set<String> gold = NormEvaluate.goldIds(a);
                    if ((t != EntityType.CHEMICAL && t != EntityType.DISEASE) || gold.isEmpty()) {
                        continue;
                    }
                    String[] words = Lexicon.key(a.text()).split(" ");
                    for (int i = 1; i < words.length; i++) {
                        Lexicon.Resolution r = lexicon.exact(String.join(" ", java.util.Arrays.copyOfRange(words, i, words.length)), t);
                        if (hasMesh(r)) {
                            int ok = gold.contains(r.xrefs().get("MESH")) ? 0 : 1;
                            counts.computeIfAbsent("word\t" + t + "\t" + words[i - 1], k -> new int[2])[ok]++;
                            counts.computeIfAbsent("id\t" + t + "\t" + r.xrefs().get("MESH"), k -> new int[2])[ok]++;
                            break;
                        }
                    }
                }
            }
            return new BackOff(counts);
        }

        void write(java.nio.file.Path file) throws java.io.IOException {
            List<String> lines = new ArrayList<>();
            lines.add("# head back-offs in the train annotations: kind, type, first word dropped or sub-phrase MeSH id, accepted, refused");
            new java.util.TreeMap<>(counts).forEach((k, v) -> lines.add(k + "\t" + v[0] + "\t" + v[1]));
            java.nio.file.Files.write(file, lines, java.nio.charset.StandardCharsets.UTF_8);
        }

        /** The table in the file, or {@link #EMPTY} (no back-off accepted) when there is none. */
        static BackOff read(java.nio.file.Path file) {
            if (!java.nio.file.Files.exists(file)) {
                return EMPTY;
            }
            Map<String, int[]> counts = new HashMap<>();
            try {
                for (String line : java.nio.file.Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8)) {
                    String[] f = line.split("\t");
                    if (line.startsWith("#") || f.length != 5) {
                        continue;
                    }
                    counts.put(f[0] + "\t" + f[1] + "\t" + f[2], new int[] {Integer.parseInt(f[3]), Integer.parseInt(f[4])});
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot read " + file, e);
            }
            return new BackOff(counts);
        }

        int size() {
            return counts.size();
        }
    }

    // ---------------------------------------------------------------- document level

    /** A mention of a document for the document-level step: character span, type and resolution (null: none). */
    record Item(int start, int end, String text, EntityType type, Lexicon.Resolution resolution) {
    }

    /** True when the document-level rule is on ({@link #document}). */
    boolean documentLevel() {
        return rules.contains("document");
    }

    /**
     * The document-level rule: an item of a chemical or disease without a MeSH id takes the one of the longer items of
     * the same type whose key ends with its key's words (the commonest MeSH id among them, ties to the first); the
     * others stay. Returns the items in their order.
     */
    static List<Item> document(List<Item> items) {
        List<Item> out = new ArrayList<>(items);
        for (int i = 0; i < out.size(); i++) {
            Item it = out.get(i);
            if ((it.type() != EntityType.CHEMICAL && it.type() != EntityType.DISEASE) || hasMesh(it.resolution())) {
                continue;
            }
            String key = Lexicon.key(it.text());
            if (key.isEmpty()) {
                continue;
            }
            Map<String, Integer> votes = new LinkedHashMap<>();
            Map<String, Lexicon.Resolution> first = new HashMap<>();
            for (Item other : items) {
                String k = Lexicon.key(other.text());
                if (other.type() == it.type() && hasMesh(other.resolution()) && k.length() > key.length()
                        && k.endsWith(" " + key)) {
                    String mesh = other.resolution().xrefs().get("MESH");
                    votes.merge(mesh, 1, Integer::sum);
                    first.putIfAbsent(mesh, other.resolution());
                }
            }
            String best = null;
            for (Map.Entry<String, Integer> e : votes.entrySet()) {
                if (best == null || e.getValue() > votes.get(best)) {
                    best = e.getKey();
                }
            }
            if (best != null) {
                out.set(i, new Item(it.start(), it.end(), it.text(), it.type(), complete(it.resolution(), first.get(best))));
            }
        }
        return out;
    }

    /**
     * Abbreviation ids as the annotator gives them: a short form takes the resolution of the mention that ends at its
     * long form ({@link Abbreviations}) and starts inside it, or (with {@code containing}) one with a MeSH id that starts before it; returns
     * the items with their final resolutions, in order.
     */
    static List<Item> abbreviations(List<Item> items, List<Abbreviations.Definition> defs, boolean containing) {
        List<Item> out = new ArrayList<>(items);
        for (Abbreviations.Definition d : defs) {
            Item longItem = null;
            for (Item it : out) {
                if (it.end() == d.longEnd() && (it.start() >= d.longStart() || (containing && hasMesh(it.resolution())))
                        && it.type() != EntityType.GENE) {
                    longItem = it;
                    break;
                }
            }
            if (longItem == null) {
                continue;
            }
            for (int i = 0; i < out.size(); i++) {
                Item it = out.get(i);
                if (it.text().equals(d.shortForm()) && it != longItem) {
                    out.set(i, new Item(it.start(), it.end(), it.text(), it.type(), longItem.resolution()));
                }
            }
        }
        return out;
    }
}
