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
