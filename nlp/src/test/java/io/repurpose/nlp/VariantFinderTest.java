package io.repurpose.nlp;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Variant notations and the tmVar-style ids BioRED gives them (examples from BioRED train). */
class VariantFinderTest {

    private static List<String> ids(String text) {
        return VariantFinder.find(text).stream().map(VariantFinder.Found::id).toList();
    }

    @Test
    void proteinSubstitutionsInOneAndThreeLetterCodes() {
        assertEquals(List.of("p|SUB|V|600|E"), ids("BRAF V600E mutation"));
        assertEquals(List.of("p|SUB|V|600|E"), ids("the p.Val600Glu change"));
        assertEquals(List.of("p|SUB|R|158|P"), ids("Arg158 Pro"));
        assertEquals(List.of("p|SUB|R|34|X"), ids("nonsense p.R34X"));
        assertEquals(List.of("p|SUB|V|600|E"), ids("V600E-positive tumours"));
    }

    @Test
    void dnaChangesDefaultToCodingAndKeepTheirPrefix() {
        assertEquals(List.of("g|SUB|T|3318-6|A"), ids("g.3318-6T>A"));
        assertEquals(List.of("c|SUB|C|-107|T"), ids("the -107C/T polymorphism"));
        assertEquals(List.of("c|SUB|C|262|T"), ids("C262T"), "nucleotide letters only: a DNA change");
        assertEquals(List.of("c|DEL|4153|A", "c|INS|5382|C"), ids("4153delA and 5382insC"));
        assertEquals(List.of("c|INS|217_218|C"), ids("217_218insC"));
        assertEquals(List.of("c|DUP|899|C|"), ids("899dupC"));
        assertEquals(List.of("c|DEL||32"), ids("CCR5 Delta32"));
    }

    @Test
    void frameshiftsAndDbSnpIds() {
        assertEquals(List.of("p|FS|G|204|V|17"), ids("p.G204VfsX17"));
        assertEquals(List.of("p|FS|P|686||"), ids("P686fs"));
        assertEquals(List.of("rs2476601", "p|SUB|R|620|W"), ids("rs2476601 (R620W)"));
    }

    @Test
    void leavesDiseaseAbbreviationsCellLinesAndGenesAlone() {
        assertEquals(List.of(), ids("T2D and T1D patients, A549 cells, S100B, IL6R, the H1N1 virus"));
        VariantFinder.Found f = VariantFinder.find("in A53T mice").get(0);
        assertEquals(3, f.start());
        assertEquals(7, f.end());
    }
}
