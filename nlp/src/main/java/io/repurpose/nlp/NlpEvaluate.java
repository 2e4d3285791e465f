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
 * NlpEvaluate CORPUS.pubtator [CORPUS2 ...] [--out PREDICTIONS] [--shared-data DIR] [--model-dir DIR] [--max-docs N]
 *             [--threads N] [--no-crf] [--parse-band LOW,HIGH] [--doc-consistency BOOL] [--pos-only-for-parse BOOL] [--span-edges BOOL]
 *             [--variants 'OVERRIDES|OVERRIDES|...'] [--gold-mentions]
 * </pre>
 * {@code --out}: the predictions file for one corpus; with several corpora, the directory their
 * {@code <corpus file name>.predicted.pubtator} files go to (default {@code target/} either way).
 * {@code --gold-mentions}: the relation steps run over the corpus's gold mentions instead of the detected ones
 * (the NER scores are then trivially perfect; the relation scores say what the relation models alone lose).
 */
public final class NlpEvaluate {

    private NlpEvaluate() {
    }

    /**
     * The options of one {@code --variants} entry: run-time option flags ("--gene-short-forms protein") over
     * {@code base}; anything else (a property key, a misspelt flag) is an error, not a silent no-op (session 14).
     */
    static AnnotatorOptions variantOptions(AnnotatorOptions base, String variant) {
        if (variant.isBlank()) {
            return base;
        }
        NlpTrain.Args va = new NlpTrain.Args(variant.trim().split("\\s+"));
        AnnotatorOptions o = base.with(va);
        va.rejectUnknown(List.of());
        if (!va.positional().isEmpty()) {
            throw new IllegalArgumentException("--variants '" + variant + "': " + va.positional()
                    + " is not a run-time option flag (e.g. --gene-short-forms protein)");
        }
        return o;
    }

    public static void main(String[] args) throws IOException {
        NlpTrain.Args a = NlpTrain.Args.checked(args, List.of("--out", "--max-docs", "--threads", "--variants",
                "--gold-mentions"));
        List<String> pos = a.positional();
        if (pos.isEmpty()) {
            System.err.println("usage: NlpEvaluate CORPUS.pubtator [CORPUS2 ...] [--out FILE, or DIR with several corpora] [--shared-data DIR] [--model-dir DIR]"
                    + " [--max-docs N] [--threads N] [--no-crf] [--parse-band LOW,HIGH] [--doc-consistency BOOL]"
                    + " [--pos-only-for-parse BOOL] [--span-edges BOOL] [--variants 'OVERRIDES|OVERRIDES|...'] [--gold-mentions]");
            System.exit(2);
        }
        // each variant: option overrides on top of the model dir's annotator.properties and the command line
        List<String> variants = List.of(a.value("--variants", "").split("\\|", -1));
        // a misspelt variant fails before the load; checked over the options it will run on (the model dir's and the
        // command line's), since some need another option on ("--treats-distant true" needs the TREATS model)
        AnnotatorOptions options = a.options();
        variants.forEach(v -> variantOptions(options, v));
        boolean gold = a.flag("--gold-mentions");
        long t0 = System.nanoTime();
        try (CoreNlpAnnotator loaded = CoreNlpAnnotator.load(a.config(), options)) {
            System.out.println("model: " + loaded.modelVersion());
            System.out.printf("load %.1f s%n", (System.nanoTime() - t0) / 1e9);
            java.util.Set<String> producible = loaded.lexicon().evaluationIds(); // the id ceiling's ids, once
            for (String corpusName : pos) {
                Path corpus = Path.of(corpusName);
                List<PubTator.Doc> docs = NlpTrain.limit(PubTator.read(corpus), a.intValue("--max-docs", Integer.MAX_VALUE));
                System.out.printf("%s: gold pairs whose ids the lexicon can output (id ceiling of relation recall) %s%n",
                        corpus.getFileName(), Evaluation.idCeiling(docs, producible));
                for (int v = 0; v < variants.size(); v++) {
                    String variant = variants.get(v).trim();
                    AnnotatorOptions o = variantOptions(loaded.options(), variant);
                    CoreNlpAnnotator annotator = loaded.withOptions(o);
                    String suffix = variants.size() == 1 ? "" : ".v" + v;
                    String name = corpus.getFileName() + ".predicted.pubtator";
                    Path out = Path.of((pos.size() == 1 ? a.value("--out", "target/" + name)
                            : Path.of(a.value("--out", "target"), name).toString()) + suffix);
                    if (out.getParent() != null) {
                        Files.createDirectories(out.getParent());
                    }
                    try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                        System.out.println("== " + corpus.getFileName() + " variant '" + variant + "': " + o);
                        long t1 = System.nanoTime();
                        long c1 = NlpBench.processCpuNanos();
                        // --gold-mentions: relations over the corpus's own mentions (splits the relation loss)
                        Evaluation.Scores s = gold
                                ? Evaluation.evaluate(d -> annotator.analyseGiven(d.id(), Evaluation.inputText(d),
                                        d.annotations()).document(), docs, w, a.intValue("--threads", 1))
                                : Evaluation.evaluate(annotator, docs, w, a.intValue("--threads", 1));
                        System.out.print(s.report());
                        long[] pc = annotator.parseCounts();
                        System.out.printf("annotate %.1f s (process CPU %.1f s); %d of %d candidate sentences parsed;"
                                        + " predictions -> %s%n", (System.nanoTime() - t1) / 1e9,
                                (NlpBench.processCpuNanos() - c1) / 1e9, pc[1], pc[0], out);
                    }
                }
            }
        }
    }
}
