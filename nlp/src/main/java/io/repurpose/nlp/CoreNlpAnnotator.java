package io.repurpose.nlp;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.parser.nndep.DependencyParser;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.util.CoreMap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Repurpose text annotator: CoreNLP tokenize/ssplit, mention detection (a trained CRF for
 * chemicals and diseases when {@code ner-crf.ser.gz} is in the model dir, else the lexicon; a gene CRF with it when
 * {@code gene-crf.ser.gz} is there; gene symbols and names from the lexicon), normalisation through the Lucene lexicon index, abbreviation resolution,
 * NegEx/ConText flags, and relations from a Tribuo classifier over dependency-path features; POS tags, lemmas and
 * the dependency parse are computed only for sentences that hold a candidate pair. Load once with {@link #load(NlpConfig)}; {@link #annotate} is
 * thread-safe (all state is immutable after loading).
 */
public final class CoreNlpAnnotator implements TextAnnotator, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(CoreNlpAnnotator.class.getName());

    private final NlpConfig config;
    private final Lexicon lexicon;
    private final MentionFinder finder;
    private final ContextDetector context;
    private final StanfordCoreNLP base;
    private final StanfordCoreNLP posLemma;
    private final DependencyParser parser;
    private final CrfTagger crf;
    /** Gene mentions learned from BioRED train ({@link CrfTagger#GENE_FILE}, session 8), with the CRF; else null. */
    private final CrfTagger geneCrf;
    /** The second chemical/disease CRF pass ({@link StackedCrf#FILE}, session 10) when {@code crf.stack}; else null. */
    private final CrfTagger stackedCrf;
    private final SpanEdges edges;
    private final FillStops fillStops;
    private final ShortNames shortNames;
    /** Span → MeSH id beyond the lexicon's exact and fuzzy match ({@code mentions.normalise}, session 11). */
    private final MentionNormaliser normaliser;
    private final RelationModel relations;
    private final RelationModel surface;
    private final RelationModel pairs;
    /** Session 13 ({@code pairs.treatsModel}): decides chemical→disease TREATS alone; null when off or absent. */
    private final RelationModel treats;
    /** Session 13 ({@code pairs.otherFamiliesLearner}): decides every family but chemical→disease; null when off. */
    private final RelationModel others;
    private final Map<String, Double> pairThresholds;
    private final java.util.Set<EntityType> sameTypePairs;
    private final DiseaseHierarchy hierarchy;
    private final LongAdder candidateSentences = new LongAdder();
    private final LongAdder parsedSentences = new LongAdder();

    /** Run-time choices saved with the models: the parse band, document-level mention consistency. */
    private final AnnotatorOptions options;
    private final String version;

    private CoreNlpAnnotator(NlpConfig config, Lexicon lexicon, ContextDetector context, StanfordCoreNLP base,
                             StanfordCoreNLP posLemma, DependencyParser parser, CrfTagger crf, RelationModel relations,
                             RelationModel surface, RelationModel pairs, AnnotatorOptions options) {
        this.config = config;
        this.options = options;
        this.lexicon = lexicon;
        this.finder = new MentionFinder(lexicon);
        this.context = context;
        this.base = base;
        this.posLemma = posLemma;
        this.parser = parser;
        this.crf = crf;
        this.edges = crf == null ? null : SpanEdges.read(config.modelDir().resolve(SpanEdges.FILE));
        Path geneModel = config.modelDir().resolve(CrfTagger.GENE_FILE);
        this.geneCrf = crf != null && Files.exists(geneModel) ? CrfTagger.load(geneModel) : null;
        Path stackedModel = config.modelDir().resolve(StackedCrf.FILE);
        this.stackedCrf = crf != null && !options.crfStack().isEmpty() && Files.exists(stackedModel) ? CrfTagger.load(stackedModel) : null;
        this.fillStops = crf == null ? null : FillStops.read(config.modelDir().resolve(FillStops.FILE));
        this.shortNames = options.shortNames() ? ShortNames.read(config.modelDir().resolve(ShortNames.FILE)) : null;
        Path backOff = config.modelDir().resolve(MentionNormaliser.BackOff.FILE);
        boolean heads = options.normaliseRules().contains("head");
        this.normaliser = new MentionNormaliser(lexicon, options.normaliseRules(),
                heads ? MentionNormaliser.BackOff.read(backOff) : MentionNormaliser.BackOff.EMPTY);
        this.relations = relations;
        this.surface = surface;
        this.pairs = pairs;
        this.pairThresholds = pairs == null ? Map.of() : Map.copyOf(PairTrainer.readThresholds(config.pairThresholds()));
        this.sameTypePairs = sameTypes(pairThresholds, options);
        this.treats = pairs != null && options.treatsModel() && pairThresholds.containsKey(PairTrainer.TREATS_MODEL)
                && Files.exists(config.pairTreatsModel()) ? RelationModel.load(config.pairTreatsModel()) : null;
        this.others = pairs != null && !options.otherFamiliesLearner().isEmpty() && Files.exists(config.pairOthersModel())
                ? RelationModel.load(config.pairOthersModel()) : null;
        this.hierarchy = options.diseaseHierarchy() ? DiseaseHierarchy.load(config.sharedData()) : null;
        this.version = "repurpose-nlp/0.1 " + lexicon.version()
                + " crf=" + fileStamp(crf == null ? null : config.crfModel())
                + " relations=" + fileStamp(relations == null ? null : config.relationModel())
                + " surface=" + fileStamp(surface == null ? null : config.surfaceRelationModel())
                + " pairs=" + fileStamp(pairs == null ? null : config.pairModel())
                + (treats == null ? "" : " treats=" + fileStamp(config.pairTreatsModel()))
                + (others == null ? "" : " others=" + fileStamp(config.pairOthersModel()))
                + (geneCrf == null ? "" : " genes=" + fileStamp(geneModel))
                + (stackedCrf == null ? "" : " crf2=" + fileStamp(stackedModel))
                + " edges=" + fileStamp(edges == null ? null : config.modelDir().resolve(SpanEdges.FILE))
                + (fillStops == null ? "" : " stops=" + fileStamp(config.modelDir().resolve(FillStops.FILE)))
                + (shortNames == null ? "" : " short=" + fileStamp(config.modelDir().resolve(ShortNames.FILE)))
                + (heads ? " backoff=" + fileStamp(Files.exists(backOff) ? backOff : null) : "")
                + " options=" + options.stamp();
    }

    /** Loads lexicon, pipelines and whatever trained models the model dir holds (5–20 s). */
    public static CoreNlpAnnotator load(NlpConfig config) {
        Objects.requireNonNull(config, "config");
        return load(config, AnnotatorOptions.read(config.modelDir()));
    }

    /** As {@link #load(NlpConfig)} with the given run-time options instead of the model dir's. */
    static CoreNlpAnnotator load(NlpConfig config, AnnotatorOptions options) {
        Objects.requireNonNull(config, "config");
        if (!Files.isDirectory(config.lexicons())) {
            throw new IllegalArgumentException("no lexicons folder at " + config.lexicons().toAbsolutePath());
        }
        Lexicon lexicon = Lexicon.load(config, options.sideEffects());
        ContextDetector ctx = ContextDetector.load(config.lexicons().resolve("negation/negex_triggers.txt"));
        CrfTagger crf = config.useCrf() && Files.exists(config.crfModel()) ? CrfTagger.load(config.crfModel()) : null;
        RelationModel rel = Files.exists(config.relationModel()) ? RelationModel.load(config.relationModel()) : null;
        RelationModel surface = rel == null ? null : optional(config.surfaceRelationModel(),
                "every sentence with a candidate pair is parsed (slower)");
        RelationModel pairs = rel == null ? null : optional(config.pairModel(),
                "relations are decided per sentence only (lower recall)");
        StanfordCoreNLP posLemma = rel == null ? null : Pipelines.posLemma();
        DependencyParser parser = rel == null ? null : Pipelines.dependencyParser();
        return new CoreNlpAnnotator(config, lexicon, ctx, Pipelines.tokens(), posLemma, parser, crf, rel, surface, pairs,
                options);
    }

    /**
     * The same annotator (sharing lexicon and pipelines) with other relation models: used to train the pair model
     * on sentence scores from models that did not see the document. Do not close the copy.
     */
    CoreNlpAnnotator withRelationModels(RelationModel full, RelationModel surfaceModel, RelationModel pairModel) {
        return new CoreNlpAnnotator(config, lexicon, context, base, posLemma == null ? Pipelines.posLemma() : posLemma,
                parser == null ? Pipelines.dependencyParser() : parser, crf, full, surfaceModel, pairModel, options);
    }

    /** The same annotator (sharing everything loaded) with other run-time options. Do not close the copy. */
    CoreNlpAnnotator withOptions(AnnotatorOptions other) {
        if (other.sideEffects() != options.sideEffects()) {
            throw new IllegalArgumentException("lexicon.sideEffects=" + other.sideEffects()
                    + " needs another lexicon: load a new annotator with these options");
        }
        return new CoreNlpAnnotator(config, lexicon, context, base, posLemma, parser, crf, relations, surface, pairs, other);
    }

    /** A model that the annotator can do without: loaded when present, else null with a log line. */
    private static RelationModel optional(Path file, String degradation) {
        if (Files.exists(file)) {
            return RelationModel.load(file);
        }
        LOG.log(System.Logger.Level.INFO, "no " + file + ": " + degradation + "; NlpTrain builds it");
        return null;
    }

    @Override
    public String modelVersion() {
        return version;
    }

    AnnotatorOptions options() {
        return options;
    }

    /** True when a trained CRF does the chemical/disease mentions. */
    public boolean usesCrf() {
        return crf != null;
    }

    /** True when a trained relation classifier is loaded (without it no relations are produced). */
    public boolean hasRelationModel() {
        return relations != null;
    }

    /** What the relation step works from: mentions, sentence tokens and every scored sentence-level pair. */
    record Analysis(AnnotatedDocument document, List<PairFeatures.SentenceTokens> tokens,
                    List<PairFeatures.SentencePair> scored) {
    }

    @Override
    public AnnotatedDocument annotate(String documentId, String text) {
        return analyse(documentId, text).document();
    }

    Analysis analyse(String documentId, String text) {
        return analyse(documentId, text, null);
    }

    /**
     * As {@link #analyse(String, String)}, but with the given mentions (e.g. a corpus's gold annotations: type,
     * character offsets, corpus id taken as the MeSH id, or the Entrez id of a gene) in place of the detected ones;
     * abbreviations are not re-resolved. A diagnostic for the evaluation ({@code NlpEvaluate --gold-mentions}): it
     * splits the relation loss into what detection/normalisation costs and what the relation models cost.
     */
    Analysis analyseGiven(String documentId, String text, List<PubTator.Annotation> given) {
        return analyse(documentId, text, Objects.requireNonNull(given, "given"));
    }

    private Analysis analyse(String documentId, String text, List<PubTator.Annotation> given) {
        Objects.requireNonNull(documentId, "documentId");
        if (text == null) {
            throw new IllegalArgumentException("text of document " + documentId + " is null");
        }
        if (text.length() > config.maxTextChars()) {
            throw new IllegalArgumentException("text of document " + documentId + " has " + text.length()
                    + " characters, above the limit of " + config.maxTextChars() + " (NlpConfig.maxTextChars): split it");
        }
        if (text.isBlank()) {
            return new Analysis(new AnnotatedDocument(documentId, List.of(), List.of(), List.of(), version), List.of(), List.of());
        }
        Annotation ann = new Annotation(sentenceFriendly(text));
        base.annotate(ann);
        List<CoreMap> coreSentences = ann.get(CoreAnnotations.SentencesAnnotation.class);
        List<Sentence> sentences = new ArrayList<>(coreSentences.size());
        List<List<Found>> found = new ArrayList<>(coreSentences.size());
        List<String[]> firstPass = stackedCrf == null || given != null ? null : firstPass(coreSentences);
        List<String[]> docTags = firstPass == null ? null : documentTags(coreSentences, firstPass);
        for (int si = 0; si < coreSentences.size(); si++) {
            CoreMap s = coreSentences.get(si);
            int start = s.get(CoreAnnotations.CharacterOffsetBeginAnnotation.class);
            int end = s.get(CoreAnnotations.CharacterOffsetEndAnnotation.class);
            sentences.add(new Sentence(si, start, end, text.substring(start, end)));
            found.add(given == null ? mentionsOf(s.get(CoreAnnotations.TokensAnnotation.class),
                    docTags == null ? null : firstPass.get(si), docTags == null ? null : docTags.get(si)) : new ArrayList<>());
        }
        if (given != null) {
            placeGiven(given, coreSentences, found);
        } else {
            if (options.documentConsistency()) {
                propagate(coreSentences, found);
            }
            if (normaliser.documentLevel()) {
                documentIds(coreSentences, found);
            }
            resolveAbbreviations(text, coreSentences, found);
        }

        List<Mention> mentions = new ArrayList<>();
        List<List<Mention>> perSentence = new ArrayList<>();
        List<List<RelationFeatures.Arg>> argsPerSentence = new ArrayList<>();
        List<PairFeatures.SentenceTokens> tokens = new ArrayList<>();
        for (int si = 0; si < coreSentences.size(); si++) {
            List<CoreLabel> toks = coreSentences.get(si).get(CoreAnnotations.TokensAnnotation.class);
            List<String> words = new ArrayList<>(toks.size());
            int[] begins = new int[toks.size()];
            for (CoreLabel t : toks) {
                begins[words.size()] = t.beginPosition();
                words.add(t.word());
            }
            tokens.add(new PairFeatures.SentenceTokens(words, begins));
            Set<ContextFlag>[] flags = context.flags(words);
            List<Found> fs = found.get(si);
            fs.sort(Comparator.comparingInt(Found::start));
            List<Mention> ms = new ArrayList<>();
            List<RelationFeatures.Arg> args = new ArrayList<>();
            for (Found f : fs) {
                int cs = toks.get(f.start()).beginPosition();
                int ce = toks.get(f.end() - 1).endPosition();
                EnumSet<ContextFlag> fl = EnumSet.noneOf(ContextFlag.class);
                for (int i = f.start(); i < f.end(); i++) {
                    fl.addAll(flags[i]);
                }
                Lexicon.Resolution r = f.resolution();
                Mention m = new Mention(f.type(), text.substring(cs, ce), cs, ce, si,
                        r == null ? null : r.id(), r == null ? null : r.name(), r == null ? null : r.xrefs(),
                        f.confidence(), fl);
                ms.add(m);
                args.add(new RelationFeatures.Arg(f.start(), f.end(), f.type()));
            }
            mentions.addAll(ms);
            perSentence.add(ms);
            argsPerSentence.add(args);
        }
        List<PairFeatures.SentencePair> scored = relations == null ? List.of()
                : scoreSentencePairs(coreSentences, perSentence, argsPerSentence);
        List<Relation> rels = relations == null ? List.of()
                : pairs == null ? sentenceRelations(scored) : documentRelations(mentions, tokens, scored);
        return new Analysis(new AnnotatedDocument(documentId, sentences, mentions, rels, version), tokens, scored);
    }

    /** Given annotations as mentions on the tokens they overlap (the first annotation of a token wins). */
    private static void placeGiven(List<PubTator.Annotation> given, List<CoreMap> sentences, List<List<Found>> found) {
        List<boolean[]> covered = new ArrayList<>();
        for (CoreMap s : sentences) {
            covered.add(new boolean[s.get(CoreAnnotations.TokensAnnotation.class).size()]);
        }
        for (PubTator.Annotation a : given) {
            EntityType type = PubTator.entityType(a.type());
            String id = a.id().split("[|,;]")[0].replace("MESH:", "").trim();
            if (type == null) {
                continue;
            }
            for (int si = 0; si < sentences.size(); si++) {
                List<CoreLabel> toks = sentences.get(si).get(CoreAnnotations.TokensAnnotation.class);
                int ts = -1;
                int te = -1;
                for (int i = 0; i < toks.size(); i++) {
                    if (toks.get(i).endPosition() > a.start() && toks.get(i).beginPosition() < a.end()) {
                        ts = ts < 0 ? i : ts;
                        te = i + 1;
                    }
                }
                if (ts >= 0 && free(covered.get(si), ts, te)) {
                    boolean known = !id.isEmpty() && !id.equals("-") && !id.equals("-1");
                    Lexicon.Resolution r = !known ? null : type == EntityType.GENE
                            ? new Lexicon.Resolution(type, id, a.text(), Map.of(), 1.0)
                            : new Lexicon.Resolution(type, null, a.text(), Map.of("MESH", id), 1.0);
                    found.get(si).add(new Found(ts, te, type, r, 1.0));
                    mark(covered.get(si), ts, te);
                }
                if (ts >= 0) {
                    break;
                }
            }
        }
    }

    /** The document-level normalisation rule ({@link MentionNormaliser#document}) over every sentence's mentions. */
    private static void documentIds(List<CoreMap> sentences, List<List<Found>> found) {
        List<MentionNormaliser.Item> items = new ArrayList<>();
        for (int si = 0; si < sentences.size(); si++) {
            List<CoreLabel> toks = sentences.get(si).get(CoreAnnotations.TokensAnnotation.class);
            for (Found f : found.get(si)) {
                items.add(new MentionNormaliser.Item(toks.get(f.start()).beginPosition(), toks.get(f.end() - 1).endPosition(),
                        surface(toks, f.start(), f.end()), f.type(), f.resolution()));
            }
        }
        List<MentionNormaliser.Item> done = MentionNormaliser.document(items);
        int i = 0;
        for (List<Found> fs : found) {
            for (int k = 0; k < fs.size(); k++, i++) {
                Found f = fs.get(k);
                if (done.get(i).resolution() != f.resolution()) {
                    fs.set(k, new Found(f.start(), f.end(), f.type(), done.get(i).resolution(), f.confidence(), f.learned()));
                }
            }
        }
    }

    /** A detected mention in token indices of its sentence. */
    private record Found(int start, int end, EntityType type, Lexicon.Resolution resolution, double confidence,
                         boolean learned) {
        Found(int start, int end, EntityType type, Lexicon.Resolution resolution, double confidence) {
            this(start, end, type, resolution, confidence, false);
        }
    }

    /**
     * Document-level consistency: a word sequence (≥ 3 characters) the CRF tagged as a chemical or disease is
     * tagged the same wherever else in the document it stands on tokens nothing else claimed (longest first).
     */
    private static void propagate(List<CoreMap> sentences, List<List<Found>> found) {
        Map<List<String>, Found> learned = new java.util.HashMap<>();
        for (int si = 0; si < sentences.size(); si++) {
            List<CoreLabel> toks = sentences.get(si).get(CoreAnnotations.TokensAnnotation.class);
            for (Found f : found.get(si)) {
                List<String> words = words(toks, f.start(), f.end());
                if (f.learned() && String.join("", words).length() >= 3) {
                    learned.putIfAbsent(words, f);
                }
            }
        }
        if (learned.isEmpty()) {
            return;
        }
        List<List<String>> keys = new ArrayList<>(learned.keySet());
        keys.sort(Comparator.comparingInt((List<String> k) -> -k.size()));
        for (int si = 0; si < sentences.size(); si++) {
            List<CoreLabel> toks = sentences.get(si).get(CoreAnnotations.TokensAnnotation.class);
            boolean[] covered = new boolean[toks.size()];
            for (Found f : found.get(si)) {
                mark(covered, f.start(), f.end());
            }
            for (List<String> k : keys) {
                for (int i = 0; i + k.size() <= toks.size(); i++) {
                    if (free(covered, i, i + k.size()) && words(toks, i, i + k.size()).equals(k)) {
                        Found src = learned.get(k);
                        found.get(si).add(new Found(i, i + k.size(), src.type(), src.resolution(), src.confidence(), true));
                        mark(covered, i, i + k.size());
                    }
                }
            }
        }
    }

    private static List<String> words(List<CoreLabel> toks, int start, int end) {
        List<String> w = new ArrayList<>(end - start);
        for (int i = start; i < end; i++) {
            w.add(toks.get(i).word());
        }
        return w;
    }

    /** The first CRF pass's answer per token of every sentence (the second pass's input, session 10). */
    private List<String[]> firstPass(List<CoreMap> sentences) {
        List<String[]> labels = new ArrayList<>(sentences.size());
        for (CoreMap s : sentences) {
            List<CoreLabel> toks = s.get(CoreAnnotations.TokensAnnotation.class);
            String[] keys = MentionFinder.keys(toks);
            List<MentionFinder.Span> plain = finder.dictionary(keys, options.crfFeatureExcluded());
            labels.add(crf.labels(toks, CrfTagger.dictTags(toks.size(), plain), keys, options.crfShapes(), null));
        }
        return labels;
    }

    /** The second CRF pass's document column ({@link DocumentLabels}) from the first pass's labels. */
    private static List<String[]> documentTags(List<CoreMap> sentences, List<String[]> firstPass) {
        List<List<String>> words = new ArrayList<>(sentences.size());
        for (CoreMap s : sentences) {
            words.add(List.of(CrfTagger.words(s.get(CoreAnnotations.TokensAnnotation.class))));
        }
        return DocumentLabels.of(words, firstPass);
    }

    /**
     * The CRF's answer per token with the second pass: a token takes the second pass's label when it is of a type
     * of {@code crf.stack}, else the first pass's label when that is of another type, else O.
     */
    static String[] combine(String[] first, String[] second, AnnotatorOptions options) {
        String[] out = new String[first.length];
        for (int i = 0; i < out.length; i++) {
            EntityType t2 = labelType(second[i]);
            EntityType t1 = labelType(first[i]);
            out[i] = t2 != null && options.stacks(t2) ? second[i] : t1 != null && !options.stacks(t1) ? first[i] : "O";
        }
        return out;
    }

    private static EntityType labelType(String label) {
        String type = CrfTagger.type(label);
        return CrfTagger.CHEM.equals(type) ? EntityType.CHEMICAL : CrfTagger.DIS.equals(type) ? EntityType.DISEASE : null;
    }

    /**
     * Mentions of one sentence; {@code firstPass} and {@code docTags}: its first CRF pass's labels and its document
     * column for the second pass, or null (the first pass decides).
     */
    private List<Found> mentionsOf(List<CoreLabel> toks, String[] firstPass, String[] docTags) {
        List<Found> out = new ArrayList<>();
        boolean[] covered = new boolean[toks.size()];
        String[] keys = MentionFinder.keys(toks);
        List<MentionFinder.Span> dict = finder.dictionary(keys, java.util.Set.of());
        if (crf != null) {
            List<MentionFinder.Span> plain = finder.dictionary(keys, options.crfFeatureExcluded());
            String[] dictTags = CrfTagger.dictTags(toks.size(), plain);
            List<CrfTagger.TokenSpan> spans = docTags == null ? crf.tag(toks, dictTags, keys, options.crfShapes())
                    : CrfTagger.spans(combine(firstPass, stackedCrf.labels(toks, dictTags, keys, options.crfShapes(), docTags),
                    options));
            if (edges != null && options.spanEdges()) {
                spans = adjustEdges(toks, spans);
            }
            // side-effect names fill untagged tokens only: "interstitial nephritis" must not grow into MedDRA's
            // "acute interstitial nephritis" (fold 1, session 8)
            List<MentionFinder.Span> spanDict = options.sideEffects()
                    && finder.touches(keys, dict, Lexicon.Source.SIDE_EFFECT) ? finder.dictionary(keys, Lexicon.SIDE_EFFECTS) : dict;
            Map<Integer, MentionFinder.Span> widened = widenByLexicon(spans, spanDict);
            for (int k = 0; k < spans.size(); k++) {
                CrfTagger.TokenSpan sp = spans.get(k);
                MentionFinder.Span w = widened.get(k);
                if (w != null) {
                    out.add(new Found(w.start(), w.end(), sp.type(), w.resolution(), w.resolution().confidence(), true));
                    mark(covered, w.start(), w.end());
                    continue;
                }
                MentionFinder.Span same = options.lexiconType() ? sameExtentOtherType(sp, spanDict) : null;
                if (same != null) {
                    out.add(new Found(sp.start(), sp.end(), same.resolution().type(), same.resolution(),
                            same.resolution().confidence(), true));
                    mark(covered, sp.start(), sp.end());
                    continue;
                }
                String surface = surface(toks, sp.start(), sp.end());
                Lexicon.Resolution r = normaliser.resolve(surface, sp.type());
                out.add(new Found(sp.start(), sp.end(), sp.type(), r, r == null ? 0.6 : 0.85, true));
                mark(covered, sp.start(), sp.end());
            }
            if (geneCrf != null) {
                // the gene CRF was trained on the dictionary tags without side-effect names, whatever crf.sideEffects says
                addGenes(toks, options.crfSideEffects() ? finder.dictionary(keys, Lexicon.NOT_IN_CRF_FEATURE) : plain,
                        covered, out);
            }
            // the lexicon fills what the CRF left: genes, and names the CRF missed (not the names train leaves unannotated)
            for (MentionFinder.Span s : dict) {
                if (free(covered, s.start(), s.end())
                        && (fillStops == null || !fillStops.refuses(s.resolution().type(), keys, s.start(), s.end()))
                        && (spanDict == dict || !plainWordSideEffect(s, keys, spanDict))) {
                    out.add(new Found(s.start(), s.end(), s.resolution().type(), s.resolution(), s.resolution().confidence()));
                    mark(covered, s.start(), s.end());
                }
            }
        } else {
            for (MentionFinder.Span s : dict) {
                out.add(new Found(s.start(), s.end(), s.resolution().type(), s.resolution(), s.resolution().confidence()));
                mark(covered, s.start(), s.end());
            }
        }
        if (shortNames != null) {
            fillShortNames(toks, covered, out);
        }
        if (options.sequenceVariants()) {
            addVariants(toks, covered, out);
        }
        for (MentionFinder.Span s : finder.geneSymbols(toks, covered)) {
            out.add(new Found(s.start(), s.end(), EntityType.GENE, s.resolution(), s.resolution().confidence()));
            mark(covered, s.start(), s.end());
        }
        if (options.saltForms() || options.coordination()) {
            applySpanRules(toks, out, covered);
        }
        if (!normaliser.plain()) {
            completeIds(toks, out);
        }
        return out;
    }

    /** Chemical and disease mentions the lexicon gave no MeSH id, completed by the normalisation rules (session 11). */
    private void completeIds(List<CoreLabel> toks, List<Found> out) {
        for (int k = 0; k < out.size(); k++) {
            Found f = out.get(k);
            if ((f.type() == EntityType.CHEMICAL || f.type() == EntityType.DISEASE) && f.resolution() != null
                    && !MentionNormaliser.hasMesh(f.resolution())) {
                Lexicon.Resolution r = normaliser.complete(surface(toks, f.start(), f.end()), f.type(), f.resolution());
                if (r != f.resolution()) {
                    out.set(k, new Found(f.start(), f.end(), f.type(), r, f.confidence(), f.learned()));
                }
            }
        }
    }

    /**
     * The session-9 extent rules ({@link SpanRules}): a chemical mention takes in the counter-ion word after it (free,
     * or a one-word chemical mention of its own: "heparin sodium"); a disease mention starting with a modifier takes in
     * a coordinated modifier before it. Each mention keeps its identifier.
     */
    private void applySpanRules(List<CoreLabel> toks, List<Found> out, boolean[] covered) {
        List<String> words = words(toks, 0, toks.size());
        for (int k = 0; k < out.size(); k++) {
            Found f = out.get(k);
            int start = f.start();
            int end = f.end();
            if (options.saltForms() && f.type() == EntityType.CHEMICAL && end < toks.size()
                    && SpanRules.saltWord(words.get(end))) {
                final int salt = end;
                Found own = out.stream().filter(g -> g.start() == salt && g.end() == salt + 1
                        && g.type() == EntityType.CHEMICAL).findFirst().orElse(null);
                if (own != null || !covered[salt]) {
                    if (own != null) {
                        out.remove(own);
                        k = out.indexOf(f);
                    }
                    end = salt + 1;
                }
            }
            if (options.coordination() && f.type() == EntityType.DISEASE) {
                start = SpanRules.coordinatedStart(words, start, end, covered);
            }
            if (start != f.start() || end != f.end()) {
                out.set(k, new Found(start, end, f.type(), f.resolution(), f.confidence(), f.learned()));
                mark(covered, start, end);
            }
        }
    }

    /**
     * Gene CRF spans on tokens no chemical/disease span took, normalised to Entrez: the surface as a gene_info
     * symbol (as written, then without spaces), then the lexicon (gene names, train names, fuzzy), then the
     * upper-cased symbol (rodent "Tnf" → human TNF); a span no route resolves is kept without an id.
     */
    private void addGenes(List<CoreLabel> toks, List<MentionFinder.Span> plain, boolean[] covered, List<Found> out) {
        for (CrfTagger.TokenSpan sp : geneCrf.tag(toks, CrfTagger.geneDictTags(toks, plain, lexicon), null,
                options.crfShapes())) {
            if (!free(covered, sp.start(), sp.end())) {
                continue;
            }
            Lexicon.Resolution r = geneId(surface(toks, sp.start(), sp.end()));
            out.add(new Found(sp.start(), sp.end(), EntityType.GENE, r, r == null ? 0.6 : 0.85));
            mark(covered, sp.start(), sp.end());
        }
    }

    /**
     * Session 9: sequence variants by rule ({@link VariantFinder}) on tokens nothing else took, before the gene
     * symbols ("V600E" is no gene); the id is BioRED's (tmVar string or dbSNP id).
     */
    private static void addVariants(List<CoreLabel> toks, boolean[] covered, List<Found> out) {
        if (toks.isEmpty()) {
            return;
        }
        int base = toks.get(0).beginPosition();
        StringBuilder text = new StringBuilder();
        for (CoreLabel t : toks) {
            while (text.length() < t.beginPosition() - base) {
                text.append(' ');
            }
            text.append(t.originalText());
        }
        for (VariantFinder.Found v : VariantFinder.find(text.toString())) {
            int[] span = coveringTokens(toks, base + v.start(), base + v.end());
            if (span == null || !free(covered, span[0], span[1])) {
                continue;
            }
            Lexicon.Resolution r = new Lexicon.Resolution(EntityType.VARIANT, v.id(), null, Map.of(), 0.9);
            out.add(new Found(span[0], span[1], EntityType.VARIANT, r, 0.9));
            mark(covered, span[0], span[1]);
        }
    }

    Lexicon.Resolution geneId(String surface) {
        Lexicon.Resolution r = lexicon.gene(surface);
        if (r == null && surface.indexOf(' ') >= 0) {
            r = lexicon.gene(surface.replace(" ", ""));
        }
        if (r == null) {
            r = lexicon.search(surface, EntityType.GENE, 0.85);
        }
        if (r == null) {
            r = lexicon.gene(surface.toUpperCase(Locale.ROOT));
        }
        return r;
    }

    /** Suffixes of one-word disease names ("akathisia", "rhabdomyolysis", "coagulopathy", "granulomas"). */
    private static final java.util.regex.Pattern DISEASE_WORD = java.util.regex.Pattern.compile(
            ".*(ia|ias|itis|osis|oses|omas?|path(y|ies)|algia|a?emia|plegia|paresis|rrh(o)?ea|lysis|megaly|trophy)");

    /**
     * A one-word span that only a side-effect name matched and that does not look like a disease word: MedDRA's
     * "stress", "surgery", "pregnancy", "mass" (session 8; fill only).
     */
    private static boolean plainWordSideEffect(MentionFinder.Span s, String[] keys, List<MentionFinder.Span> withoutSideEffects) {
        if (s.end() - s.start() != 1) {
            return false;
        }
        for (MentionFinder.Span o : withoutSideEffects) {
            if (o.start() == s.start() && o.end() == s.end()) {
                return false;
            }
        }
        return !diseaseWord(keys[s.start()]);
    }

    /** True when a one-word key ends like a disease name (-ia, -itis, -osis, -oma, -pathy, -emia, -lysis, ...). */
    static boolean diseaseWord(String key) {
        return DISEASE_WORD.matcher(key).matches();
    }

    /** Untagged tokens that are short names learned from train ("Na", "K"): mentions of their learned type. */
    private void fillShortNames(List<CoreLabel> toks, boolean[] covered, List<Found> out) {
        for (int i = 0; i < toks.size(); i++) {
            EntityType t = covered[i] ? null : shortNames.type(toks.get(i).word());
            if (t != null) {
                Lexicon.Resolution r = lexicon.search(toks.get(i).word(), t, 0.85);
                out.add(new Found(i, i + 1, t, r, r == null ? 0.6 : 0.85));
                covered[i] = true;
            }
        }
    }

    /**
     * CRF spans (by index) that a strictly longer lexicon match of the same type contains, for the types the options
     * name ({@link AnnotatorOptions#lexiconWiden}), when that match overlaps no other CRF span.
     */
    private Map<Integer, MentionFinder.Span> widenByLexicon(List<CrfTagger.TokenSpan> spans, List<MentionFinder.Span> dict) {
        Map<Integer, MentionFinder.Span> out = new java.util.HashMap<>();
        for (int k = 0; k < spans.size(); k++) {
            CrfTagger.TokenSpan sp = spans.get(k);
            if (!options.widens(sp.type())) {
                continue;
            }
            for (MentionFinder.Span s : dict) {
                if (s.resolution().type() == sp.type() && s.start() <= sp.start() && s.end() >= sp.end()
                        && s.end() - s.start() > sp.end() - sp.start() && overlapsNoOther(spans, k, s)) {
                    out.put(k, s);
                    break;
                }
            }
        }
        return out;
    }

    /** The chemical/disease lexicon match with exactly this CRF span's extent and the other type, or null. */
    private static MentionFinder.Span sameExtentOtherType(CrfTagger.TokenSpan sp, List<MentionFinder.Span> dict) {
        for (MentionFinder.Span s : dict) {
            EntityType t = s.resolution().type();
            if (s.start() == sp.start() && s.end() == sp.end() && t != sp.type() && t != EntityType.GENE) {
                return s;
            }
        }
        return null;
    }

    private static boolean overlapsNoOther(List<CrfTagger.TokenSpan> spans, int k, MentionFinder.Span s) {
        for (int j = 0; j < spans.size(); j++) {
            if (j != k && spans.get(j).start() < s.end() && s.start() < spans.get(j).end()) {
                return false;
            }
        }
        return true;
    }

    /** The CRF spans with their edges adjusted by the learned edge words; a span never grows into another one. */
    private List<CrfTagger.TokenSpan> adjustEdges(List<CoreLabel> toks, List<CrfTagger.TokenSpan> spans) {
        boolean[] taken = new boolean[toks.size()];
        for (CrfTagger.TokenSpan sp : spans) {
            mark(taken, sp.start(), sp.end());
        }
        List<CrfTagger.TokenSpan> out = new ArrayList<>(spans.size());
        for (CrfTagger.TokenSpan sp : spans) {
            int[] se = edges.adjust(toks, sp.start(), sp.end(), sp.type(), taken);
            for (int i = sp.start(); i < sp.end(); i++) {
                taken[i] = false;
            }
            mark(taken, se[0], se[1]);
            out.add(new CrfTagger.TokenSpan(se[0], se[1], sp.type()));
        }
        return out;
    }

    /**
     * "long form (SF)": every SF in the document takes the long form's type and identifier (replacing what was
     * found there); an SF that was taken for a gene symbol but whose long form is no gene is dropped.
     */
    private void resolveAbbreviations(String text, List<CoreMap> sentences, List<List<Found>> found) {
        boolean abbreviationContaining = options.normaliseRules().contains("abbreviation");
        List<Abbreviations.Definition> defs = Abbreviations.find(text,
                options.abbreviationReach() || options.abbreviationFind(), options.abbreviationLists());
        for (Abbreviations.Definition d : defs) {
            Found longMention = null;
            int longSentence = -1;
            for (int si = 0; si < sentences.size() && longMention == null; si++) {
                List<CoreLabel> toks = sentences.get(si).get(CoreAnnotations.TokensAnnotation.class);
                for (Found f : found.get(si)) {
                    int ce = toks.get(f.end() - 1).endPosition();
                    int cs = toks.get(f.start()).beginPosition();
                    // session 11, mentions.normalise=abbreviation: also a mention that starts before the long form
                    // Schwartz and Hearst found ("multiple myeloma (MM)", long form "myeloma")
                    if (ce == d.longEnd() && (cs >= d.longStart() || (abbreviationContaining
                            && MentionNormaliser.hasMesh(f.resolution()))) && f.type() != EntityType.GENE) {
                        longMention = f;
                        longSentence = si;
                        break;
                    }
                }
            }
            Lexicon.Resolution longRes = longMention != null ? longMention.resolution() : lexicon.exact(Lexicon.key(d.longForm()), null);
            EntityType longType = longMention != null ? longMention.type() : longRes == null ? null : longRes.type();
            if (longType == null && options.abbreviationReach()) {
                // not for a gene's short form (SOD1, PKC, Bcl-2) nor a long form headed by an enzyme, protein, cell, ...
                Found in = Abbreviations.namesAThing(d.longForm()) && lexicon.gene(d.shortForm()) == null
                        ? lastInside(sentences, found, d.longStart(), d.longEnd()) : null;
                Lexicon.Resolution fuzzy = lexicon.search(d.longForm(), in == null ? null : in.type(), 0.85);
                if (in != null) {
                    longType = in.type();
                    longRes = fuzzy != null ? fuzzy : in.resolution();
                } else if (fuzzy != null && fuzzy.type() != EntityType.GENE) {
                    longType = fuzzy.type();
                    longRes = fuzzy;
                }
            }
            if (longType == EntityType.GENE) {
                continue;
            }
            if (longType == null && (options.geneShortForms().equals("all")
                    || options.geneShortForms().equals("protein") && Abbreviations.namesAProtein(d.longForm()))) {
                continue; // session 14: a gene symbol defined by a protein's name we do not know stays a gene
            }
            shortFormEverywhere(text, sentences, found, d.shortForm(), longType, longRes);
            if (longSentence < 0 && longType != null) {
                // the long form itself was not detected: add it when the lexicon knows it (or, with abbreviationReach,
                // in place of the mention inside it)
                for (int si = 0; si < sentences.size(); si++) {
                    int[] span = tokenSpan(sentences.get(si).get(CoreAnnotations.TokensAnnotation.class), d.longStart(),
                            d.longEnd());
                    if (span != null) {
                        final int fs = span[0];
                        final int fe = span[1];
                        found.get(si).removeIf(f -> f.start() < fe && fs < f.end());
                        found.get(si).add(new Found(fs, fe, longType, longRes, 0.8));
                        break;
                    }
                }
            }
        }
        if (!options.bracketSynonyms().isEmpty()) {
            bracketSynonyms(text, sentences, found, defs);
        }
    }

    /**
     * Every whole-word occurrence of a short form in the text takes {@code type} and {@code res} (replacing what was found
     * there); with a null type (defined as something unknown) a gene symbol found exactly there is dropped.
     */
    private static void shortFormEverywhere(String text, List<CoreMap> sentences, List<List<Found>> found, String shortForm,
                                            EntityType type, Lexicon.Resolution res) {
        Matcher m = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(shortForm) + "(?![\\p{L}\\p{N}])").matcher(text);
        while (m.find()) {
            for (int si = 0; si < sentences.size(); si++) {
                int[] span = tokenSpan(sentences.get(si).get(CoreAnnotations.TokensAnnotation.class), m.start(), m.end());
                if (span == null) {
                    continue;
                }
                final int fs = span[0];
                final int fe = span[1];
                List<Found> list = found.get(si);
                if (type == null) {
                    // defined as something we do not know: not a gene symbol after all
                    list.removeIf(f -> f.type() == EntityType.GENE && f.start() == fs && f.end() == fe);
                } else {
                    list.removeIf(f -> f.start() < fe && fs < f.end());
                    list.add(new Found(fs, fe, type, res, 0.85));
                }
            }
        }
    }

    /**
     * Session 12 ({@code mentions.bracketSynonyms}): a mention of a listed type followed by a bracketed word that no
     * abbreviation definition claims ({@link Abbreviations#bracketed}: "benzylpenicillin (PG)", "Pentoxifylline
     * (Trental)", where Schwartz and Hearst's letter match fails) gives that word its type and identifier everywhere in
     * the document; not a word the lexicon knows as a gene symbol. Session 13: when the mention has no MeSH id and the
     * word is already a mention of its type with one, the word spreads its own ("N(G)-nitro-L-arginine methyl ester
     * (L-NAME)"); the word's shape must not say it names no chemical ({@link Abbreviations#notAName}: variants, doses).
     */
    private void bracketSynonyms(String text, List<CoreMap> sentences, List<List<Found>> found,
                                 List<Abbreviations.Definition> defs) {
        Set<Integer> defined = new java.util.HashSet<>();
        for (Abbreviations.Definition d : defs) {
            defined.add(d.shortStart());
        }
        for (Abbreviations.Bracketed b : Abbreviations.bracketed(text)) {
            if (defined.contains(b.start()) || lexicon.gene(b.word()) != null) {
                continue;
            }
            int end = b.bracket();
            while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
                end--;
            }
            Found before = null;
            for (int si = 0; si < sentences.size() && before == null; si++) {
                List<CoreLabel> toks = sentences.get(si).get(CoreAnnotations.TokensAnnotation.class);
                for (Found f : found.get(si)) {
                    if (toks.get(f.end() - 1).endPosition() == end && options.bracketSynonym(f.type())) {
                        before = f;
                        break;
                    }
                }
            }
            if (before != null) {
                // session 13: a chemical without a MeSH id does not take away the word's own ("L-NAME", "Mesna")
                Lexicon.Resolution res = before.resolution();
                Lexicon.Resolution own = MentionNormaliser.hasMesh(res) ? null
                        : ownResolution(sentences, found, b, before.type());
                shortFormEverywhere(text, sentences, found, b.word(), before.type(),
                        MentionNormaliser.hasMesh(own) ? own : res);
            }
        }
    }

    /** The resolution of a mention of this type found exactly at the bracketed word, or null. */
    private static Lexicon.Resolution ownResolution(List<CoreMap> sentences, List<List<Found>> found,
                                                    Abbreviations.Bracketed b, EntityType type) {
        for (int si = 0; si < sentences.size(); si++) {
            int[] span = tokenSpan(sentences.get(si).get(CoreAnnotations.TokensAnnotation.class), b.start(), b.end());
            if (span != null) {
                for (Found f : found.get(si)) {
                    if (f.start() == span[0] && f.end() == span[1] && f.type() == type) {
                        return f.resolution();
                    }
                }
                return null;
            }
        }
        return null;
    }

    /** The last chemical/disease mention lying inside the characters [start, end), or null. */
    private static Found lastInside(List<CoreMap> sentences, List<List<Found>> found, int start, int end) {
        Found last = null;
        int lastEnd = -1;
        for (int si = 0; si < sentences.size(); si++) {
            List<CoreLabel> toks = sentences.get(si).get(CoreAnnotations.TokensAnnotation.class);
            for (Found f : found.get(si)) {
                int cs = toks.get(f.start()).beginPosition();
                int ce = toks.get(f.end() - 1).endPosition();
                if (cs >= start && ce <= end && f.type() != EntityType.GENE && ce > lastEnd) {
                    last = f;
                    lastEnd = ce;
                }
            }
        }
        return last;
    }

    /** The token span [start, end) whose characters are exactly [charStart, charEnd), or null. */
    /** The tokens that overlap a character span ("V600E" inside the token "V600E-positive"), or null. */
    static int[] coveringTokens(List<CoreLabel> toks, int charStart, int charEnd) {
        int ts = -1;
        int te = -1;
        for (int i = 0; i < toks.size(); i++) {
            if (toks.get(i).endPosition() > charStart && toks.get(i).beginPosition() < charEnd) {
                ts = ts < 0 ? i : ts;
                te = i + 1;
            }
        }
        return ts < 0 ? null : new int[] {ts, te};
    }

    static int[] tokenSpan(List<CoreLabel> toks, int charStart, int charEnd) {
        int ts = -1;
        for (int i = 0; i < toks.size(); i++) {
            if (toks.get(i).beginPosition() == charStart) {
                ts = i;
            }
            if (ts >= 0 && toks.get(i).endPosition() == charEnd) {
                return new int[] {ts, i + 1};
            }
        }
        return null;
    }

    /**
     * Scores every sentence-level candidate pair. Sentences longer than maxParseTokens are neither parsed nor
     * scored (bounded cost). Candidate sentences are POS-tagged and lemmatised; when the surface model (no parse
     * features) is loaded, a sentence is parsed only if one of its pairs falls in the surface model's uncertain
     * band ({@link AnnotatorOptions#parse}, [0.2, 0.8) unless the model dir's {@code annotator.properties} says
     * otherwise); otherwise the surface scores stand.
     */
    private List<PairFeatures.SentencePair> scoreSentencePairs(List<CoreMap> sentences, List<List<Mention>> mentions,
                                                               List<List<RelationFeatures.Arg>> args) {
        List<CoreMap> eligible = new ArrayList<>();
        List<Integer> index = new ArrayList<>();
        for (int si = 0; si < sentences.size(); si++) {
            if (RelationExtractor.hasCandidate(args.get(si))
                    && sentences.get(si).get(CoreAnnotations.TokensAnnotation.class).size() <= config.maxParseTokens()) {
                eligible.add(sentences.get(si));
                index.add(si);
            }
        }
        if (eligible.isEmpty()) {
            return List.of();
        }
        if (options.tagOnlyForParse()) {
            RelationExtractor.guessLemmas(eligible);
        } else {
            RelationExtractor.tag(posLemma, eligible);
        }
        List<PairFeatures.SentencePair> out = new ArrayList<>();
        for (int k = 0; k < eligible.size(); k++) {
            int si = index.get(k);
            CoreMap sentence = eligible.get(k);
            List<RelationExtractor.Candidate> cands = RelationExtractor.candidates(sentence, args.get(si), si == 0);
            List<RelationModel.Scored> scores = new ArrayList<>(cands.size());
            boolean decided = surface != null;
            for (int c = 0; c < cands.size() && decided; c++) {
                RelationExtractor.Candidate cand = cands.get(c);
                RelationModel.Scored sc = surface.score(RelationFeatures.surface(cand.features().features()));
                RelationType type = bestType(sc, mentions.get(si).get(cand.subject()).type(),
                        mentions.get(si).get(cand.object()).type());
                double p = type == null ? 0 : sc.all().getOrDefault(type.name(), 0.0);
                decided = !options.parse(p);
                scores.add(sc);
            }
            candidateSentences.increment();
            if (!decided) {
                parsedSentences.increment();
                RelationExtractor.tag(posLemma, List.of(sentence));
                RelationExtractor.parse(parser, sentence, config.maxParseTokens());
                cands = RelationExtractor.candidates(sentence, args.get(si), si == 0);
                scores.clear();
                for (RelationExtractor.Candidate cand : cands) {
                    scores.add(relations.score(cand.features().features()));
                }
            }
            for (int c = 0; c < cands.size(); c++) {
                RelationExtractor.Candidate cand = cands.get(c);
                out.add(new PairFeatures.SentencePair(si, mentions.get(si).get(cand.subject()),
                        mentions.get(si).get(cand.object()), scores.get(c).all(), cand.features().triggers()));
            }
        }
        return out;
    }

    /** One relation per sentence-level pair whose best allowed type reaches the threshold. */
    private List<Relation> sentenceRelations(List<PairFeatures.SentencePair> scored) {
        List<Relation> out = new ArrayList<>();
        for (PairFeatures.SentencePair sp : scored) {
            RelationType type = bestType(sp.probabilities(), sp.subject().type(), sp.object().type());
            double p = type == null ? 0 : sp.probabilities().getOrDefault(type.name(), 0.0);
            if (type != null && p >= config.relationThreshold()) {
                out.add(relation(type, sp.subject(), sp.object(), p, sp.triggers()));
            }
        }
        return out;
    }

    /**
     * Document-level decisions: every pair of entities is scored by the pair model; an accepted pair yields the
     * sentence-level relations of that type that join it, or, when none does (the pair is stated across sentences
     * or its sentence score stayed under the threshold), one relation between its best-scored or closest mentions.
     */
    private List<Relation> documentRelations(List<Mention> mentions, List<PairFeatures.SentenceTokens> tokens,
                                             List<PairFeatures.SentencePair> scored) {
        return documentRelations(mentions, tokens, scored, pairs, pairThresholds, sameTypePairs, options.pairFamilies());
    }

    /**
     * The document-level decisions of another pair model (with its thresholds and feature families) over an
     * analysis: what {@link #annotate} would give with that model in the model dir. For choosing pair features
     * on the train halves without annotating every document again ({@link PairExperiment}).
     */
    List<Relation> documentRelations(Analysis a, RelationModel pairModel, Map<String, Double> thresholds,
                                     java.util.Set<String> families) {
        return documentRelations(a.document().mentions(), a.tokens(), a.scored(), pairModel, thresholds,
                sameTypes(thresholds, options), families);
    }

    /**
     * The extra pair families a pair model decides: same-type pairs (gene–gene, chemical–chemical) only when it
     * learned them (a threshold exists), and the variant families with the option on (session 9).
     */
    private static java.util.Set<EntityType> sameTypes(Map<String, Double> thresholds, AnnotatorOptions options) {
        java.util.Set<EntityType> same = java.util.EnumSet.noneOf(EntityType.class);
        // a family the shared model or (session 14: a shared model of chemical->disease only) the other families' learned
        java.util.function.Predicate<String> learned = k -> thresholds.containsKey(k)
                || thresholds.containsKey(PairTrainer.OTHERS + k);
        for (EntityType t : PairTrainer.SAME_TYPE) {
            if (learned.test(t + ">" + t)) {
                same.add(t);
            }
        }
        if (options.sequenceVariants() && (learned.test("VARIANT>DISEASE") || learned.test("CHEMICAL>VARIANT"))) {
            same.add(EntityType.VARIANT); // session 9: the pair model learned the variant families
        }
        return java.util.Set.copyOf(same);
    }

    private List<Relation> documentRelations(List<Mention> mentions, List<PairFeatures.SentenceTokens> tokens,
                                             List<PairFeatures.SentencePair> scored, RelationModel pairModel,
                                             Map<String, Double> thresholds, java.util.Set<EntityType> sameType,
                                             java.util.Set<String> families) {
        List<Relation> out = new ArrayList<>();
        boolean chemicalDisease = false;
        PairFeatures.Pair fallback = null;
        RelationType fallbackType = null;
        double fallbackP = 0;
        List<PairFeatures.Pair> pairList = PairFeatures.pairs(mentions, tokens, scored, sameType, hierarchy,
                options.sameTypeClose(), families, knowledge(families));
        List<RelationType> types = new ArrayList<>(pairList.size());
        double[] ps = new double[pairList.size()];
        Map<String, Double> groupBest = new java.util.HashMap<>(); // session 10: pairs.compete
        // session 13: the other families' and the TREATS model decide only with thresholds of their own in the map (a
        // pair model fitted elsewhere, e.g. by PairExperiment, comes without them and decides every pair itself)
        boolean route = others != null && thresholds.keySet().stream().anyMatch(k -> k.startsWith(PairTrainer.OTHERS));
        Double treatsThreshold = treats == null ? null : thresholds.get(PairTrainer.TREATS_MODEL);
        java.util.function.Predicate<PairFeatures.Pair> routed = pair -> route
                && !(pair.subject().type() == EntityType.CHEMICAL && pair.object().type() == EntityType.DISEASE);
        List<RelationModel.Scored> routedScores = route ? others.scoreAll(pairList.stream()
                .filter(routed).map(PairFeatures.Pair::features).toList()) : List.of(); // one batch
        int routedIndex = 0;
        for (int i = 0; i < pairList.size(); i++) {
            PairFeatures.Pair pair = pairList.get(i);
            RelationModel.Scored sc = routed.test(pair) ? routedScores.get(routedIndex++) : pairModel.score(pair.features());
            RelationType type = bestType(sc.all(), pair.subject().type(), pair.object().type());
            types.add(type);
            ps[i] = type == null ? 0 : sc.all().getOrDefault(type.name(), 0.0);
            groupBest.merge(competeGroup(pair), ps[i], Math::max);
        }
        for (int i = 0; i < pairList.size(); i++) {
            PairFeatures.Pair pair = pairList.get(i);
            RelationType type = types.get(i);
            double p = ps[i];
            String family = pair.subject().type() + ">" + pair.object().type();
            double threshold = thresholds.getOrDefault(family, config.relationThreshold());
            if (routed.test(pair)) { // session 13: the other families' model and its thresholds
                threshold = thresholds.getOrDefault(PairTrainer.OTHERS + family, threshold);
            } else if (options.typeThresholds() && type != null) { // session 10: per predicted type, when trained so
                threshold = thresholds.getOrDefault(family + ":" + type.name(), threshold);
            }
            double relative = options.pairsCompete().isEmpty() ? 0
                    : thresholds.getOrDefault(PairTrainer.RELATIVE + family, 0.0);
            boolean cd = pair.subject().type() == EntityType.CHEMICAL && pair.object().type() == EntityType.DISEASE;
            boolean accepted = type != null && p >= threshold && p >= relative * groupBest.get(competeGroup(pair));
            if (cd && treatsThreshold != null && !(accepted && type == RelationType.CAUSES)) {
                // session 13: the TREATS model alone decides TREATS; a CAUSES pair of the shared model stays CAUSES
                type = RelationType.TREATS;
                p = treats.score(pair.features()).all().getOrDefault(type.name(), 0.0);
                accepted = p >= treatsThreshold;
            }
            if (!accepted) {
                if (cd && type != null && p > fallbackP) {
                    fallback = pair;
                    fallbackType = type;
                    fallbackP = p;
                }
                continue;
            }
            chemicalDisease |= cd;
            emit(pair, type, p, out);
        }
        if (options.atLeastOnePair() && !chemicalDisease && fallback != null) {
            emit(fallback, fallbackType, fallbackP, out); // session 7: every BC5CDR train abstract states a relation
        }
        return out;
    }

    /** The pairs that compete with this one under {@code pairs.compete}: its family and its subject (object) entity. */
    private String competeGroup(PairFeatures.Pair pair) {
        String family = pair.subject().type() + ">" + pair.object().type();
        return family + "\t" + (options.pairsCompete().startsWith("object") ? pair.object().key() : pair.subject().key());
    }

    /**
     * The relations of an accepted pair: its sentence-level relations of that type at {@code relationThreshold}, or
     * else one relation between its best-scored or closest mentions.
     */
    private void emit(PairFeatures.Pair pair, RelationType type, double p, List<Relation> out) {
        PairFeatures.SentencePair best = null;
        int emitted = 0;
        for (PairFeatures.SentencePair sp : pair.sentencePairs()) {
            double ps = sp.probabilities().getOrDefault(type.name(), 0.0);
            if (ps >= config.relationThreshold()) {
                out.add(relation(type, sp.subject(), sp.object(), ps, sp.triggers()));
                emitted++;
            }
            if (best == null || ps > best.probabilities().getOrDefault(type.name(), 0.0)) {
                best = sp;
            }
        }
        if (emitted > 0) {
            return;
        }
        if (best != null) {
            out.add(relation(type, best.subject(), best.object(), p, best.triggers()));
        } else {
            Mention[] closest = closest(pair.subject().mentions(), pair.object().mentions());
            out.add(relation(type, closest[0], closest[1], p, List.of()));
        }
    }

    private static Relation relation(RelationType type, Mention s, Mention o, double p, List<String> triggers) {
        return new Relation(type, s, o, Math.min(1.0, Math.max(0.0, p)), triggers, !s.asserted() || !o.asserted());
    }

    /** The closest pair of mentions by sentence distance, asserted ones first. */
    private static Mention[] closest(List<Mention> a, List<Mention> b) {
        Mention[] best = null;
        int bestCost = Integer.MAX_VALUE;
        for (Mention x : a) {
            for (Mention y : b) {
                int cost = Math.abs(x.sentenceIndex() - y.sentenceIndex()) + (x.asserted() && y.asserted() ? 0 : 1000);
                if (cost < bestCost) {
                    bestCost = cost;
                    best = new Mention[] {x, y};
                }
            }
        }
        return best;
    }

    /** Sentences that held a candidate pair, and those of them that were dependency-parsed (for the benchmark). */
    long[] parseCounts() {
        return new long[] {candidateSentences.sum(), parsedSentences.sum()};
    }

    /** The most probable relation type allowed for this pair of entity types, or null. */
    private static RelationType bestType(RelationModel.Scored sc, EntityType s, EntityType o) {
        return bestType(sc.all(), s, o);
    }

    static RelationType bestType(Map<String, Double> probabilities, EntityType s, EntityType o) {
        RelationType best = null;
        double bp = -1;
        for (RelationType t : RelationType.values()) {
            if (t.subjectType() == s && t.objectType() == o) {
                double p = probabilities.getOrDefault(t.name(), 0.0);
                if (p > bp) {
                    bp = p;
                    best = t;
                }
            }
        }
        return best;
    }

    /**
     * The text CoreNLP sees: same length and offsets, with the PubTator title/abstract join made a line break so
     * that a title without a full stop stays its own sentence, and control characters blanked.
     */
    static String sentenceFriendly(String text) {
        StringBuilder b = new StringBuilder(text);
        for (int i = 0; i < b.length(); i++) {
            char c = b.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\t') {
                b.setCharAt(i, ' ');
            }
        }
        return b.toString();
    }

    private static String surface(List<CoreLabel> toks, int start, int end) {
        StringBuilder b = new StringBuilder();
        for (int i = start; i < end; i++) {
            if (i > start && toks.get(i).beginPosition() > toks.get(i - 1).endPosition()) {
                b.append(' ');
            }
            b.append(toks.get(i).word());
        }
        return b.toString();
    }

    private static void mark(boolean[] covered, int s, int e) {
        for (int i = s; i < e; i++) {
            covered[i] = true;
        }
    }

    private static boolean free(boolean[] covered, int s, int e) {
        for (int i = s; i < e; i++) {
            if (covered[i]) {
                return false;
            }
        }
        return true;
    }

    private static String fileStamp(Path p) {
        if (p == null) {
            return "none";
        }
        try {
            return p.getFileName() + "@" + Files.getLastModifiedTime(p).toMillis() + "/" + Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Releases the Lucene index. */
    @Override
    public void close() {
        try {
            lexicon.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Lexicon lexicon() {
        return lexicon;
    }

    /** The Disease Ontology hierarchy for the pair features, or null when the options leave it out. */
    DiseaseHierarchy hierarchy() {
        return hierarchy;
    }

    /** Hetionet's edges for the pair feature family {@code kb} when {@code families} names it, else null. */
    HetionetPairs knowledge(java.util.Set<String> families) {
        return families.contains("kb") ? HetionetPairs.forData(config.sharedData()) : null;
    }
}
