package io.repurpose.nlp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Session 9: sequence-variant mentions by rule, normalised to the identifiers BioRED uses — a dbSNP id as written
 * ({@code rs74805019}) or tmVar's normalised string (Wei et al., Bioinformatics 2013 and 2018): protein substitutions
 * {@code V600E}, {@code Val600Glu}, {@code p.Arg158 Pro} → {@code p|SUB|V|600|E}; DNA substitutions {@code c.1799T>A},
 * {@code g.3318-6T>A}, {@code -107C/T} → {@code c|SUB|T|1799|A}; deletions, insertions, duplications {@code 4153delA},
 * {@code 5382insC}, {@code 899dupC} → {@code c|DEL|4153|A}; protein frameshifts {@code p.G204VfsX17} →
 * {@code p|FS|G|204|V|17}. Free-text descriptions ("a 32-bp deletion") are not recognised.
 */
final class VariantFinder {

    /** A variant found in a text: character span and normalised id. */
    record Found(int start, int end, String id) {
    }

    private static final Map<String, String> AA3 = Map.ofEntries(Map.entry("ala", "A"), Map.entry("arg", "R"),
            Map.entry("asn", "N"), Map.entry("asp", "D"), Map.entry("cys", "C"), Map.entry("gln", "Q"),
            Map.entry("glu", "E"), Map.entry("gly", "G"), Map.entry("his", "H"), Map.entry("ile", "I"),
            Map.entry("leu", "L"), Map.entry("lys", "K"), Map.entry("met", "M"), Map.entry("phe", "F"),
            Map.entry("pro", "P"), Map.entry("ser", "S"), Map.entry("thr", "T"), Map.entry("trp", "W"),
            Map.entry("tyr", "Y"), Map.entry("val", "V"), Map.entry("ter", "X"), Map.entry("stop", "X"),
            Map.entry("sec", "U"));

    private static final String THREE = "(?:Ala|Arg|Asn|Asp|Cys|Gln|Glu|Gly|His|Ile|Leu|Lys|Met|Phe|Pro|Ser|Thr|Trp|Tyr|Val)";
    private static final String ONE = "[ACDEFGHIKLMNPQRSTVWY]";
    private static final java.util.Set<String> NUCLEOTIDE = java.util.Set.of("A", "C", "G", "T");
    private static final String LEFT = "(?<![\\w.+\\-/>])";
    private static final String RIGHT = "(?![\\w>/])";

    private static final Pattern RS = Pattern.compile(LEFT + "(rs\\d{3,})" + RIGHT);
    private static final Pattern FRAMESHIFT = Pattern.compile(LEFT + "(?:p\\.)?(" + THREE + "|" + ONE + ")(\\d{1,5})("
            + THREE + "|" + ONE + ")?fs(?:\\*|X|Ter)?(\\d+)?" + RIGHT);
    private static final Pattern PROTEIN3 = Pattern.compile(LEFT + "(?:p\\.)?(" + THREE + ")\\s?(\\d{1,5})\\s?("
            + THREE + "|Ter|X|\\*)" + RIGHT);
    /** One-letter substitutions: {@code p.} or a position of two digits or more ("T2D" is a disease). */
    private static final Pattern PROTEIN1 = Pattern.compile(LEFT + "(p\\.)?(" + ONE + ")(\\d{1,5})(" + ONE + "|X|\\*)"
            + RIGHT);
    private static final Pattern DELTA = Pattern.compile(LEFT + "(?:Delta|\u0394)(\\d{2,3})" + RIGHT);
    private static final Pattern PROTEIN_DEL = Pattern.compile(LEFT + "p\\.(" + THREE + "|" + ONE + ")(\\d{1,5})del" + RIGHT);
    private static final Pattern DNA_SUB = Pattern.compile(LEFT + "(?:([cgmr])\\.)?([-+*]?\\d{1,6}(?:[-+_]\\d{1,5})?)"
            + "\\s?([ACGTU])\\s?(?:>|-->|->|/)\\s?([ACGTU])" + RIGHT);
    private static final Pattern DNA_EDIT = Pattern.compile(LEFT + "(?:([cg])\\.)?(\\d{1,6}(?:_\\d{1,6})?)\\s?(del|ins|dup)"
            + "([ACGT]+|\\d+)?" + RIGHT);

    private VariantFinder() {
    }

    /** Every variant in the text, longest first where two overlap, in text order. */
    static List<Found> find(String text) {
        List<Found> all = new ArrayList<>();
        Matcher m = RS.matcher(text);
        while (m.find()) {
            all.add(new Found(m.start(), m.end(), m.group(1)));
        }
        m = FRAMESHIFT.matcher(text);
        while (m.find()) {
            all.add(new Found(m.start(), m.end(), "p|FS|" + aa(m.group(1)) + "|" + m.group(2) + "|"
                    + (m.group(3) == null ? "" : aa(m.group(3))) + "|" + (m.group(4) == null ? "" : m.group(4))));
        }
        m = PROTEIN3.matcher(text);
        while (m.find()) {
            all.add(new Found(m.start(), m.end(), "p|SUB|" + aa(m.group(1)) + "|" + m.group(2) + "|" + aa(m.group(3))));
        }
        m = PROTEIN1.matcher(text);
        while (m.find()) {
            boolean protein = m.group(1) != null;
            if (!protein && m.group(3).length() < 2) {
                continue;
            }
            // "G1359A", "C262T": both letters nucleotides and no "p." — tmVar reads a DNA change
            boolean dna = !protein && NUCLEOTIDE.contains(m.group(2)) && NUCLEOTIDE.contains(m.group(4));
            all.add(new Found(m.start(), m.end(), (dna ? "c" : "p") + "|SUB|" + aa(m.group(2)) + "|" + m.group(3) + "|"
                    + aa(m.group(4))));
        }
        m = DELTA.matcher(text);
        while (m.find()) {
            all.add(new Found(m.start(), m.end(), "c|DEL||" + m.group(1)));
        }
        m = PROTEIN_DEL.matcher(text);
        while (m.find()) {
            all.add(new Found(m.start(), m.end(), "p|DEL|" + m.group(2) + "|" + aa(m.group(1))));
        }
        m = DNA_SUB.matcher(text);
        while (m.find()) {
            String prefix = m.group(1) == null ? "c" : m.group(1);
            all.add(new Found(m.start(), m.end(), prefix + "|SUB|" + m.group(3) + "|" + m.group(2) + "|" + m.group(4)));
        }
        m = DNA_EDIT.matcher(text);
        while (m.find()) {
            String prefix = m.group(1) == null ? "c" : m.group(1);
            String op = m.group(3).toUpperCase(Locale.ROOT);
            String seq = m.group(4) == null ? "" : m.group(4);
            all.add(new Found(m.start(), m.end(), prefix + "|" + op + "|" + m.group(2) + "|" + seq + (op.equals("DUP") ? "|" : "")));
        }
        all.sort(Comparator.comparingInt(Found::start).thenComparing(Comparator.comparingInt(Found::end).reversed()));
        List<Found> out = new ArrayList<>();
        int covered = -1;
        for (Found f : all) {
            if (f.start() >= covered) {
                out.add(f);
                covered = f.end();
            }
        }
        return out;
    }

    /** One-letter amino-acid code of a one- or three-letter code ("*" and "Ter" are X, a stop). */
    private static String aa(String code) {
        if (code.length() == 1) {
            return code.equals("*") ? "X" : code;
        }
        String one = AA3.get(code.toLowerCase(Locale.ROOT));
        if (one == null) {
            throw new IllegalArgumentException("not an amino-acid code: " + code);
        }
        return one;
    }
}
