package io.repurpose.nlp;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Abbreviation definitions "long form (SF)" found in a text, by the algorithm of Schwartz and Hearst,
 * "A simple algorithm for identifying abbreviation definitions in biomedical text", PSB 2003.
 */
final class Abbreviations {

    /** A definition: short form, long form, and the character span of the long form. */
    record Definition(String shortForm, String longForm, int longStart, int longEnd, int shortStart, int shortEnd) {
    }

    private static final Pattern PAREN = Pattern.compile("\\(([^()]{1,12})\\)");
    /** A parenthesis holding a list: its first item may be a short form ("(SNP, n = 7)", "(HEM; 10 dogs)"). */
    private static final Pattern PAREN_LIST = Pattern.compile("\\(([^()]{1,60})\\)");
    private static final Pattern LIST_SEPARATOR = Pattern.compile("[,;]\\s");

    private Abbreviations() {
    }

    static List<Definition> find(String text) {
        return find(text, false);
    }

    /**
     * As {@link #find(String)}; {@code reach} (session 8) lets the long-form window run through brackets inside a word
     * ("N-[4-(5-nitro-2-furyl)-2-thiazolyl]-formamide (FANFT)") and refuses a long form only when it holds the short
     * form as a whole word (not "Atorvastatin (Ato)", "D-penicillamine (D-pen)").
     */
    static List<Definition> find(String text, boolean reach) {
        return find(text, reach, false);
    }

    /**
     * As {@link #find(String, boolean)}; {@code firstItem} (session 9): a parenthesis holding a list ("sodium
     * nitroprusside (SNP, n = 7)", "(HEM; ...)") offers the text before its first comma or semicolon as the short form,
     * as in Schwartz and Hearst's own implementation; a parenthesis without one still holds at most 12 characters.
     */
    static List<Definition> find(String text, boolean reach, boolean firstItem) {
        List<Definition> out = new ArrayList<>();
        Matcher m = (firstItem ? PAREN_LIST : PAREN).matcher(text);
        while (m.find()) {
            String inside = m.group(1);
            Matcher sep = firstItem ? LIST_SEPARATOR.matcher(inside) : null;
            if (sep != null && sep.find()) {
                inside = inside.substring(0, sep.start());
            } else if (inside.length() > 12) {
                continue;
            }
            String sf = inside.trim();
            int sfStart = m.start(1) + inside.indexOf(sf);
            if (!validShortForm(sf)) {
                continue;
            }
            // candidate long form: up to min(|SF|+5, 2|SF|) words before the parenthesis, within the sentence
            int end = m.start();
            while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
                end--;
            }
            int maxWords = Math.min(sf.length() + 5, sf.length() * 2);
            int start = end;
            int words = 0;
            while (start > 0 && words < maxWords) {
                char c = text.charAt(start - 1);
                if (c == '.' || c == ';' || c == ':' || c == ')' || c == '(' || c == ']') {
                    if (!(reach && c != '.' && c != ';' && c != ':' && insideWord(text, start - 1, end))) {
                        break;
                    }
                }
                start--;
                if (Character.isWhitespace(c) && start > 0 && !Character.isWhitespace(text.charAt(start - 1))) {
                    words++;
                }
            }
            while (start < end && Character.isWhitespace(text.charAt(start))) {
                start++;
            }
            int lfStart = bestLongForm(sf, text, start, end);
            if (lfStart >= 0) {
                String lf = text.substring(lfStart, end);
                if (lf.length() > sf.length() && !(reach ? containsWord(lf, sf) : lf.contains(sf))) {
                    out.add(new Definition(sf, lf, lfStart, end, sfStart, sfStart + sf.length()));
                }
            }
        }
        return out;
    }

    /**
     * Head words of long forms that name no chemical or disease although one stands inside them (enzymes, proteins,
     * viruses, trials, scales: "neuronal nitric oxide synthase (nNOS)", "hepatitis B virus (HBV)"); from the
     * held-out train half's errors (session 8).
     */
    private static final java.util.Set<String> NON_ENTITY_HEADS = java.util.Set.of("enzyme", "enzymes", "protein",
            "proteins", "receptor", "receptors", "virus", "factor", "factors", "trial", "study", "group", "scale",
            "channel", "channels", "gene", "genes", "domain", "residue", "sensor", "prone", "volume", "hormone", "antibody",
            "transporter", "transporters", "cell", "cells", "mice", "exposure", "atlas", "predisposition", "subunit",
            "isoform", "family", "pathway", "complex");

    /** False when the long form's last word is an enzyme (-ase) or a {@link #NON_ENTITY_HEADS} word. */
    static boolean namesAThing(String longForm) {
        String[] w = longForm.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+");
        String head = w.length == 0 ? "" : w[w.length - 1];
        return !(head.endsWith("ase") || head.endsWith("ases") || NON_ENTITY_HEADS.contains(head));
    }

    /** Words that make a long form the name of a protein (besides any word ending in -ase: "ribonuclease L"). */
    private static final java.util.Set<String> PROTEIN_WORDS = java.util.Set.of("protein", "proteins", "receptor",
            "receptors", "factor", "factors", "channel", "hormone", "transporter", "subunit", "isoform", "antigen",
            "ligand", "inhibitor", "peptide", "enzyme", "gene", "homolog", "oncogene", "cytokine", "chemokine",
            "interleukin", "integrin", "globulin", "kinase", "antagonist", "activator", "regulator", "cofactor");

    /** Session 14: true when a word of the long form ends in -ase(s) or is a {@link #PROTEIN_WORDS} word. */
    static boolean namesAProtein(String longForm) {
        for (String w : longForm.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (w.length() > 4 && (w.endsWith("ase") || w.endsWith("ases")) || PROTEIN_WORDS.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /** True when the bracket at i has word characters on both sides (part of a chemical name, not a parenthetical). */
    private static boolean insideWord(String text, int i, int end) {
        return i > 0 && i + 1 < end && !Character.isWhitespace(text.charAt(i - 1)) && !Character.isWhitespace(text.charAt(i + 1));
    }

    /** True when sf stands in lf as a whole word (no letter or digit on either side). */
    static boolean containsWord(String lf, String sf) {
        return java.util.regex.Pattern.compile("(?<![\\p{L}\\p{N}])" + java.util.regex.Pattern.quote(sf) + "(?![\\p{L}\\p{N}])")
                .matcher(lf).find();
    }

    /** A single bracketed word "(X)" after white space: the word and its character span, and the bracket's start. */
    record Bracketed(String word, int start, int end, int bracket) {
    }

    private static final Pattern BRACKETED_WORD = Pattern.compile("(?<=\\s)\\(([^()\\s]{2,12})\\)");

    /**
     * The single words in brackets that could name what stands before them ("benzylpenicillin (PG)", "Pentoxifylline
     * (Trental)"): a valid short form with an upper-case letter or a digit, no dotted lower-case abbreviation ("(i.v.)")
     * and none of the shapes of {@link #notAName} ("copper (II)", "(R227Q)", "(100mg/kg)"); session 12, and the shapes
     * session 13, {@link AnnotatorOptions#bracketSynonyms}.
     */
    static List<Bracketed> bracketed(String text) {
        List<Bracketed> out = new ArrayList<>();
        Matcher m = BRACKETED_WORD.matcher(text);
        while (m.find()) {
            String w = m.group(1);
            if (validShortForm(w) && w.chars().anyMatch(c -> Character.isUpperCase(c) || Character.isDigit(c))
                    && !notAName(w)) {
                out.add(new Bracketed(w, m.start(1), m.end(1), m.start()));
            }
        }
        return out;
    }

    /** A whole number or a range ("100", "10-20"; a decimal point or a comparison already refuses a word). */
    private static final String NUMBER = "\\d+(?:[-\u2013]\\d+)?";
    /** A unit of dose, concentration, time, length, energy, radiation or count, with an optional SI prefix. */
    private static final String UNIT = "(?:[mk\u00b5\u03bcunpf]?(?:g|l|L|M|mol|Eq|Ci|Gy|Sv|Bq|U|IU|m|J|W|V|Hz|s|Da)"
            + "|d[lL]|c(?:m|Gy)|h|hr|hrs|min|sec|d|days?|wks?|weeks?|mo|months?|yrs?|years?|y|mmHg|cal|kcal|\u00b0C|bpm"
            + "|rpm|x|fold|ppm|ppb|dB|bp|kb|Mb|mOsm|cells?|patients?|subjects?|rats?|mice)";
    /** A dose or quantity: "100mg/kg", "5mg", "24h", "10-20mg", "mg/m2", "3x". */
    private static final Pattern QUANTITY = Pattern.compile(NUMBER + UNIT + "\\d?(?:/\\d*" + UNIT + "\\d?)*"
            + "|" + UNIT + "\\d?(?:/\\d*" + UNIT + "\\d?)+");
    /**
     * Shapes that name no chemical (session 13): a number with a one-letter label ("3a", "12B"), a sample size ("n12"),
     * a decimal, a percentage, a p-value or any comparison ("P&lt;0.05", "n=7", "P\u22640.05", "\u00b12"), a roman numeral
     * with an optional sub-class letter ("III", "IIa"), a single letter with a prime ("A'"), a nucleotide run (a codon
     * "AAC", "CAG"); see also {@link #QUANTITY} and sequence variants.
     */
    private static final Pattern NOT_A_NAME = Pattern.compile("\\d+\\p{L}|n\\d+"
            + "|.*[.,;:=<>%\u2030\u2264\u2265\u00b1].*|[IVX]+[a-d]?|\\p{L}['\u2032\u2019]|[ACGTU]{3,}");

    /**
     * True when a bracketed word's shape says it names no chemical (session 13, with {@link AnnotatorOptions#bracketSynonyms}):
     * a sequence variant ({@link VariantFinder}: "R227Q", "C677T", "rs1801133"), a nucleotide run, a dose or quantity
     * ("100mg/kg"), a number, a percentage, a p-value, a sample size, a roman numeral or a single letter.
     */
    static boolean notAName(String word) {
        return NOT_A_NAME.matcher(word).matches() || QUANTITY.matcher(word).matches()
                || !VariantFinder.find(word).isEmpty();
    }

    private static boolean validShortForm(String sf) {
        if (sf.length() < 2 || sf.length() > 10 || sf.contains(" ") && sf.split(" ").length > 2) {
            return false;
        }
        if (!Character.isLetterOrDigit(sf.charAt(0))) {
            return false;
        }
        boolean letter = false;
        for (char c : sf.toCharArray()) {
            letter |= Character.isLetter(c);
        }
        return letter && !sf.matches("(?i)e\\.g\\.?|i\\.e\\.?|n\\s*=.*|p\\s*[<=>].*|\\d+(\\.\\d+)?%?");
    }

    /** Schwartz-Hearst: match short-form characters right to left; the first SF char must start a word. */
    private static int bestLongForm(String sf, String text, int from, int to) {
        int s = sf.length() - 1;
        int l = to - 1;
        while (s >= 0) {
            char c = Character.toLowerCase(sf.charAt(s));
            if (!Character.isLetterOrDigit(c)) {
                s--;
                continue;
            }
            while (l >= from && (Character.toLowerCase(text.charAt(l)) != c
                    || (s == 0 && l > from && Character.isLetterOrDigit(text.charAt(l - 1))))) {
                l--;
            }
            if (l < from) {
                return -1;
            }
            l--;
            s--;
        }
        // extend to the start of the word
        int start = l + 1;
        while (start > from && !Character.isWhitespace(text.charAt(start - 1)) && text.charAt(start - 1) != '-') {
            start--;
        }
        return start;
    }
}
