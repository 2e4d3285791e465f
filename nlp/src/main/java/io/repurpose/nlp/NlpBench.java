package io.repurpose.nlp;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.List;

/**
 * Speed benchmark on a PubTator corpus (default BC5CDR dev): the warm Repurpose annotator end to end
 * (mentions, normalisation, context, relations with depparse on candidate sentences), then CoreNLP's default
 * pipeline (tokenize, ssplit, pos, lemma, ner, depparse) on the same text in the same JVM. Prints tokens/s,
 * sentences/s, abstracts/s, the ratio, and peak heap.
 * <pre>
 * NlpBench [CORPUS.pubtator] [--shared-data DIR] [--model-dir DIR] [--warmup N] [--max-docs N]
 *          [--baseline-docs N] [--threads N] [--no-crf] [--parse-band LOW,HIGH] [--doc-consistency BOOL] [--pos-only-for-parse BOOL] [--span-edges BOOL]
 * </pre>
 */
public final class NlpBench {

    private NlpBench() {
    }

    public static void main(String[] args) throws IOException {
        NlpTrain.Args a = NlpTrain.Args.checked(args, List.of("--max-docs", "--warmup", "--threads", "--baseline-docs"));
        NlpConfig config = a.config();
        List<String> pos = a.positional();
        Path corpus = pos.isEmpty() ? config.sharedData().resolve("corpora/bc5cdr/CDR_DevelopmentSet.PubTator.txt") : Path.of(pos.get(0));
        List<PubTator.Doc> docs = NlpTrain.limit(PubTator.read(corpus), a.intValue("--max-docs", Integer.MAX_VALUE));
        int warm = Math.min(docs.size(), a.intValue("--warmup", 100));
        int threads = a.intValue("--threads", 1);

        StanfordCoreNLP tok = Pipelines.tokens();
        long tokens = 0;
        for (PubTator.Doc d : docs) {
            Annotation ann = new Annotation(Evaluation.inputText(d));
            tok.annotate(ann);
            tokens += ann.get(CoreAnnotations.TokensAnnotation.class).size();
        }
        System.out.printf("corpus %s: %d documents, %d tokens; %d core(s) visible; timings taken on a shared machine%n",
                corpus.getFileName(), docs.size(), tokens, Runtime.getRuntime().availableProcessors());

        long l0 = System.nanoTime();
        double ours;
        double oursCpu;
        try (CoreNlpAnnotator annotator = CoreNlpAnnotator.load(config, a.options())) {
            System.out.printf("Repurpose annotator loaded in %.1f s: %s %s%n", (System.nanoTime() - l0) / 1e9,
                    annotator.modelVersion(), annotator.options());
            Evaluation.annotateAll(annotator, docs.subList(0, warm), threads);
            String load0 = loadAverage();
            long c0 = processCpuNanos();
            long t0 = System.nanoTime();
            List<AnnotatedDocument> out = Evaluation.annotateAll(annotator, docs, threads);
            double secs = (System.nanoTime() - t0) / 1e9;
            double cpu = (processCpuNanos() - c0) / 1e9;
            long sentences = out.stream().mapToLong(d -> d.sentences().size()).sum();
            long mentions = out.stream().mapToLong(d -> d.mentions().size()).sum();
            long relations = out.stream().mapToLong(d -> d.relations().size()).sum();
            ours = tokens / secs;
            System.out.printf("Repurpose (%d thread(s)): %.1f s, %.0f tokens/s, %.1f sentences/s, %.1f abstracts/s;"
                            + " %d mentions, %d relations%n", threads, secs, ours, sentences / secs, docs.size() / secs,
                    mentions, relations);
            oursCpu = tokens / cpu;
            System.out.printf("Repurpose per CPU-second (process CPU time %.1f s, incl. GC/JIT): %.0f tokens/s; load average %s -> %s%n",
                    cpu, oursCpu, load0, loadAverage());
            long[] pc = annotator.parseCounts();
            System.out.printf("sentences with a candidate pair: %d, dependency-parsed: %d (all runs incl. warm-up)%n", pc[0], pc[1]);
        }
        System.out.printf("peak heap so far: %.2f GB%n", peakHeap() / 1e9);

        int baseDocs = Math.min(docs.size(), a.intValue("--baseline-docs", 100));
        if (baseDocs > 0) {
            long b0 = System.nanoTime();
            StanfordCoreNLP def = Pipelines.defaultWithNer();
            System.out.printf("CoreNLP default pipeline loaded in %.1f s%n", (System.nanoTime() - b0) / 1e9);
            List<PubTator.Doc> sub = docs.subList(0, baseDocs);
            for (PubTator.Doc d : sub.subList(0, Math.min(10, sub.size()))) {
                def.annotate(new Annotation(Evaluation.inputText(d)));
            }
            long subTokens = 0;
            long subSent = 0;
            String load0 = loadAverage();
            long c0 = processCpuNanos();
            long t0 = System.nanoTime();
            for (PubTator.Doc d : sub) {
                Annotation ann = new Annotation(Evaluation.inputText(d));
                def.annotate(ann);
                subTokens += ann.get(CoreAnnotations.TokensAnnotation.class).size();
                subSent += ann.get(CoreAnnotations.SentencesAnnotation.class).size();
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            double theirs = subTokens / secs;
            double theirsCpu = subTokens / ((processCpuNanos() - c0) / 1e9);
            System.out.printf("CoreNLP default with ner+depparse (1 thread, first %d documents): %.1f s, %.0f tokens/s,"
                    + " %.1f sentences/s, %.1f abstracts/s%n", baseDocs, secs, theirs, subSent / secs, baseDocs / secs);
            System.out.printf("CoreNLP default per CPU-second: %.0f tokens/s; load average %s -> %s%n", theirsCpu, load0,
                    loadAverage());
            System.out.printf("ratio Repurpose / CoreNLP default: %.2fx tokens/s (wall), %.2fx tokens per CPU-second%n",
                    ours / theirs, oursCpu / theirsCpu);
        }
        System.out.printf("peak heap: %.2f GB%n", peakHeap() / 1e9);
    }

    /** CPU time of the whole process: under a shared machine's load this says more than wall time. */
    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    private static String loadAverage() {
        return String.format("%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
