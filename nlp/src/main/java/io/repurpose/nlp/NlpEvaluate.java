package io.repurpose.nlp;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Evaluation command: annotates every document of a PubTator corpus file (BC5CDR or BioRED layout) from its
 * raw text, writes the predictions as PubTator and prints NER and relation scores.
 * <pre>
 * NlpEvaluate CORPUS.pubtator [--out PREDICTIONS] [--shared-data DIR] [--model-dir DIR] [--max-docs N]
 *             [--threads N] [--no-crf]
 * </pre>
 */
public final class NlpEvaluate {

    private NlpEvaluate() {
    }

    public static void main(String[] args) throws IOException {
        NlpTrain.Args a = new NlpTrain.Args(args);
        List<String> pos = a.positional();
        if (pos.isEmpty()) {
            System.err.println("usage: NlpEvaluate CORPUS.pubtator [--out FILE] [--shared-data DIR] [--model-dir DIR]"
                    + " [--max-docs N] [--threads N] [--no-crf]");
            System.exit(2);
        }
        Path corpus = Path.of(pos.get(0));
        List<PubTator.Doc> docs = NlpTrain.limit(PubTator.read(corpus), a.intValue("--max-docs", Integer.MAX_VALUE));
        Path out = Path.of(a.value("--out", "target/" + corpus.getFileName() + ".predicted.pubtator"));
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        long t0 = System.nanoTime();
        try (CoreNlpAnnotator annotator = CoreNlpAnnotator.load(a.config());
             Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            System.out.println("model: " + annotator.modelVersion());
            long t1 = System.nanoTime();
            Evaluation.Scores s = Evaluation.evaluate(annotator, docs, w, a.intValue("--threads", 1));
            System.out.print(s.report());
            System.out.printf("load %.1f s, annotate %.1f s; predictions -> %s%n", (t1 - t0) / 1e9,
                    (System.nanoTime() - t1) / 1e9, out);
        }
    }
}
