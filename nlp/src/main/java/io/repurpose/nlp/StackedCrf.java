package io.repurpose.nlp;

import edu.stanford.nlp.ie.crf.CRFClassifier;
import edu.stanford.nlp.ling.CoreLabel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains the second CRF pass (session 10, {@link AnnotatorOptions#crfStack}): stacking in the manner of Krishnan &amp;
 * Manning (ACL 2006). The first pass is the chemical/disease CRF; its labels for the training rows come from a jackknife
 * (a CRF trained on the other parts tags each part, the parts of the corpus-name jackknife, so that a part's corpus-name
 * column holds the names of exactly the documents its tagger learned from), so the second CRF learns from first-pass
 * errors as they happen on unseen text. The second CRF reads the same rows plus the {@link DocumentLabels} column.
 */
final class StackedCrf {

    /** The second-pass CRF's file in a model dir. */
    static final String FILE = "ner-crf2.ser.gz";

    private StackedCrf() {
    }

    /** What {@link #train} did: rows, parts, and the out-of-fold first-pass token accuracy. */
    record Result(int tokens, int parts, double firstPassAccuracy) {
    }

    /**
     * Trains the second pass on {@code docs} (the first pass's training rows, document by document) into {@code dir}
     * ({@link #FILE}); {@code parts}: jackknife parts (document index modulo parts, as {@link CorpusNames#jackknife});
     * {@code corpusNames}: the rows carry the corpus-name column; {@code shapes}: the first pass tags with word shapes
     * ({@link AnnotatorOptions#crfShapes}), as at run time.
     */
    static Result train(List<List<CrfTagger.Rows>> docs, int parts, Path dir, int maxIterations, int maxNGrams,
                        boolean corpusNames, String extra, boolean shapes) {
        if (parts < 2) {
            throw new IllegalArgumentException("a jackknife needs at least 2 parts: " + parts);
        }
        List<List<String[]>> first = new ArrayList<>(docs.size());
        for (int i = 0; i < docs.size(); i++) {
            first.add(null);
        }
        Path rows = dir.resolve("ner-crf2-part.tsv");
        long right = 0;
        long total = 0;
        for (int p = 0; p < parts; p++) {
            List<List<CrfTagger.Rows>> others = new ArrayList<>();
            for (int i = 0; i < docs.size(); i++) {
                if (i % parts != p) {
                    others.add(docs.get(i));
                }
            }
            CrfTagger.write(others, null, rows);
            CRFClassifier<CoreLabel> crf = CrfTagger.train(CrfTagger.trainingProperties(rows, maxIterations, maxNGrams,
                    corpusNames, extra));
            CrfTagger tagger = new CrfTagger(crf, null);
            for (int i = p; i < docs.size(); i += parts) {
                List<String[]> labels = new ArrayList<>();
                for (CrfTagger.Rows r : docs.get(i)) {
                    String[] l = tagger.labels(r.words(), r.tags(), r.gaz(), null, shapes);
                    for (int t = 0; t < l.length; t++) {
                        right += l[t].equals(r.labels()[t]) ? 1 : 0;
                    }
                    total += l.length;
                    labels.add(l);
                }
                first.set(i, labels);
            }
            System.out.println("second CRF pass: jackknife part " + (p + 1) + " of " + parts + " tagged");
        }
        List<List<String[]>> docTags = new ArrayList<>(docs.size());
        for (int i = 0; i < docs.size(); i++) {
            List<List<String>> words = new ArrayList<>();
            for (CrfTagger.Rows r : docs.get(i)) {
                words.add(List.of(r.words()));
            }
            docTags.add(DocumentLabels.of(words, first.get(i)));
        }
        Path stacked = dir.resolve("ner-crf2-train.tsv");
        int tokens = CrfTagger.write(docs, docTags, stacked);
        try {
            Files.deleteIfExists(rows);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        CrfTagger.train(CrfTagger.trainingProperties(stacked, maxIterations, maxNGrams, corpusNames, extra, true))
                .serializeClassifier(dir.resolve(FILE).toString());
        return new Result(tokens, parts, total == 0 ? 0 : (double) right / total);
    }
}
