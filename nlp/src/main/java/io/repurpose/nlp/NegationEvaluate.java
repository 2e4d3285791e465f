package io.repurpose.nlp;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * Negation evaluation command on a TSV in the NegEx annotation layout (header with {@code Report No.},
 * {@code Concept}, {@code Sentence}, {@code Negation} = Affirmed/Negated): writes the rows with a
 * {@code Predicted} column and prints precision, recall and specificity for Negated.
 * <pre>
 * NegationEvaluate ANNOTATIONS.tsv [--out FILE] [--shared-data DIR]
 * </pre>
 */
public final class NegationEvaluate {

    /** Confusion counts for the Negated class. */
    record Result(int tp, int fp, int tn, int fn, int conceptNotFound) {
        double precision() {
            return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        }

        double specificity() {
            return tn + fp == 0 ? 0 : (double) tn / (tn + fp);
        }

        @Override
        public String toString() {
            return String.format("Negated: precision %.4f  recall %.4f  specificity %.4f  (tp %d fp %d tn %d fn %d;"
                    + " concept not found in sentence: %d)", precision(), recall(), specificity(), tp, fp, tn, fn, conceptNotFound);
        }
    }

    private NegationEvaluate() {
    }

    public static void main(String[] args) throws IOException {
        NlpTrain.Args a = NlpTrain.Args.checked(args, List.of("--out"));
        List<String> pos = a.positional();
        if (pos.isEmpty()) {
            System.err.println("usage: NegationEvaluate ANNOTATIONS.tsv [--out FILE] [--shared-data DIR]");
            System.exit(2);
        }
        Path in = Path.of(pos.get(0));
        Path out = Path.of(a.value("--out", "target/" + in.getFileName() + ".predicted.tsv"));
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        NlpConfig config = a.config();
        ContextDetector detector = ContextDetector.load(config.lexicons().resolve("negation/negex_triggers.txt"));
        System.out.println(evaluate(detector, in, out));
        System.out.println("rows with predictions -> " + out);
    }

    static Result evaluate(ContextDetector detector, Path in, Path out) throws IOException {
        List<String> lines = Files.readAllLines(in, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(in + " is empty");
        }
        List<String> header = List.of(lines.get(0).split("\t", -1));
        int ci = column(header, "Concept", in);
        int si = column(header, "Sentence", in);
        int ni = column(header, "Negation", in);
        Properties p = new Properties();
        p.setProperty("annotators", "tokenize");
        StanfordCoreNLP tokenizer = new StanfordCoreNLP(p);
        int tp = 0;
        int fp = 0;
        int tn = 0;
        int fn = 0;
        int missing = 0;
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            w.println(lines.get(0) + "\tPredicted");
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length <= Math.max(ci, Math.max(si, ni))) {
                    throw new IllegalArgumentException("row with too few columns in " + in + ": " + line);
                }
                Boolean negated = negated(detector, tokenizer, f[ci], f[si]);
                if (negated == null) {
                    missing++;
                    negated = false;
                }
                boolean gold = f[ni].trim().equalsIgnoreCase("Negated");
                if (negated && gold) {
                    tp++;
                } else if (negated) {
                    fp++;
                } else if (gold) {
                    fn++;
                } else {
                    tn++;
                }
                w.println(line + "\t" + (negated ? "Negated" : "Affirmed"));
            }
        }
        return new Result(tp, fp, tn, fn, missing);
    }

    /** Whether the concept is negated in the sentence; null when the concept is not in it. */
    static Boolean negated(ContextDetector detector, StanfordCoreNLP tokenizer, String concept, String sentence) {
        int at = sentence.toLowerCase(Locale.ROOT).indexOf(concept.toLowerCase(Locale.ROOT).trim());
        if (at < 0 || concept.isBlank()) {
            return null;
        }
        int end = at + concept.trim().length();
        Annotation ann = new Annotation(sentence);
        tokenizer.annotate(ann);
        List<CoreLabel> toks = ann.get(CoreAnnotations.TokensAnnotation.class);
        List<String> words = new ArrayList<>();
        for (CoreLabel t : toks) {
            words.add(t.word());
        }
        Set<ContextFlag>[] flags = detector.flags(words);
        for (int i = 0; i < toks.size(); i++) {
            CoreLabel t = toks.get(i);
            if (t.endPosition() > at && t.beginPosition() < end && flags[i].contains(ContextFlag.NEGATED)) {
                return true;
            }
        }
        return false;
    }

    private static int column(List<String> header, String name, Path file) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).trim().equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(file + " has no '" + name + "' column; header: " + header);
    }
}
