package io.repurpose.nlp;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Document-level pair features on a hand-written three-sentence document. */
class PairFeaturesTest {

    // sentence 0: "Lithium-induced polyuria ."  sentence 1: "Rats were treated ."  sentence 2: "No polyuria after lithium ."
    private static final String[][] WORDS = {
        {"Lithium", "-", "induced", "polyuria", "."},
        {"Rats", "were", "treated", "."},
        {"No", "polyuria", "after", "lithium", "."},
    };

    private static List<PairFeatures.SentenceTokens> tokens() {
        List<PairFeatures.SentenceTokens> out = new ArrayList<>();
        int off = 0;
        for (String[] s : WORDS) {
            int[] begin = new int[s.length];
            for (int i = 0; i < s.length; i++) {
                begin[i] = off;
                off += s[i].length() + 1;
            }
            out.add(new PairFeatures.SentenceTokens(List.of(s), begin));
        }
        return out;
    }

    private static Mention mention(EntityType t, String text, int start, int sentence, String id, String mesh,
                                   Set<ContextFlag> flags) {
        return new Mention(t, text, start, start + text.length(), sentence, id, null, Map.of("MESH", mesh), 0.9, flags);
    }

    @Test
    void groupsMentionsByEntityAndDescribesTheirCoOccurrence() {
        Mention li0 = mention(EntityType.CHEMICAL, "Lithium", 0, 0, "DB01356", "D008094", Set.of());
        Mention po0 = mention(EntityType.DISEASE, "polyuria", 18, 0, "DOID:1", "D011141", Set.of());
        Mention ra1 = mention(EntityType.DISEASE, "Rats", 29, 1, null, "D0", Set.of());
        Mention po2 = mention(EntityType.DISEASE, "polyuria", 52, 2, "DOID:1", "D011141", Set.of(ContextFlag.NEGATED));
        Mention li2 = mention(EntityType.CHEMICAL, "lithium", 67, 2, "DB01356", "D008094", Set.of());
        PairFeatures.SentencePair sp = new PairFeatures.SentencePair(0, li0, po0, Map.of("CAUSES", 0.9, "NONE", 0.1), List.of("induced"));
        List<PairFeatures.Pair> pairs = PairFeatures.pairs(List.of(li0, po0, ra1, po2, li2), tokens(), List.of(sp));

        assertEquals(2, pairs.size(), pairs.toString()); // lithium→polyuria, lithium→"Rats"; no disease→chemical pair
        PairFeatures.Pair lp = pairs.stream().filter(p -> p.object().key().equals("DISEASE:DOID:1")).findFirst().orElseThrow();
        assertEquals(2, lp.subject().mentions().size());
        assertEquals(2, lp.object().mentions().size());
        List<String> f = lp.features();
        assertTrue(f.contains("co=2"), f.toString());
        assertTrue(f.contains("dist=0"), f.toString());
        assertTrue(f.contains("sp:CAUSES=9"), f.toString());
        assertTrue(f.contains("sp:CAUSES>=0.5"), f.toString());
        assertTrue(f.contains("titleTogether"), f.toString());
        assertTrue(f.contains("Snext=induced"), f.toString());
        assertTrue(f.contains("trig=induc"), f.toString());
        assertTrue(f.contains("Ohead=polyuria"), f.toString());
        assertFalse(f.contains("negO"), "one polyuria mention is asserted: " + f);
        // session 7: frequency ranks, title x co-occurrence, share of sentences naming the object
        assertTrue(f.containsAll(List.of("rankS=1", "rankO=1", "rank=1/1", "titleCo=SO+", "shareO=2")), f.toString());
        assertFalse(f.contains("coLast"), "three sentences are too few for a conclusion: " + f);

        PairFeatures.Pair lr = pairs.stream().filter(p -> p.object().key().equals("DISEASE:MESH:D0")).findFirst().orElseThrow();
        assertTrue(lr.features().contains("co=0"), lr.features().toString());
        assertTrue(lr.features().contains("dist=1"), lr.features().toString());
        assertTrue(lr.features().contains("sp:CAUSES=none"), lr.features().toString());
        assertTrue(lr.sentencePairs().isEmpty());
        assertTrue(lr.features().containsAll(List.of("rankO=2", "rank=1/2", "titleCo=S-0", "shareO=1")),
                lr.features().toString());
    }

    @Test
    void session9FamiliesOnlyWhenAsked() {
        Mention li0 = mention(EntityType.CHEMICAL, "Lithium", 0, 0, "DB01356", "D008094", Set.of());
        Mention po0 = mention(EntityType.DISEASE, "polyuria", 18, 0, "DOID:1", "D011141", Set.of());
        Mention nested = mention(EntityType.DISEASE, "treated polyuria", 34, 1, "DOID:2", "D2", Set.of());
        Mention po2 = mention(EntityType.DISEASE, "polyuria", 52, 2, "DOID:1", "D011141", Set.of(ContextFlag.NEGATED));
        Mention li2 = mention(EntityType.CHEMICAL, "lithium", 67, 2, "DB01356", "D008094", Set.of());
        PairFeatures.SentencePair sp0 = new PairFeatures.SentencePair(0, li0, po0, Map.of("CAUSES", 0.9, "TREATS", 0.05), List.of());
        PairFeatures.SentencePair sp2 = new PairFeatures.SentencePair(2, li2, po2, Map.of("CAUSES", 0.3, "TREATS", 0.1), List.of());
        List<Mention> ms = List.of(li0, po0, nested, po2, li2);
        List<PairFeatures.SentencePair> sps = List.of(sp0, sp2);
        PairFeatures.Pair plain = polyuria(PairFeatures.pairs(ms, tokens(), sps, Set.of(), null, true, Set.of()));
        assertEquals(polyuria(PairFeatures.pairs(ms, tokens(), sps)).features(), plain.features(), "no family: session-8 features");
        assertTrue(plain.features().stream().noneMatch(f -> f.startsWith("cue") || f.startsWith("sp") && !f.startsWith("sp:")
                || f.startsWith("Onest") || f.contains("|")), plain.features().toString());

        List<String> f = polyuria(PairFeatures.pairs(ms, tokens(), sps, Set.of(), null, true, PairFeatures.FAMILIES,
                HetionetPairs.of(List.of()))).features();
        // sent: one of two scored sentences at >= 0.5, mean 0.6, the best one in the title, CAUSES beats TREATS
        assertTrue(f.containsAll(List.of("spSent=2", "spHigh:CAUSES=1", "spMean:CAUSES=6", "spTopTitle:CAUSES",
                "spHigh:TREATS=0", "spWin=CAUSES")), f.toString());
        // cues: "Lithium - induced polyuria" (subject first), "polyuria after lithium" (object first)
        assertTrue(f.containsAll(List.of("cue=SO:induce", "cueGap=SO:2", "cue=OS:after", "cueGap=OS:1")), f.toString());
        assertFalse(f.contains("cue=SO:after"), f.toString());
        // nested: "polyuria" stands inside "treated polyuria" (not co-occurring with lithium)
        assertTrue(f.contains("Onested") && !f.contains("OnestedCo") && !f.contains("Onesting"), f.toString());
        List<String> outer = PairFeatures.pairs(ms, tokens(), sps, Set.of(), null, true, Set.of("nested")).stream()
                .filter(p -> p.object().key().equals("DISEASE:DOID:2")).findFirst().orElseThrow().features();
        assertTrue(outer.contains("Onesting") && !outer.contains("Onested"), outer.toString());
        // family: every feature also under the pair family's prefix
        assertTrue(f.containsAll(List.of("CHEMICAL>DISEASE|co=2", "CHEMICAL>DISEASE|cue=SO:induce", "CHEMICAL>DISEASE|rankS=1")),
                f.toString());
        assertEquals(f.size(), new java.util.HashSet<>(f).size(), "no feature twice");
        assertThrows(IllegalArgumentException.class, () -> PairFeatures.pairs(ms, tokens(), sps, Set.of(), null, true, Set.of("colour")));
    }

    /** Session 10, {@code roles}: the disease as an outcome, as the population's condition, induced by another drug. */
    @Test
    void rolesTellAnOutcomeFromAPopulationsCondition() {
        String[][] words = {
            {"Lithium", "-", "induced", "polyuria", "."},
            {"Patients", "with", "depression", "received", "lithium", "."},
            {"Cocaine", "-", "induced", "seizures", "were", "seen", "."},
            {"Nothing", "else", "."},
        };
        List<PairFeatures.SentenceTokens> st = new ArrayList<>();
        int off = 0;
        for (String[] w : words) {
            int[] begin = new int[w.length];
            for (int i = 0; i < w.length; i++) {
                begin[i] = off;
                off += w[i].length() + 1;
            }
            st.add(new PairFeatures.SentenceTokens(List.of(w), begin));
        }
        Mention li0 = mention(EntityType.CHEMICAL, "Lithium", st.get(0).begin()[0], 0, "DB01356", "D008094", Set.of());
        Mention po0 = mention(EntityType.DISEASE, "polyuria", st.get(0).begin()[3], 0, "DOID:1", "D011141", Set.of());
        Mention de1 = mention(EntityType.DISEASE, "depression", st.get(1).begin()[2], 1, "DOID:2", "D003863", Set.of());
        Mention li1 = mention(EntityType.CHEMICAL, "lithium", st.get(1).begin()[4], 1, "DB01356", "D008094", Set.of());
        Mention co2 = mention(EntityType.CHEMICAL, "Cocaine", st.get(2).begin()[0], 2, "DB00907", "D003042", Set.of());
        Mention se2 = mention(EntityType.DISEASE, "seizures", st.get(2).begin()[3], 2, "DOID:3", "D012640", Set.of());
        List<PairFeatures.Pair> pairs = PairFeatures.pairs(List.of(li0, po0, de1, li1, co2, se2), st, List.of(), Set.of(),
                null, true, Set.of("roles"));
        List<String> polyuria = pair(pairs, "DB01356", "DOID:1");
        assertTrue(polyuria.containsAll(List.of("inducedBySubject", "role=out", "role=out|tSn2", "order=titleOnly")),
                polyuria.toString());
        assertFalse(polyuria.contains("inducedByOther"), polyuria.toString());
        List<String> depression = pair(pairs, "DB01356", "DOID:2");
        assertTrue(depression.containsAll(List.of("role=pop", "role=pop|tSn2", "order=Osame")), depression.toString());
        assertFalse(depression.contains("inducedBySubject"), depression.toString());
        List<String> seizures = pair(pairs, "DB01356", "DOID:3");
        assertTrue(seizures.containsAll(List.of("inducedByOther", "inducedByOther|tSn2", "role=out", "order=Oafter")),
                seizures.toString());
        List<String> cocaine = pair(pairs, "DB00907", "DOID:3");
        assertTrue(cocaine.containsAll(List.of("inducedBySubject", "role=out|-n1")), cocaine.toString());
        assertFalse(cocaine.contains("inducedByOther"), cocaine.toString());
        assertTrue(PairFeatures.pairs(List.of(li0, po0, de1, li1, co2, se2), st, List.of()).stream()
                .allMatch(p -> p.features().stream().noneMatch(x -> x.startsWith("role") || x.startsWith("induced"))),
                "no roles unless asked");
    }

    /** Session 10, {@code cross}: conjunctions of title, co-occurrence, the best sentence score, ranks and cues. */
    @Test
    void crossJoinsTheMainFeatures() {
        List<String> x = PairFeatures.cross(List.of("title=S-", "co=1", "rank=1/2", "sp:TREATS=2", "sp:CAUSES=8",
                "cue=SO:induce", "role=pop", "role=pop|tSn2"));
        assertTrue(x.containsAll(List.of("x:TS-|C1", "x:TS-|PCAUSEShi", "x:C1|PCAUSEShi", "x:R1/2|PCAUSEShi",
                "x:TS-|R1/2", "x:TS-|SO:induce", "x:R1/2|SO:induce", "x:PCAUSEShi|SO:induce", "x:TS-|role=pop")),
                x.toString());
        assertFalse(x.stream().anyMatch(f -> f.contains("tSn2")), x.toString());
        assertTrue(PairFeatures.cross(List.of("title=--", "co=0", "sp:CAUSES=none")).contains("x:C0|Pnone"));
    }

    private static List<String> pair(List<PairFeatures.Pair> pairs, String s, String o) {
        return pairs.stream().filter(p -> p.subject().key().equals("CHEMICAL:" + s) && p.object().key().equals("DISEASE:" + o))
                .findFirst().orElseThrow().features();
    }

    private static PairFeatures.Pair polyuria(List<PairFeatures.Pair> pairs) {
        return pairs.stream().filter(p -> p.object().key().equals("DISEASE:DOID:1")).findFirst().orElseThrow();
    }

    @Test
    void documentShapeMarksCoOccurrenceInTheConclusion() {
        PairFeatures.Entity c = new PairFeatures.Entity("CHEMICAL:x", EntityType.CHEMICAL, List.of(
                mention(EntityType.CHEMICAL, "x", 0, 1, null, "D1", Set.of()),
                mention(EntityType.CHEMICAL, "x", 90, 4, null, "D1", Set.of())));
        PairFeatures.Entity d = new PairFeatures.Entity("DISEASE:y", EntityType.DISEASE, List.of(
                mention(EntityType.DISEASE, "y", 95, 4, null, "D2", Set.of())));
        List<String> f = PairFeatures.documentShape(c, d, 5, Map.of("CHEMICAL:x", 1, "DISEASE:y", 4));
        assertTrue(f.containsAll(List.of("coLast", "titleCo=--+", "rank=1/3", "shareO=0")), f.toString());
        assertFalse(PairFeatures.documentShape(c, d, 9, Map.of()).contains("coLast"), "sentence 4 of 9 is no conclusion");
    }

    @Test
    void sameTypePairsOnlyWhenAskedAndOncePerUnorderedPair() {
        Mention li0 = mention(EntityType.CHEMICAL, "Lithium", 0, 0, "DB01356", "D008094", Set.of());
        Mention po0 = mention(EntityType.DISEASE, "polyuria", 18, 0, "DOID:1", "D011141", Set.of());
        Mention li2 = mention(EntityType.CHEMICAL, "lithium", 67, 2, "DB01356", "D008094", Set.of());
        Mention ra1 = mention(EntityType.CHEMICAL, "Rats", 29, 1, "DB00001", "D0", Set.of());
        Mention ge1 = new Mention(EntityType.GENE, "were", 34, 38, 1, "7157", null, Map.of(), 0.8, Set.of());
        List<Mention> ms = List.of(li0, po0, ra1, ge1, li2);

        assertEquals(5, PairFeatures.pairs(ms, tokens(), List.of()).size()); // chemical→disease/gene, gene→disease
        List<PairFeatures.Pair> pairs = PairFeatures.pairs(ms, tokens(), List.of(), PairTrainer.SAME_TYPE);
        List<PairFeatures.Pair> same = pairs.stream().filter(p -> p.subject().type() == p.object().type()).toList();
        assertEquals(1, same.size(), pairs.toString()); // lithium–"Rats" once (one gene: no gene–gene pair)
        PairFeatures.Pair cc = same.get(0);
        assertTrue(cc.subject().key().compareTo(cc.object().key()) < 0, cc.toString());
        assertTrue(cc.features().contains("fam=CHEMICAL>CHEMICAL"), cc.features().toString());
        assertTrue(cc.features().contains("dist=1"), cc.features().toString());
        assertTrue(cc.features().contains("sp:CHEMICAL_INTERACTS=none"), cc.features().toString());
        assertEquals(6, pairs.size(), pairs.toString());
    }

    @Test
    void hetionetEdgesAndTwoStepPathsDescribeThePair() {
        // lithium treats polyuria and binds two genes, one of them associated with polyuria; the genes interact
        HetionetPairs kb = HetionetPairs.of(List.of(new String[] {"DB01356", "CtD", "DOID:1"},
                new String[] {"DB01356", "CbG", "7157"}, new String[] {"DB01356", "CbG", "2625"},
                new String[] {"DOID:1", "DaG", "7157"}, new String[] {"2625", "GiG", "7157"},
                new String[] {"DOID:3", "DaG", "2625"}));
        assertEquals(List.of("kb:CtD", "kb:CbG*DaG=1"), kb.features(EntityType.CHEMICAL, "DB01356", EntityType.DISEASE, "DOID:1"));
        assertEquals(List.of("kb:DaG"), kb.features(EntityType.GENE, "7157", EntityType.DISEASE, "DOID:1"));
        assertEquals(List.of("kb:GiG*DaG=1"), kb.features(EntityType.GENE, "7157", EntityType.DISEASE, "DOID:3"));
        // GiG is undirected: either order
        assertEquals(List.of("kb:GiG"), kb.features(EntityType.GENE, "7157", EntityType.GENE, "2625"));
        assertEquals(List.of("kb:GiG"), kb.features(EntityType.GENE, "2625", EntityType.GENE, "7157"));
        assertEquals(List.of("kb:CbG"), kb.features(EntityType.CHEMICAL, "DB01356", EntityType.GENE, "2625").subList(0, 1));
        assertEquals(List.of("kb:none"), kb.features(EntityType.DISEASE, "DOID:1", EntityType.DISEASE, "DOID:3"));
        assertEquals(List.of("kb:unmapped"), kb.features(EntityType.CHEMICAL, null, EntityType.DISEASE, "DOID:1"));
        assertEquals(List.of("kb:unmapped"), kb.features(EntityType.CHEMICAL, "DB99999", EntityType.DISEASE, "DOID:1"));

        Mention li0 = mention(EntityType.CHEMICAL, "Lithium", 0, 0, "DB01356", "D008094", Set.of());
        Mention po0 = mention(EntityType.DISEASE, "polyuria", 18, 0, "DOID:1", "D011141", Set.of());
        List<String> f = PairFeatures.pairs(List.of(li0, po0), tokens(), List.of(), Set.of(), null, true, Set.of("kb"), kb)
                .get(0).features();
        assertTrue(f.contains("kb:CtD") && f.contains("kb:CbG*DaG=1"), f.toString());
        assertFalse(PairFeatures.pairs(List.of(li0, po0), tokens(), List.of(), Set.of(), null, true, Set.of(), kb)
                .get(0).features().stream().anyMatch(x -> x.startsWith("kb:")), "family off: no kb feature");
        assertThrows(IllegalArgumentException.class, () -> PairFeatures.pairs(List.of(li0, po0), tokens(), List.of(),
                Set.of(), null, true, Set.of("kb"), null), "kb without the edges is an error, not silence");
    }

    @Test
    void hetionetPairsReadTheSharedEdgeFile() {
        HetionetPairs kb = HetionetPairs.forData(TestData.sharedData());
        assertTrue(kb == HetionetPairs.forData(TestData.sharedData()), "read once per process");
        // Hetionet v1.0: metformin (DB00331) treats type 2 diabetes (DOID:9352); TP53 (7157) is associated with
        // breast cancer (DOID:1612)
        assertTrue(kb.features(EntityType.CHEMICAL, "DB00331", EntityType.DISEASE, "DOID:9352").contains("kb:CtD"));
        assertTrue(kb.features(EntityType.GENE, "7157", EntityType.DISEASE, "DOID:1612").contains("kb:DaG"));
        assertThrows(IllegalStateException.class, () -> HetionetPairs.load(java.nio.file.Path.of("/nonexistent")));
    }

    @Test
    void diseaseOntologyAncestorsMarkTheGeneralDisease() {
        DiseaseHierarchy h = DiseaseHierarchy.of(Map.of("DOID:3", List.of("DOID:2"), "DOID:2", List.of("DOID:1")));
        assertTrue(h.isAncestor("DOID:1", "DOID:3"));
        assertFalse(h.isAncestor("DOID:3", "DOID:1"));
        assertFalse(h.isAncestor("DOID:3", "DOID:3"));
        Mention li0 = mention(EntityType.CHEMICAL, "Lithium", 0, 0, "DB01356", "D008094", Set.of());
        Mention general = mention(EntityType.DISEASE, "polyuria", 18, 0, "DOID:1", "D011141", Set.of());
        Mention specific = mention(EntityType.DISEASE, "Rats", 29, 1, "DOID:3", "D0", Set.of());
        List<PairFeatures.Pair> pairs = PairFeatures.pairs(List.of(li0, general, specific), tokens(), List.of(), Set.of(), h);
        PairFeatures.Pair g = pairs.stream().filter(p -> p.object().key().equals("DISEASE:DOID:1")).findFirst().orElseThrow();
        PairFeatures.Pair s = pairs.stream().filter(p -> p.object().key().equals("DISEASE:DOID:3")).findFirst().orElseThrow();
        assertTrue(g.features().contains("Ogeneral"), g.features().toString());
        assertTrue(g.features().contains("CHEMICAL>DISEASE:Ogeneral"), g.features().toString());
        assertFalse(g.features().contains("Ospecific"), g.features().toString());
        assertTrue(s.features().contains("Ospecific"), s.features().toString());
        assertFalse(PairFeatures.pairs(List.of(li0, general, specific), tokens(), List.of()).get(0).features()
                .contains("Ogeneral"), "no hierarchy, no feature");
    }

    @Test
    void diseaseOntologyFileLoads() {
        DiseaseHierarchy h = DiseaseHierarchy.load(TestData.sharedData());
        // DO 2016: "cholestasis" (DOID:13580) is_a "bile duct disease" (DOID:4138) is_a "biliary tract disease" (DOID:9741)
        assertTrue(h.isAncestor("DOID:9741", "DOID:13580"));
        assertFalse(h.isAncestor("DOID:13580", "DOID:9741"));
    }

    @Test
    void closePairFeaturesSeparateAnInteractionFromAList() {
        // "Binding of TP53 to MDM2 , but not BRCA1 , KRAS and EGFR ."
        String[] w = {"Binding", "of", "TP53", "to", "MDM2", ",", "but", "not", "BRCA1", ",", "KRAS", "and", "EGFR", "."};
        int[] begin = new int[w.length];
        int off = 0;
        for (int i = 0; i < w.length; i++) {
            begin[i] = off;
            off += w[i].length() + 1;
        }
        List<PairFeatures.SentenceTokens> st = List.of(new PairFeatures.SentenceTokens(List.of(w), begin));
        List<Mention> ms = new ArrayList<>();
        for (int i : new int[] {2, 4, 8, 10, 12}) {
            ms.add(new Mention(EntityType.GENE, w[i], begin[i], begin[i] + w[i].length(), 0, w[i], null, Map.of(), 0.8, Set.of()));
        }
        List<PairFeatures.Pair> pairs = PairFeatures.pairs(ms, st, List.of(), PairTrainer.SAME_TYPE);
        assertEquals(10, pairs.size(), pairs.toString());
        List<String> bound = features(pairs, "MDM2", "TP53");
        assertTrue(bound.containsAll(List.of("GENE>GENE:gap=1-2", "GENE>GENE:single=to", "GENE>GENE:prev=of",
                "GENE>GENE:nounOf=bind", "GENE>GENE:others=0", "GENE>GENE:crowd=4-5")), bound.toString());
        assertFalse(bound.contains("GENE>GENE:listOnly"), bound.toString());
        List<String> listed = features(pairs, "EGFR", "KRAS");
        assertTrue(listed.containsAll(List.of("GENE>GENE:listOnly", "GENE>GENE:single=and")), listed.toString());
        List<String> far = features(pairs, "BRCA1", "TP53");
        assertTrue(far.containsAll(List.of("GENE>GENE:gap=3-5", "GENE>GENE:others=1")), far.toString());
        assertFalse(far.contains("GENE>GENE:listOnly"), "'to', 'but', 'not' are no list: " + far);
        assertTrue(PairFeatures.pairs(ms, st, List.of(), PairTrainer.SAME_TYPE, null, false).stream()
                .allMatch(p -> p.features().stream().noneMatch(x -> x.startsWith("GENE>GENE:gap"))), "switched off");
        // families with a sentence model get none of them
        Mention c = new Mention(EntityType.CHEMICAL, "Binding", 0, 7, 0, "DB1", null, Map.of("MESH", "D1"), 0.8, Set.of());
        List<Mention> withChemical = new ArrayList<>(ms);
        withChemical.add(0, c);
        PairFeatures.pairs(withChemical, st, List.of(), PairTrainer.SAME_TYPE).stream()
                .filter(p -> p.subject().type() != p.object().type())
                .forEach(p -> assertTrue(p.features().stream().noneMatch(x -> x.contains(">GENE:gap")), p.features().toString()));
    }

    private static List<String> features(List<PairFeatures.Pair> pairs, String a, String b) {
        return pairs.stream().filter(p -> p.subject().key().equals("GENE:" + a) && p.object().key().equals("GENE:" + b))
                .findFirst().orElseThrow().features();
    }
}
