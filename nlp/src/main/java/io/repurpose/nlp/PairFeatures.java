package io.repurpose.nlp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Document-level features of a pair of entities (all mentions of one normalised entity grouped together), in
 * the manner of the BioCreative V CID systems (e.g. Xu et al., Database 2016): how often and how close the two
 * co-occur, the best sentence-level classifier score, title and frequency cues, trigger words in the sentences
 * that hold both, the disease's head word, negation. Pairs are chemical→disease, chemical→gene, gene→disease.
 */
final class PairFeatures {

    /** Word prefixes that signal a relation when they stand in a sentence holding both entities. */
    private static final List<String> TRIGGER_PREFIXES = List.of("induc", "caus", "toxic", "associat", "after",
            "following", "treat", "therap", "prevent", "protect", "reduc", "increas", "develop", "risk", "advers",
            "side", "overdos", "administ", "receiv", "expos", "inhibit", "bind", "express", "mutat", "activ",
            "decreas", "attenuat", "improv", "relat", "due", "secondary", "complicat", "abus", "withdraw", "dose",
            "agonist", "antagon", "block", "suppress", "regulat", "polymorph", "variant", "level");

    /**
     * Session-9 feature families ({@code pairs.features}): {@code sent} aggregates of the sentence model's scores
     * (sentences at &ge; 0.5, mean, best in the title, CAUSES against TREATS), {@code cues} cue words between the two
     * mentions of a sentence by their order ("S-induced O", "O induced by S", "O after S", treatment and negation
     * words) and the word after the subject ("toxicity", "overdose"), {@code nested} a disease whose name lies inside a
     * longer disease name of the document (BC5CDR links the most specific one), {@code family} a copy of every feature
     * prefixed with the pair family, so chemical→disease pairs get weights of their own beside the shared ones.
     * Session 14: {@code kb} what Hetionet's edges say about the pair ({@link HetionetPairs}).
     */
    static final Set<String> FAMILIES = Set.of("sent", "cues", "nested", "family", "roles", "outcome", "cross", "kb");

    /** Cue classes between two mentions of one sentence: word prefixes (lower case) and the class they signal. */
    private static final List<String[]> CUES = List.of(
            new String[] {"induc", "induce"}, new String[] {"caus", "cause"}, new String[] {"due", "cause"},
            new String[] {"secondary", "cause"}, new String[] {"result", "cause"}, new String[] {"provok", "induce"},
            new String[] {"after", "after"}, new String[] {"following", "after"}, new String[] {"during", "after"},
            new String[] {"post", "after"}, new String[] {"associat", "assoc"}, new String[] {"relat", "assoc"},
            new String[] {"develop", "develop"}, new String[] {"toxic", "toxic"}, new String[] {"advers", "toxic"},
            new String[] {"treat", "treat"}, new String[] {"therap", "treat"}, new String[] {"for", "treat"},
            new String[] {"manag", "treat"}, new String[] {"prevent", "protect"}, new String[] {"protect", "protect"},
            new String[] {"attenuat", "protect"}, new String[] {"reduc", "protect"}, new String[] {"revers", "protect"},
            new String[] {"inhibit", "protect"}, new String[] {"ameliorat", "protect"}, new String[] {"alleviat", "protect"},
            new String[] {"improv", "protect"}, new String[] {"against", "protect"}, new String[] {"no", "neg"},
            new String[] {"not", "neg"}, new String[] {"without", "neg"}, new String[] {"neither", "neg"},
            new String[] {"absence", "neg"}, new String[] {"lack", "neg"});

    /** Cue words that count only as whole words ("for", not "form"). */
    private static final Set<String> EXACT_CUES = Set.of("due", "for", "post", "no", "not", "lack");

    /** A candidate pair scored by the sentence-level classifier. */
    record SentencePair(int sentence, Mention subject, Mention object, Map<String, Double> probabilities,
                        List<String> triggers) {
    }

    /** The words of one sentence and their character offsets in the document. */
    record SentenceTokens(List<String> words, int[] begin) {
    }

    /** All mentions of one entity in a document. */
    record Entity(String key, EntityType type, List<Mention> mentions) {
        boolean inTitle() {
            return mentions.stream().anyMatch(m -> m.sentenceIndex() == 0);
        }

        boolean asserted() {
            return mentions.stream().anyMatch(Mention::asserted);
        }
    }

    /** A pair of entities with its features and the sentence-level pairs that join them. */
    record Pair(Entity subject, Entity object, List<String> features, List<SentencePair> sentencePairs) {
    }

    private PairFeatures() {
    }

    /** The grouping key of a mention: its identifier, else its MeSH, else its folded text. */
    static String entityKey(Mention m) {
        if (m.identifier() != null) {
            return m.type() + ":" + m.identifier();
        }
        String mesh = m.xrefs().get("MESH");
        return m.type() + ":" + (mesh != null ? "MESH:" + mesh : "text:" + Lexicon.key(m.text()));
    }

    static List<Entity> entities(List<Mention> mentions) {
        Map<String, List<Mention>> by = new LinkedHashMap<>();
        for (Mention m : mentions) {
            by.computeIfAbsent(entityKey(m), k -> new ArrayList<>()).add(m);
        }
        List<Entity> out = new ArrayList<>();
        by.forEach((k, ms) -> out.add(new Entity(k, ms.get(0).type(), List.copyOf(ms))));
        return out;
    }

    /**
     * Every candidate pair of entities in the document with its features.
     *
     * @param mentions      the document's mentions
     * @param sentenceWords the words of each sentence
     * @param scored        sentence-level candidate pairs with the sentence classifier's probabilities
     */
    static List<Pair> pairs(List<Mention> mentions, List<SentenceTokens> sentenceWords, List<SentencePair> scored) {
        return pairs(mentions, sentenceWords, scored, Set.of());
    }

    /**
     * As {@link #pairs(List, List, List)}, plus the unordered pairs of two different entities of one type in
     * {@code sameType} (gene–gene, chemical–chemical; session 5), each once, the entity with the smaller key first;
     * with {@link EntityType#VARIANT} in {@code sameType}, the variant→disease and chemical→variant pairs (session 9).
     */
    static List<Pair> pairs(List<Mention> mentions, List<SentenceTokens> sentenceWords, List<SentencePair> scored,
                            Set<EntityType> sameType) {
        return pairs(mentions, sentenceWords, scored, sameType, null);
    }

    /**
     * As {@link #pairs(List, List, List, Set)}; with a hierarchy (session 5), a disease object that is a Disease
     * Ontology ancestor of another disease of the document gets {@code Ogeneral}, a descendant {@code Ospecific}.
     */
    static List<Pair> pairs(List<Mention> mentions, List<SentenceTokens> sentenceWords, List<SentencePair> scored,
                            Set<EntityType> sameType, DiseaseHierarchy hierarchy) {
        return pairs(mentions, sentenceWords, scored, sameType, hierarchy, true);
    }

    /**
     * As {@link #pairs(List, List, List, Set, DiseaseHierarchy)}; {@code sameTypeClose}: the same-type pairs get
     * {@link ClosePairFeatures} (the variant pairs always do).
     */
    static List<Pair> pairs(List<Mention> mentions, List<SentenceTokens> sentenceWords, List<SentencePair> scored,
                            Set<EntityType> sameType, DiseaseHierarchy hierarchy, boolean sameTypeClose) {
        return pairs(mentions, sentenceWords, scored, sameType, hierarchy, sameTypeClose, Set.of());
    }

    /**
     * As {@link #pairs(List, List, List, Set, DiseaseHierarchy, boolean)}, plus the session-9 feature families named
     * in {@code families} (a subset of {@link #FAMILIES}; the model dir's {@code pairs.features}): a pair model must
     * be read with the families it was trained with.
     */
    static List<Pair> pairs(List<Mention> mentions, List<SentenceTokens> sentenceWords, List<SentencePair> scored,
                            Set<EntityType> sameType, DiseaseHierarchy hierarchy, boolean sameTypeClose,
                            Set<String> families) {
        return pairs(mentions, sentenceWords, scored, sameType, hierarchy, sameTypeClose, families, null);
    }

    /**
     * As {@link #pairs(List, List, List, Set, DiseaseHierarchy, boolean, Set)}; the family {@code kb} reads
     * {@code knowledge} (session 14), which it needs.
     */
    static List<Pair> pairs(List<Mention> mentions, List<SentenceTokens> sentenceWords, List<SentencePair> scored,
                            Set<EntityType> sameType, DiseaseHierarchy hierarchy, boolean sameTypeClose,
                            Set<String> families, HetionetPairs knowledge) {
        if (!FAMILIES.containsAll(families)) {
            throw new IllegalArgumentException("unknown pair feature families " + families + "; known: " + FAMILIES);
        }
        if (families.contains("kb") && knowledge == null) {
            throw new IllegalArgumentException("pair feature family kb needs Hetionet's edges (HetionetPairs)");
        }
        List<Entity> entities = entities(mentions);
        Map<String, List<String>> rank = hierarchy == null ? Map.of() : hierarchyFeatures(entities, hierarchy);
        Map<EntityType, Integer> perType = new HashMap<>();
        Map<EntityType, Integer> topCount = new HashMap<>();
        for (Entity e : entities) {
            perType.merge(e.type(), 1, Integer::sum);
            topCount.merge(e.type(), e.mentions().size(), Math::max);
        }
        Map<String, Integer> frequencyRank = new HashMap<>();
        for (Entity e : entities) {
            int r = 1;
            for (Entity o : entities) {
                r += o.type() == e.type() && o.mentions().size() > e.mentions().size() ? 1 : 0;
            }
            frequencyRank.put(e.key(), r);
        }
        Map<String, List<SentencePair>> byPair = new HashMap<>();
        for (SentencePair sp : scored) {
            byPair.computeIfAbsent(entityKey(sp.subject()) + "\t" + entityKey(sp.object()), k -> new ArrayList<>()).add(sp);
        }
        List<Pair> out = new ArrayList<>();
        for (Entity a : entities) {
            for (Entity b : entities) {
                boolean same = a.type() == b.type() && a.type() != EntityType.VARIANT && sameType.contains(a.type())
                        && a.key().compareTo(b.key()) < 0;
                boolean variant = sameType.contains(EntityType.VARIANT) && variantOrder(a.type(), b.type());
                if (a == b || !(same || variant || RelationExtractor.candidateOrder(a.type(), b.type()))) {
                    continue;
                }
                List<SentencePair> sps = byPair.getOrDefault(a.key() + "\t" + b.key(), List.of());
                List<String> f = new ArrayList<>(features(a, b, sentenceWords, sps, perType, topCount));
                f.addAll(documentShape(a, b, sentenceWords.size(), frequencyRank));
                if ((same && sameTypeClose) || variant) { // session 9: no sentence model scores these families
                    f.addAll(ClosePairFeatures.of(a, b, sentenceWords, mentions));
                }
                f.addAll(session9(a, b, entities, sentenceWords, sps, families));
                if (families.contains("kb")) {
                    f.addAll(knowledge.features(a.type(), a.mentions().get(0).identifier(), b.type(),
                            b.mentions().get(0).identifier()));
                }
                if (families.contains("cross")) {
                    f.addAll(cross(f));
                }
                if (families.contains("family")) {
                    String fam = a.type() + ">" + b.type() + "|";
                    List<String> own = new ArrayList<>(f.size());
                    for (String x : f) {
                        own.add(fam + x);
                    }
                    f.addAll(own);
                }
                f = List.copyOf(new LinkedHashSet<>(f)); // one feature once (Tribuo refuses duplicates)
                List<String> extra = b.type() == EntityType.DISEASE ? rank.getOrDefault(b.key(), List.of()) : List.of();
                if (!extra.isEmpty()) {
                    List<String> all = new ArrayList<>(f);
                    for (String x : extra) {
                        all.add(x);
                        all.add(a.type() + ">" + b.type() + ":" + x);
                    }
                    f = List.copyOf(all);
                }
                out.add(new Pair(a, b, f, sps));
            }
        }
        return out;
    }

    /** Session 9: the variant pair families (variant→disease, chemical→variant), decided per document only. */
    static boolean variantOrder(EntityType a, EntityType b) {
        return (a == EntityType.VARIANT && b == EntityType.DISEASE) || (a == EntityType.CHEMICAL && b == EntityType.VARIANT);
    }

    /**
     * Session 7: where the pair stands in the document — each entity's frequency rank among its type (1 = most
     * mentioned), both ranks together, title presence joined with sentence co-occurrence, co-occurrence in the last
     * two sentences (the conclusion of an abstract), and the share of sentences that name the object. A pair model
     * trained without them ignores them (unknown feature names), so older model dirs score as before.
     */
    static List<String> documentShape(Entity a, Entity b, int sentences, Map<String, Integer> frequencyRank) {
        List<String> f = new ArrayList<>();
        int ra = Math.min(frequencyRank.getOrDefault(a.key(), 1), 3);
        int rb = Math.min(frequencyRank.getOrDefault(b.key(), 1), 3);
        f.add("rankS=" + ra);
        f.add("rankO=" + rb);
        f.add("rank=" + ra + "/" + rb);
        Set<Integer> sa = new java.util.TreeSet<>();
        Set<Integer> sb = new java.util.TreeSet<>();
        a.mentions().forEach(m -> sa.add(m.sentenceIndex()));
        b.mentions().forEach(m -> sb.add(m.sentenceIndex()));
        boolean co = false;
        boolean coLast = false;
        for (int x : sa) {
            if (sb.contains(x)) {
                co = true;
                coLast |= sentences >= 4 && x >= sentences - 2;
            }
        }
        f.add("titleCo=" + (a.inTitle() ? "S" : "-") + (b.inTitle() ? "O" : "-") + (co ? "+" : "0"));
        if (coLast) {
            f.add("coLast");
        }
        if (sentences > 0) {
            f.add("shareO=" + Math.min(3, sb.size() * 4 / sentences));
        }
        return f;
    }

    /** The features of the session-9 families asked for (empty for none). */
    static List<String> session9(Entity a, Entity b, List<Entity> entities, List<SentenceTokens> words,
                                 List<SentencePair> sps, Set<String> families) {
        List<String> f = new ArrayList<>();
        if (families.contains("sent")) {
            sentenceScores(a, b, sps, f);
        }
        if (families.contains("cues")) {
            cues(a, b, words, f);
        }
        if (families.contains("nested") && b.type() == EntityType.DISEASE) {
            nested(a, b, entities, f);
        }
        if ((families.contains("roles") || families.contains("outcome")) && a.type() == EntityType.CHEMICAL
                && b.type() == EntityType.DISEASE) {
            roles(a, b, entities, words, f, families.contains("roles"));
        }
        return f;
    }

    /** {@code sent}: how many co-occurrences the sentence model believes, their mean, where the best one stands. */
    private static void sentenceScores(Entity a, Entity b, List<SentencePair> sps, List<String> f) {
        Set<Integer> sentences = new java.util.TreeSet<>();
        sps.forEach(sp -> sentences.add(sp.sentence()));
        f.add("spSent=" + Math.min(sentences.size(), 4));
        Map<String, Double> best = new HashMap<>();
        for (RelationType t : RelationType.values()) {
            if (t.subjectType() != a.type() || t.objectType() != b.type() || sps.isEmpty()) {
                continue;
            }
            int high = 0;
            double sum = 0;
            SentencePair top = null;
            for (SentencePair sp : sps) {
                double p = sp.probabilities().getOrDefault(t.name(), 0.0);
                high += p >= 0.5 ? 1 : 0;
                sum += p;
                if (top == null || p > top.probabilities().getOrDefault(t.name(), 0.0)) {
                    top = sp;
                }
            }
            best.put(t.name(), top.probabilities().getOrDefault(t.name(), 0.0));
            f.add("spHigh:" + t + "=" + Math.min(high, 3));
            f.add("spMean:" + t + "=" + (int) Math.min(9, Math.floor(sum / sps.size() * 10)));
            if (top.sentence() == 0) {
                f.add("spTopTitle:" + t);
            }
        }
        if (best.size() > 1) {
            String win = best.entrySet().stream().max(Map.Entry.<String, Double>comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey())).orElseThrow().getKey();
            f.add("spWin=" + win);
        }
    }

    /** {@code cues}: cue classes between two mentions of a sentence (by their order), the word after the subject. */
    private static void cues(Entity a, Entity b, List<SentenceTokens> words, List<String> f) {
        for (Mention s : a.mentions()) {
            if (s.sentenceIndex() >= words.size()) {
                continue;
            }
            SentenceTokens st = words.get(s.sentenceIndex());
            int s0 = tokenAt(st, s.start());
            int s1 = tokenAfter(st, s);
            for (int k = s1; k < Math.min(st.words().size(), s1 + 2); k++) {
                String w = st.words().get(k).toLowerCase(Locale.ROOT);
                if (w.equals("-")) {
                    continue;
                }
                for (String t : List.of("toxic", "intoxic", "overdos", "poison", "abus", "withdraw", "exposure", "therapy",
                        "treatment", "administration", "use")) {
                    if (w.startsWith(t)) {
                        f.add("Safter=" + t);
                        break;
                    }
                }
                break;
            }
            for (Mention o : b.mentions()) {
                if (o.sentenceIndex() != s.sentenceIndex()) {
                    continue;
                }
                int o0 = tokenAt(st, o.start());
                int o1 = tokenAfter(st, o);
                boolean so = s0 < o0;
                int from = so ? s1 : o1;
                int to = so ? o0 : s0;
                if (to - from > 12) {
                    f.add("cueFar");
                    continue;
                }
                String order = so ? "SO:" : "OS:";
                f.add("cueGap=" + order + (to - from <= 3 ? to - from : to - from <= 6 ? "4-6" : "7+"));
                for (int k = Math.max(0, from); k < to; k++) {
                    String w = st.words().get(k).toLowerCase(Locale.ROOT);
                    for (String[] c : CUES) {
                        if (EXACT_CUES.contains(c[0]) ? w.equals(c[0]) : w.startsWith(c[0]) || w.contains("-" + c[0])) {
                            f.add("cue=" + order + c[1]);
                            break;
                        }
                    }
                }
            }
        }
    }

    /** Words just before a disease mention that make it the condition of a population or of a treatment. */
    private static final List<String> POPULATION_BEFORE = List.of("patient", "with", "treatment", "treating", "treat",
            "therapy", "management", "suffering", "history", "children", "adults", "women", "men", "subjects", "for",
            "against");

    /** Words around a disease mention that make it an outcome (something that happened). */
    private static final List<String> OUTCOME_NEAR = List.of("develop", "induc", "caus", "occur", "incidence", "onset",
            "experienc", "produc", "result", "episode", "provok", "complicat", "advers", "side", "toxic", "observ",
            "appear", "report", "sever", "fatal", "acute", "risk");

    /**
     * Session 10, {@code roles}: the role the disease plays in the abstract beside this subject — an outcome ("developed
     * Y", "Y occurred", "X-induced Y") or the condition of the population or of a treatment ("patients with Y", "for the
     * treatment of Y"); whether another subject is named as its inducer ("Z-induced Y"); whether the disease is named
     * before the subject first is (background) or only after it (outcome); whether it is named in the conclusion. Each
     * role also joined with the subject's standing (title, most frequent of its type), conjunctions a linear model
     * cannot form by itself. {@code outcome} is the same without the population/treatment words.
     */
    private static void roles(Entity a, Entity b, List<Entity> entities, List<SentenceTokens> words, List<String> f,
                              boolean withPopulation) {
        boolean outcome = false;
        boolean population = false;
        boolean inducedBySubject = false;
        boolean inducedByOther = false;
        for (Mention m : b.mentions()) {
            if (m.sentenceIndex() >= words.size()) {
                continue;
            }
            SentenceTokens st = words.get(m.sentenceIndex());
            int m0 = tokenAt(st, m.start());
            int m1 = tokenAfter(st, m);
            for (int k = Math.max(0, m0 - 3); k < m0; k++) {
                String w = st.words().get(k).toLowerCase(Locale.ROOT);
                outcome |= startsWithAny(w, OUTCOME_NEAR);
                population |= startsWithAny(w, POPULATION_BEFORE) && !w.startsWith("induc");
            }
            for (int k = m1; k < Math.min(st.words().size(), m1 + 3); k++) {
                String w = st.words().get(k).toLowerCase(Locale.ROOT);
                outcome |= startsWithAny(w, OUTCOME_NEAR) || w.equals("after") || w.equals("following");
            }
            // "X-induced Y" / "X induced Y": who stands right before the cue
            if (m0 >= 1 && st.words().get(m0 - 1).toLowerCase(Locale.ROOT).matches(".*(induc|associat|relat)ed")) {
                int cue = m0 - 1;
                int prev = cue - (cue >= 1 && st.words().get(cue - 1).equals("-") ? 2 : 1);
                String glued = st.words().get(cue).toLowerCase(Locale.ROOT);
                for (Entity e : entities) {
                    if (e.type() != a.type()) {
                        continue;
                    }
                    for (Mention x : e.mentions()) {
                        if (x.sentenceIndex() != m.sentenceIndex()) {
                            continue;
                        }
                        int x1 = tokenAfter(st, x);
                        boolean before = x1 == cue || x1 == prev + 1 || (glued.contains("-") && x1 == cue + 1
                                && tokenAt(st, x.start()) == cue);
                        if (before && e == a) {
                            inducedBySubject = true;
                        } else if (before) {
                            inducedByOther = true;
                        }
                    }
                }
            }
        }
        population &= withPopulation; // "outcome": the outcome side only (BioRED calls a treated disease a relation)
        String role = outcome && population ? "both" : outcome ? "out" : population ? "pop" : "none";
        String standing = (a.inTitle() ? "tS" : "-") + (a.mentions().size() >= 2 ? "n2" : "n1");
        f.add("role=" + role);
        f.add("role=" + role + "|" + standing);
        if (inducedBySubject) {
            f.add("inducedBySubject");
        }
        if (inducedByOther) {
            f.add("inducedByOther");
            f.add("inducedByOther|" + standing);
        }
        int firstS = Integer.MAX_VALUE;
        int firstO = Integer.MAX_VALUE;
        int lastSentence = -1;
        for (Mention m : a.mentions()) {
            if (m.sentenceIndex() > 0) {
                firstS = Math.min(firstS, m.sentenceIndex());
            }
        }
        for (Mention m : b.mentions()) {
            if (m.sentenceIndex() > 0) {
                firstO = Math.min(firstO, m.sentenceIndex());
            }
            lastSentence = Math.max(lastSentence, m.sentenceIndex());
        }
        String order = firstO == Integer.MAX_VALUE ? "titleOnly" : firstS == Integer.MAX_VALUE ? "noS"
                : firstO < firstS ? "Obefore" : firstO == firstS ? "Osame" : "Oafter";
        f.add("order=" + order);
        f.add("order=" + order + "|" + standing);
        f.add("role=" + role + "|order=" + order);
        if (words.size() >= 4 && lastSentence >= words.size() - 2) {
            f.add("Oconcl");
            f.add("Oconcl|" + standing);
        }
    }

    private static boolean startsWithAny(String w, List<String> prefixes) {
        for (String p : prefixes) {
            if (w.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Session 10, {@code cross}: conjunctions of the pair's main document-level features that a linear model cannot
     * form by itself (a poor man's degree-2 kernel): title presence, sentence co-occurrence, the best sentence score
     * (coarse), the frequency ranks, and each cue class and disease role, crossed with one another.
     */
    static List<String> cross(List<String> f) {
        String title = null;
        String co = null;
        String sp = null;
        int best = -1;
        String rank = null;
        Set<String> cues = new java.util.TreeSet<>();
        for (String x : f) {
            if (x.startsWith("title=")) {
                title = x.substring(6);
            } else if (x.startsWith("co=")) {
                co = x.substring(3);
            } else if (x.startsWith("rank=")) {
                rank = x.substring(5);
            } else if (x.startsWith("sp:") && !x.endsWith(">=0.5")) { // the best sentence score over the types
                String bucket = x.substring(x.indexOf('=') + 1);
                int b = bucket.equals("none") ? -1 : Integer.parseInt(bucket);
                if (sp == null || b > best) {
                    best = b;
                    sp = b < 0 ? "none" : x.substring(3, x.indexOf('=')) + (b < 3 ? "lo" : b < 6 ? "mid" : "hi");
                }
            } else if (x.startsWith("cue=")) {
                cues.add(x.substring(4));
            } else if (x.startsWith("role=") && !x.contains("|")) {
                cues.add(x);
            } else if (x.equals("inducedByOther") || x.equals("inducedBySubject") || x.startsWith("Safter=")) {
                cues.add(x);
            }
        }
        List<String> out = new ArrayList<>();
        String t = "T" + title;
        String c = "C" + co;
        String p = "P" + sp;
        String r = "R" + rank;
        out.add("x:" + t + "|" + c);
        out.add("x:" + t + "|" + p);
        out.add("x:" + c + "|" + p);
        out.add("x:" + r + "|" + p);
        out.add("x:" + t + "|" + r);
        for (String k : cues) {
            out.add("x:" + t + "|" + k);
            out.add("x:" + r + "|" + k);
            out.add("x:" + p + "|" + k);
        }
        return out;
    }

    /** {@code nested}: the disease's name inside a longer disease name of the document, or containing one. */
    private static void nested(Entity a, Entity b, List<Entity> entities, List<String> f) {
        Set<Integer> sa = new java.util.TreeSet<>();
        a.mentions().forEach(m -> sa.add(m.sentenceIndex()));
        Set<String> bk = names(b);
        for (Entity e : entities) {
            if (e == b || e.type() != EntityType.DISEASE) {
                continue;
            }
            Set<String> ek = names(e);
            boolean co = e.mentions().stream().anyMatch(m -> sa.contains(m.sentenceIndex()));
            if (inside(bk, ek)) {
                f.add("Onested");
                if (co) {
                    f.add("OnestedCo");
                }
            }
            if (inside(ek, bk)) {
                f.add("Onesting");
            }
        }
    }

    private static Set<String> names(Entity e) {
        Set<String> out = new java.util.HashSet<>();
        e.mentions().forEach(m -> out.add(Lexicon.key(m.text())));
        return out;
    }

    /** True when one of the inner names stands as whole words inside a longer one of the outer names. */
    static boolean inside(Set<String> inner, Set<String> outer) {
        for (String i : inner) {
            for (String o : outer) {
                if (!i.isEmpty() && o.length() > i.length() && (" " + o + " ").contains(" " + i + " ")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The index of the token that holds the character offset (the last token starting at or before it). */
    private static int tokenAt(SentenceTokens st, int offset) {
        int k = 0;
        for (int i = 0; i < st.begin().length; i++) {
            if (st.begin()[i] <= offset) {
                k = i;
            }
        }
        return k;
    }

    /** Per disease entity with a DOID: Ogeneral / Ospecific against the document's other diseases. */
    private static Map<String, List<String>> hierarchyFeatures(List<Entity> entities, DiseaseHierarchy h) {
        Map<String, List<String>> out = new HashMap<>();
        for (Entity d : entities) {
            String id = doid(d);
            if (id == null) {
                continue;
            }
            boolean general = false;
            boolean specific = false;
            for (Entity e : entities) {
                String other = e == d ? null : doid(e);
                if (other != null) {
                    general |= h.isAncestor(id, other);
                    specific |= h.isAncestor(other, id);
                }
            }
            List<String> f = new ArrayList<>();
            if (general) {
                f.add("Ogeneral");
            }
            if (specific) {
                f.add("Ospecific");
            }
            if (!f.isEmpty()) {
                out.put(d.key(), f);
            }
        }
        return out;
    }

    private static String doid(Entity e) {
        if (e.type() != EntityType.DISEASE) {
            return null;
        }
        String id = e.mentions().get(0).identifier();
        return id != null && id.startsWith("DOID:") ? id : null;
    }

    private static List<String> features(Entity a, Entity b, List<SentenceTokens> words, List<SentencePair> sps,
                                         Map<EntityType, Integer> perType, Map<EntityType, Integer> topCount) {
        Set<String> f = new LinkedHashSet<>();
        String fam = a.type() + ">" + b.type();
        f.add("fam=" + fam);
        Set<Integer> sa = new java.util.TreeSet<>();
        Set<Integer> sb = new java.util.TreeSet<>();
        a.mentions().forEach(m -> sa.add(m.sentenceIndex()));
        b.mentions().forEach(m -> sb.add(m.sentenceIndex()));
        List<Integer> co = new ArrayList<>();
        int minDist = Integer.MAX_VALUE;
        for (int x : sa) {
            for (int y : sb) {
                minDist = Math.min(minDist, Math.abs(x - y));
            }
            if (sb.contains(x)) {
                co.add(x);
            }
        }
        f.add("co=" + Math.min(co.size(), 3));
        f.add(fam + ":co=" + Math.min(co.size(), 3));
        f.add("dist=" + (minDist <= 2 ? Integer.toString(minDist) : minDist <= 4 ? "3-4" : "5+"));
        // the sentence-level classifier: best probability per relation type among the co-occurring mention pairs
        Map<String, Double> best = new HashMap<>();
        for (SentencePair sp : sps) {
            sp.probabilities().forEach((t, p) -> best.merge(t, p, Math::max));
        }
        for (RelationType t : RelationType.values()) {
            if (t.subjectType() == a.type() && t.objectType() == b.type()) {
                double p = best.getOrDefault(t.name(), -1.0);
                String bucket = p < 0 ? "none" : Integer.toString((int) Math.min(9, Math.floor(p * 10)));
                f.add("sp:" + t + "=" + bucket);
                if (p >= 0.5) {
                    f.add("sp:" + t + ">=0.5");
                }
            }
        }
        if (sps.isEmpty() && !co.isEmpty()) {
            f.add("coNotScored"); // co-occur only in sentences too long to be classified
        }
        boolean ta = a.inTitle();
        boolean tb = b.inTitle();
        f.add("title=" + (ta ? "S" : "-") + (tb ? "O" : "-"));
        if (co.contains(0)) {
            f.add("titleTogether");
        }
        f.add("nS=" + Math.min(a.mentions().size(), 4));
        f.add("nO=" + Math.min(b.mentions().size(), 4));
        if (a.mentions().size() == topCount.get(a.type())) {
            f.add("topS");
        }
        if (b.mentions().size() == topCount.get(b.type())) {
            f.add("topO");
        }
        if (a.mentions().size() == topCount.get(a.type()) && b.mentions().size() == topCount.get(b.type())) {
            f.add("topBoth");
        }
        f.add("typesS=" + Math.min(perType.get(a.type()), 5));
        f.add("typesO=" + Math.min(perType.get(b.type()), 5));
        f.add("firstS=" + Math.min(a.mentions().get(0).sentenceIndex(), 3));
        f.add("firstO=" + Math.min(b.mentions().get(0).sentenceIndex(), 3));
        if (!a.asserted()) {
            f.add("negS");
        }
        if (!b.asserted()) {
            f.add("negO");
        }
        for (int s : co) {
            if (s >= words.size()) {
                continue;
            }
            for (String w : words.get(s).words()) {
                String lw = w.toLowerCase(Locale.ROOT);
                for (String t : TRIGGER_PREFIXES) {
                    if (lw.startsWith(t)) {
                        f.add("trig=" + t);
                        f.add(fam + ":trig=" + t);
                        break;
                    }
                }
            }
        }
        // "cocaine-induced", "associated with": the words right after a subject mention
        for (Mention m : a.mentions()) {
            if (m.sentenceIndex() >= words.size()) {
                continue;
            }
            List<String> ws = words.get(m.sentenceIndex()).words();
            int end = tokenAfter(words.get(m.sentenceIndex()), m);
            for (int k = end; k < Math.min(ws.size(), end + 2); k++) {
                String w = ws.get(k).toLowerCase(Locale.ROOT);
                if (w.equals("-")) {
                    continue;
                }
                if (w.startsWith("induc") || w.startsWith("associat") || w.startsWith("relat") || w.startsWith("treat")) {
                    f.add("Snext=" + w);
                }
                break;
            }
        }
        String head = headWord(b);
        if (head != null) {
            f.add("Ohead=" + head);
        }
        return List.copyOf(f);
    }

    /** The index of the first token that starts at or after the mention's end. */
    private static int tokenAfter(SentenceTokens st, Mention m) {
        for (int i = 0; i < st.begin().length; i++) {
            if (st.begin()[i] >= m.end()) {
                return i;
            }
        }
        return st.begin().length;
    }

    /** Last word of the entity's most frequent surface form, folded (generic heads like "toxicity" mean less). */
    private static String headWord(Entity e) {
        Map<String, Integer> c = new HashMap<>();
        for (Mention m : e.mentions()) {
            c.merge(Lexicon.key(m.text()), 1, Integer::sum);
        }
        String best = c.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey())).map(Map.Entry::getKey).orElse("");
        String[] w = best.split(" ");
        return w.length == 0 || w[w.length - 1].isEmpty() ? null : w[w.length - 1];
    }
}
