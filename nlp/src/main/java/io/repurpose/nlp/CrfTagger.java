package io.repurpose.nlp;

import edu.stanford.nlp.ie.crf.CRFClassifier;
import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.process.WordShapeClassifier;
import edu.stanford.nlp.util.CoreMap;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Learned chemical/disease mention detection: a CoreNLP linear-chain CRF (Finkel et al., ACL 2005) over words,
 * shapes, character n-grams and one lexicon feature per token (the DrugBank/DO dictionary tag, never the
 * training-corpus names, so the feature means the same in training and use). Labels: a type per token (IO) up to
 * session 10; session 11 adds begin/end states ({@link LabelScheme}).
 */
final class CrfTagger {

    static final String CHEM = "CHEMICAL";
    static final String DIS = "DISEASE";
    static final String GENE = "GENE";
    /** The gene CRF's file in a model dir (session 8): gene mentions learned from BioRED train. */
    static final String GENE_FILE = "gene-crf.ser.gz";
    /** Dictionary tag of a single token that is a gene_info symbol or synonym (gene CRF only). */
    static final String SYMBOL_TAG = "SYM";

    /**
     * How the training rows label a mention's tokens (session 11, {@code NlpTrain --crf-labels}). IO: the type on every
     * token (sessions 1–10; adjacent mentions of one type merge); BIO: {@code B-TYPE} on the first token, {@code I-TYPE}
     * on the others; BIOES: as BIO, with {@code E-TYPE} on the last token and {@code S-TYPE} on a one-token mention.
     * CoreNLP's {@code entitySubclassification} does this conversion only in its CoNLL reader, not in the column reader
     * these rows go through, so the rows carry the scheme; {@link #spans} reads any of them, so the run time needs no
     * option: a model's answers say which scheme it learned.
     */
    enum LabelScheme { IO, BIO, BIOES }

    /**
     * The labels of a CRF's training rows: a {@link LabelScheme} for the mention types in {@code types} ({@link #CHEM},
     * {@link #DIS}, {@link #GENE}), IO for the others ({@code NlpTrain --crf-labels BIO:DISEASE}).
     */
    record Labels(LabelScheme scheme, java.util.Set<String> types) {
        /** IO for every type (sessions 1–10). */
        static final Labels IO = new Labels(LabelScheme.IO, java.util.Set.of());

        Labels {
            types = java.util.Set.copyOf(types);
            for (String t : types) {
                if (!t.equals(CHEM) && !t.equals(DIS) && !t.equals(GENE)) {
                    throw new IllegalArgumentException("not a CRF mention type: " + t);
                }
            }
        }

        /** "SCHEME" (every type) or "SCHEME:TYPE,TYPE", e.g. "BIOES" or "BIO:DISEASE"; fails naming a bad part. */
        static Labels parse(String value) {
            String[] f = value.split(":", 2);
            LabelScheme scheme;
            try {
                scheme = LabelScheme.valueOf(f[0].trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("label scheme " + f[0] + ": not one of IO, BIO, BIOES", e);
            }
            if (scheme == LabelScheme.IO && f.length == 1) {
                return IO;
            }
            java.util.Set<String> types = f.length == 1 ? java.util.Set.of(CHEM, DIS, GENE)
                    : java.util.Set.of(f[1].trim().split("\\s*,\\s*"));
            return new Labels(scheme, types);
        }

        /** True when a token of {@code type} takes the scheme's prefixes. */
        boolean prefixes(String type) {
            return scheme != LabelScheme.IO && types.contains(type);
        }
    }

    /** A mention span in token indices [start, end) of one sentence. */
    record TokenSpan(int start, int end, EntityType type) {
    }

    private final CRFClassifier<CoreLabel> crf;
    /** Corpus names for the gazette column, when the model was trained with them (session 6), else null. */
    private final CorpusNames names;

    CrfTagger(CRFClassifier<CoreLabel> crf, CorpusNames names) {
        this.crf = crf;
        this.names = names;
    }

    /** Loads the model, and {@code crf-names.tsv} beside it when the model reads corpus-name features. */
    static CrfTagger load(Path model) {
        CRFClassifier<CoreLabel> crf;
        try {
            crf = CRFClassifier.getClassifier(model.toFile());
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot load CRF model " + model + ": " + e.getMessage(), e);
        }
        return new CrfTagger(crf, crf.flags.useGazFeatures ? CorpusNames.read(model.resolveSibling(CorpusNames.FILE)) : null);
    }

    /** True when the model reads the corpus-name column. */
    boolean usesCorpusNames() {
        return names != null;
    }

    /** Dictionary tags per token from spans found without training names. */
    static String[] dictTags(int n, List<MentionFinder.Span> spans) {
        String[] tags = new String[n];
        java.util.Arrays.fill(tags, "O");
        for (MentionFinder.Span s : spans) {
            String t = switch (s.resolution().type()) {
                case CHEMICAL -> "CHEM";
                case DISEASE -> "DIS";
                case GENE -> "GENE";
                case VARIANT -> throw new IllegalArgumentException("the lexicon holds no variants: " + s);
            };
            for (int i = s.start(); i < s.end(); i++) {
                tags[i] = (i == s.start() ? "B" : "I") + t;
            }
        }
        return tags;
    }

    /**
     * The word shape of a token as CoreNLP's training reader (ObjectBankWrapper) computes it: same shape function,
     * the model's known lower-case words — an empty set that refuses additions (max size 0), so no shape has the
     * "known word" mark, in training as here (the trained model holds no "...k-TYPE" feature). {@code classify} does not
     * compute shapes, so before session 6 the run-time tokens had none and every shape feature was silent at run time.
     */
    String shape(String word) {
        return crf.flags.wordShape > WordShapeClassifier.NOWORDSHAPE
                ? WordShapeClassifier.wordShape(word, crf.flags.wordShape, crf.getKnownLCWords()) : null;
    }

    /**
     * Tags a sentence; {@code keys} are the tokens' {@link MentionFinder#keys} (for the corpus-name column);
     * {@code shapes}: give the tokens their word shape ({@link AnnotatorOptions#crfShapes}).
     */
    List<TokenSpan> tag(List<CoreLabel> tokens, String[] dictTags, String[] keys, boolean shapes) {
        return tag(tokens, dictTags, keys, shapes, null);
    }

    /**
     * As above; {@code docTags}: the document-level column of a second-pass CRF ({@link DocumentLabels}, session 10),
     * null for a first-pass model.
     */
    List<TokenSpan> tag(List<CoreLabel> tokens, String[] dictTags, String[] keys, boolean shapes, String[] docTags) {
        return spans(labels(tokens, dictTags, keys, shapes, docTags));
    }

    /** The answer per token of {@link #tag(List, String[], String[], boolean, String[])}. */
    String[] labels(List<CoreLabel> tokens, String[] dictTags, String[] keys, boolean shapes, String[] docTags) {
        return labels(words(tokens), dictTags, names == null ? null : names.tags(keys), docTags, shapes);
    }

    /** The tokens' words. */
    static String[] words(List<CoreLabel> tokens) {
        String[] w = new String[tokens.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = tokens.get(i).word();
        }
        return w;
    }

    /**
     * The CRF's answer per token ({@link #CHEM}, {@link #DIS}, {@link #GENE} or O) from the columns the model reads:
     * words, dictionary tags, corpus-name tags ({@code gaz}, null when the model reads none) and the document-level
     * column ({@code docTags}, null for a first-pass model).
     */
    String[] labels(String[] words, String[] dictTags, String[] gaz, String[] docTags, boolean shapes) {
        List<CoreLabel> in = new ArrayList<>(words.length);
        for (int i = 0; i < words.length; i++) {
            CoreLabel c = new CoreLabel();
            c.setWord(words[i]);
            c.setValue(words[i]);
            c.setTag(dictTags[i]);
            // the word shape the training reader (ObjectBankWrapper) gave every row; classify() does not compute it
            if (shapes) {
                c.set(CoreAnnotations.ShapeAnnotation.class, shape(words[i]));
            }
            if (gaz != null) {
                c.set(CoreAnnotations.GazAnnotation.class, gaz[i]);
            }
            if (docTags != null) {
                c.setLemma(docTags[i]);
            }
            in.add(c);
        }
        List<CoreLabel> out = crf.classify(in);
        String[] answers = new String[out.size()];
        for (int i = 0; i < answers.length; i++) {
            answers[i] = out.get(i).get(CoreAnnotations.AnswerAnnotation.class);
        }
        return answers;
    }

    /**
     * The mention spans of a sentence's answers in any {@link LabelScheme}: a span is a run of tokens of one type that
     * no {@code B-}/{@code S-} token restarts and no {@code E-}/{@code S-} token closes (an IO run ends only where
     * the type changes; an ill-formed {@code I-} after O starts a span).
     */
    static List<TokenSpan> spans(String[] answers) {
        List<TokenSpan> spans = new ArrayList<>();
        int i = 0;
        while (i < answers.length) {
            String a = type(answers[i]);
            if (CHEM.equals(a) || DIS.equals(a) || GENE.equals(a)) {
                int j = i + 1;
                while (j < answers.length && a.equals(type(answers[j])) && continues(answers[j - 1], answers[j])) {
                    j++;
                }
                spans.add(new TokenSpan(i, j, CHEM.equals(a) ? EntityType.CHEMICAL
                        : DIS.equals(a) ? EntityType.DISEASE : EntityType.GENE));
                i = j;
            } else {
                i++;
            }
        }
        return spans;
    }

    /** The type of a label ({@link #CHEM}, {@link #DIS}, {@link #GENE} or O) without its B-/I-/E-/S- prefix. */
    static String type(String label) {
        return prefix(label) != 0 ? label.substring(2) : label;
    }

    /** The B/I/E/S prefix of a label, or 0 for an IO label. */
    private static char prefix(String label) {
        return label.length() > 2 && label.charAt(1) == '-' && "BIES".indexOf(label.charAt(0)) >= 0 ? label.charAt(0) : 0;
    }

    /** True when a token labelled {@code cur} (of the same type) continues the span of the one before it. */
    private static boolean continues(String prev, String cur) {
        char p = prefix(prev);
        char c = prefix(cur);
        return c != 'B' && c != 'S' && p != 'E' && p != 'S';
    }

    /**
     * The labels of one sentence's tokens: {@code types} per token (a type or O) and {@code mention}, the gold mention
     * each token belongs to (any id, -1 for O), so that adjacent mentions stay apart.
     */
    static String[] encode(String[] types, int[] mention, Labels labels) {
        boolean bioes = labels.scheme() == LabelScheme.BIOES;
        String[] out = new String[types.length];
        for (int i = 0; i < types.length; i++) {
            boolean first = i == 0 || mention[i - 1] != mention[i];
            boolean last = i == types.length - 1 || mention[i + 1] != mention[i];
            out[i] = !labels.prefixes(types[i]) ? types[i]
                    : (first && last && bioes ? "S-" : first ? "B-" : last && bioes ? "E-" : "I-") + types[i];
        }
        return out;
    }

    /** CRF properties: a reduced form of CoreNLP's English NER feature set plus the dictionary tag. */
    /** Longest character n-gram feature of the session-1/2 model (the CRF's main run-time cost). */
    static final int DEFAULT_NGRAMS = 6;

    static Properties trainingProperties(Path trainFile, int maxIterations, int maxNGrams) {
        return trainingProperties(trainFile, maxIterations, maxNGrams, false, "");
    }

    /**
     * As above; {@code corpusNames}: the rows have a third column of corpus-name tags ({@link CorpusNames}) read as
     * CoreNLP gazette features of the token and its neighbours; {@code extra}: further CRF flags "key=value;key=value"
     * (session-6 experiments, {@code NlpTrain --crf-extra}).
     */
    static Properties trainingProperties(Path trainFile, int maxIterations, int maxNGrams, boolean corpusNames,
                                         String extra) {
        return trainingProperties(trainFile, maxIterations, maxNGrams, corpusNames, extra, false);
    }

    /**
     * As above; {@code documentColumn}: the rows have a further column before the label, the second pass's
     * document-level feature ({@link DocumentLabels}), read as CoreNLP's lemma column: the feature of the token and
     * of its neighbours ({@code useLemmas}, {@code usePrevNextLemmas}); session 10.
     */
    static Properties trainingProperties(Path trainFile, int maxIterations, int maxNGrams, boolean corpusNames,
                                         String extra, boolean documentColumn) {
        Properties p = new Properties();
        p.setProperty("trainFile", trainFile.toString());
        String columns = "word=0,tag=1" + (corpusNames ? ",gaz=2" : "");
        int next = corpusNames ? 3 : 2;
        if (documentColumn) {
            columns += ",lemma=" + next++;
            p.setProperty("useLemmas", "true");
            p.setProperty("usePrevNextLemmas", "true");
        }
        p.setProperty("map", columns + ",answer=" + next);
        if (corpusNames) {
            p.setProperty("useGazFeatures", "true");
        }
        p.setProperty("useClassFeature", "true");
        p.setProperty("useWord", "true");
        p.setProperty("useNGrams", Boolean.toString(maxNGrams > 0));
        p.setProperty("noMidNGrams", "true");
        p.setProperty("maxNGramLeng", Integer.toString(Math.max(1, maxNGrams)));
        p.setProperty("usePrev", "true");
        p.setProperty("useNext", "true");
        p.setProperty("useTags", "true");
        p.setProperty("useSequences", "true");
        p.setProperty("usePrevSequences", "true");
        p.setProperty("maxLeft", "1");
        p.setProperty("useTypeSeqs", "true");
        p.setProperty("useTypeSeqs2", "true");
        p.setProperty("useTypeySequences", "true");
        p.setProperty("wordShape", "chris2useLC");
        p.setProperty("useDisjunctive", "true");
        p.setProperty("disjunctionWidth", "3");
        p.setProperty("qnSize", "10");
        p.setProperty("maxQNItr", Integer.toString(maxIterations));
        p.setProperty("tolerance", "1e-3");
        p.setProperty("backgroundSymbol", "O");
        for (String kv : extra.split(";")) {
            if (!kv.isBlank()) {
                String[] f = kv.split("=", 2);
                p.setProperty(f[0].trim(), f.length > 1 ? f[1].trim() : "true");
            }
        }
        return p;
    }

    /**
     * Writes CoNLL-style training rows (word, dictionary tag, gold IO label) for chemical/disease mentions of
     * the given documents, tokenized exactly as at annotation time.
     */
    static int writeTrainingData(List<PubTator.Doc> docs, StanfordCoreNLP tokenizer, MentionFinder finder, Path out) {
        return writeTrainingData(docs, tokenizer, finder, out, null, Lexicon.NOT_IN_CRF_FEATURE);
    }

    /**
     * As above; with {@code names} (one per document, {@link CorpusNames#jackknife}) the rows get the corpus-name
     * tag as a third column (word, dictionary tag, corpus-name tag, gold label); the dictionary tag ignores the
     * lexicon entries of the {@code excluded} sources ({@link AnnotatorOptions#crfFeatureExcluded}).
     */
    static int writeTrainingData(List<PubTator.Doc> docs, StanfordCoreNLP tokenizer, MentionFinder finder, Path out,
                                 List<CorpusNames> names, java.util.Set<Lexicon.Source> excluded) {
        return writeRows(docs, tokenizer, finder, out, names, false, excluded, Labels.IO);
    }

    /**
     * Rows for the gene CRF (session 8): word, dictionary tag ({@link #geneDictTags}: the chemical/disease/gene-name
     * dictionary tag, or {@link #SYMBOL_TAG} for a gene_info symbol), gold label GENE or O from the documents' gene
     * mentions (BioRED train), in {@code scheme}.
     */
    static int writeGeneTrainingData(List<PubTator.Doc> docs, StanfordCoreNLP tokenizer, MentionFinder finder, Path out,
                                     Labels scheme) {
        return writeRows(docs, tokenizer, finder, out, null, true, Lexicon.NOT_IN_CRF_FEATURE, scheme);
    }

    /**
     * The gene CRF's dictionary tags: those of {@link #dictTags} over the dictionary spans found without training
     * names, and {@link #SYMBOL_TAG} on an untagged token that is a gene_info symbol or synonym as written.
     */
    static String[] geneDictTags(List<CoreLabel> toks, List<MentionFinder.Span> plain, Lexicon lexicon) {
        String[] tags = dictTags(toks.size(), plain);
        for (int i = 0; i < tags.length; i++) {
            if (tags[i].equals("O") && lexicon.gene(toks.get(i).word()) != null) {
                tags[i] = SYMBOL_TAG;
            }
        }
        return tags;
    }

    private static int writeRows(List<PubTator.Doc> docs, StanfordCoreNLP tokenizer, MentionFinder finder, Path out,
                                 List<CorpusNames> names, boolean genes, java.util.Set<Lexicon.Source> excluded,
                                 Labels scheme) {
        return write(rows(docs, tokenizer, finder, names, genes, excluded, scheme), null, out);
    }

    /**
     * One sentence's training rows: per token the word, the dictionary tag, the corpus-name tag ({@code gaz}, null
     * without corpus names) and the gold label.
     */
    record Rows(String[] words, String[] tags, String[] gaz, String[] labels) {
    }

    /**
     * The training rows of each document, sentence by sentence (see {@link #writeTrainingData}), the gold labels in
     * {@code scheme}.
     */
    static List<List<Rows>> rows(List<PubTator.Doc> docs, StanfordCoreNLP tokenizer, MentionFinder finder,
                                 List<CorpusNames> names, boolean genes, java.util.Set<Lexicon.Source> excluded,
                                 Labels scheme) {
        List<List<Rows>> out = new ArrayList<>(docs.size());
        for (int di = 0; di < docs.size(); di++) {
            PubTator.Doc d = docs.get(di);
            String text = d.text();
            String[] charLabel = new String[text.length()];
            int[] charMention = new int[text.length()];
            List<PubTator.Annotation> annotations = d.annotations();
            for (int ai = 0; ai < annotations.size(); ai++) {
                PubTator.Annotation a = annotations.get(ai);
                EntityType t = PubTator.entityType(a.type());
                if (genes ? t == EntityType.GENE : t == EntityType.CHEMICAL || t == EntityType.DISEASE) {
                    for (int c = a.start(); c < Math.min(a.end(), text.length()); c++) {
                        charLabel[c] = t == EntityType.CHEMICAL ? CHEM : t == EntityType.DISEASE ? DIS : GENE;
                        charMention[c] = ai;
                    }
                }
            }
            Annotation ann = new Annotation(Evaluation.inputText(d));
            tokenizer.annotate(ann);
            List<Rows> sentences = new ArrayList<>();
            for (CoreMap s : ann.get(CoreAnnotations.SentencesAnnotation.class)) {
                List<CoreLabel> toks = s.get(CoreAnnotations.TokensAnnotation.class);
                String[] keys = MentionFinder.keys(toks);
                List<MentionFinder.Span> plain = finder.dictionary(keys, excluded);
                String[] tags = genes ? geneDictTags(toks, plain, finder.lexicon()) : dictTags(toks.size(), plain);
                String[] gaz = names == null ? null : names.get(di).tags(keys);
                String[] labels = new String[toks.size()];
                int[] mention = new int[toks.size()];
                for (int i = 0; i < toks.size(); i++) {
                    CoreLabel t = toks.get(i);
                    labels[i] = "O";
                    mention[i] = -1;
                    for (int c = t.beginPosition(); c < t.endPosition() && c < text.length(); c++) {
                        if (charLabel[c] != null) {
                            labels[i] = charLabel[c];
                            mention[i] = charMention[c];
                            break;
                        }
                    }
                }
                sentences.add(new Rows(words(toks), tags, gaz, encode(labels, mention, scheme)));
            }
            out.add(sentences);
        }
        return out;
    }

    /**
     * Writes CoNLL-style rows (word, dictionary tag, [corpus-name tag], [document column], gold label), a blank line
     * after each sentence; {@code docTags}: per document and sentence the document-level column, or null. Returns the
     * number of tokens.
     */
    static int write(List<List<Rows>> docs, List<List<String[]>> docTags, Path out) {
        int tokens = 0;
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            for (int di = 0; di < docs.size(); di++) {
                List<Rows> sentences = docs.get(di);
                for (int si = 0; si < sentences.size(); si++) {
                    Rows r = sentences.get(si);
                    String[] doc = docTags == null ? null : docTags.get(di).get(si);
                    for (int i = 0; i < r.words().length; i++) {
                        String word = r.words()[i].replace('\t', ' ').replace(' ', '_');
                        w.println(word + "\t" + r.tags()[i] + (r.gaz() == null ? "" : "\t" + r.gaz()[i])
                                + (doc == null ? "" : "\t" + doc[i]) + "\t" + r.labels()[i]);
                        tokens++;
                    }
                    w.println();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tokens;
    }

    static void train(Path trainFile, Path modelOut, int maxIterations, int maxNGrams) {
        train(trainFile, modelOut, maxIterations, maxNGrams, false, "");
    }

    static void train(Path trainFile, Path modelOut, int maxIterations, int maxNGrams, boolean corpusNames, String extra) {
        train(trainingProperties(trainFile, maxIterations, maxNGrams, corpusNames, extra)).serializeClassifier(modelOut.toString());
    }

    /** A CRF trained with these properties (their {@code trainFile}). */
    static CRFClassifier<CoreLabel> train(Properties properties) {
        CRFClassifier<CoreLabel> crf = new CRFClassifier<>(properties);
        crf.train();
        return crf;
    }
}
