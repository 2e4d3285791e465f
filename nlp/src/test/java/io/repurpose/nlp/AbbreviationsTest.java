package io.repurpose.nlp;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AbbreviationsTest {

    @Test
    void schwartzHearstLongForms() {
        List<Abbreviations.Definition> d = Abbreviations.find("Patients with non-small cell lung cancer (NSCLC) were seen.");
        assertEquals(1, d.size());
        assertEquals("NSCLC", d.get(0).shortForm());
        assertEquals("non-small cell lung cancer", d.get(0).longForm());
        assertTrue(Abbreviations.find("It was seen in all groups (p < 0.05).").isEmpty());
    }

    @Test
    void reachTakesShortFormsInsideTheLongFormWordAndBracketedNames() {
        String ato = "Rats were given Atorvastatin (Ato) daily.";
        assertTrue(Abbreviations.find(ato).isEmpty(), "the session-2 rule refuses a long form containing the short form");
        List<Abbreviations.Definition> d = Abbreviations.find(ato, true);
        assertEquals(1, d.size());
        assertEquals("Atorvastatin", d.get(0).longForm());
        assertEquals("D-penicillamine", Abbreviations.find("treated with D-penicillamine (D-pen) for weeks", true).get(0).longForm());
        assertTrue(Abbreviations.find("the HbA1c level of HbA1c (HbA1c)", true).isEmpty(), "a whole-word repeat is no definition");

        // brackets inside a word no longer end the window (S&H's letters of "NFTF" stand behind them)
        String bracketed = "aspirin with N-[4-(5-nitro-2-furyl)-2-thiazolyl]-formamide (NFTF) in the diet";
        assertTrue(Abbreviations.find(bracketed).isEmpty());
        List<Abbreviations.Definition> f = Abbreviations.find(bracketed, true);
        assertEquals(1, f.size());
        assertTrue(f.get(0).longForm().endsWith("-2-furyl)-2-thiazolyl]-formamide"), f.get(0).longForm());
        // a parenthetical phrase before the long form still ends the window
        List<Abbreviations.Definition> p = Abbreviations.find("in rats (n = 8) pyrrolidine dithiocarbamate (PDTC) was given", true);
        assertEquals("pyrrolidine dithiocarbamate", p.get(0).longForm());
        assertTrue(Abbreviations.containsWord("a HbA1c b", "HbA1c"));
        assertFalse(Abbreviations.containsWord("Atorvastatin", "Ato"));
    }

    @Test
    void firstItemOfAParenthesisHoldingAList() {
        String text = "by hemorrhage (HEM, n = 7) or by infusion of sodium nitroprusside (SNP; 10 dogs, 2 h) alone";
        assertTrue(Abbreviations.find(text).isEmpty(), "without the option a list is no short form");
        List<Abbreviations.Definition> d = Abbreviations.find(text, false, true);
        assertEquals(2, d.size(), d.toString());
        assertEquals("HEM", d.get(0).shortForm());
        assertEquals("hemorrhage", d.get(0).longForm());
        assertEquals("SNP", d.get(1).shortForm());
        assertEquals("sodium nitroprusside", d.get(1).longForm());
        assertEquals(text.indexOf("SNP"), d.get(1).shortStart());
        assertTrue(Abbreviations.find("in all groups (n = 7, p < 0.05) alike", false, true).isEmpty());
        assertTrue(Abbreviations.find("non-small cell lung cancer (a long parenthetical remark) alike", false, true).isEmpty(),
                "without a separator a parenthesis still holds at most 12 characters");
    }

    @Test
    void longFormsHeadedByAnEnzymeProteinOrCellNameNoChemical() {
        assertTrue(Abbreviations.namesAThing("clomiphene citrate"));
        assertTrue(Abbreviations.namesAThing("grape seed proanthocyanidin extract"));
        assertFalse(Abbreviations.namesAThing("neuronal nitric oxide synthase"));
        assertFalse(Abbreviations.namesAThing("hepatitis B virus"));
        assertFalse(Abbreviations.namesAThing("cancer stem cells"));
    }

    @Test
    void bracketedWordsThatCouldNameWhatStandsBeforeThem() {
        String text = "Rats got morphine (i.v.), copper (II), benzylpenicillin (PG) (n = 5) and Pentoxifylline (Trental)"
                + " (1988) or iron(III) (10%).";
        List<Abbreviations.Bracketed> b = Abbreviations.bracketed(text);
        assertEquals(List.of("PG", "Trental"), b.stream().map(Abbreviations.Bracketed::word).toList());
        Abbreviations.Bracketed pg = b.get(0);
        assertEquals("PG", text.substring(pg.start(), pg.end()));
        assertEquals(text.indexOf("(PG)"), pg.bracket());
        assertTrue(Abbreviations.find(text).stream().noneMatch(d -> d.shortForm().equals("PG")),
                "benzylpenicillin holds no G: Schwartz and Hearst's rule defines no PG");
    }

    @Test
    void bracketedWordsShapedLikeVariantsOrQuantitiesNameNoChemical() {
        for (String w : List.of("R227Q", "C677T", "Arg227Gln", "rs1801133", "G204VfsX17", "AAC", "CAG", "100mg/kg",
                "5mg", "24h", "10-20mg", "mg/m2", "2Gy", "10mM", "3x", "12a", "3B", "n12", "P<0.05", "P\u22640.05", "10%",
                "1.5", "III", "IIa", "IV", "A'")) {
            assertTrue(Abbreviations.notAName(w), w);
        }
        for (String w : List.of("PG", "Trental", "L-NAME", "FANFT", "ACC-9089", "RAD001", "O2-", "K+", "T4", "B12",
                "5-HT", "17-OHP", "CCK-8", "SR141716A", "AC220", "MK801", "AraG", "6MP", "N2", "5-FU", "Ca2+")) {
            assertFalse(Abbreviations.notAName(w), w);
        }
        String text = "arginine (R227Q), cocaine (100mg/kg), asparagine (AAC), cisplatin (2Gy), drug (3a) and everolimus"
                + " (RAD001).";
        assertEquals(List.of("RAD001"), Abbreviations.bracketed(text).stream().map(Abbreviations.Bracketed::word).toList());
    }
}
