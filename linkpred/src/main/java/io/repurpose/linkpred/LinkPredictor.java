package io.repurpose.linkpred;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tribuo.Model;
import org.tribuo.classification.sgd.linear.LinearSGDModel;

import io.repurpose.graph.GraphStore;

/**
 * Ranks every Compound→Disease pair by how likely the compound treats the disease, and says why.
 * The one public entry of the module:
 * <ol>
 *   <li>projects the graph from Neo4j into typed CSR adjacency ({@code HetGraph});</li>
 *   <li>embeds nodes with FastRP (Neo4j GDS in the server, or in-project) on the graph without treats edges;</li>
 *   <li>computes DWPC (Himmelstein et al., eLife 2017) for every metapath of length 2–3 by sparse products,
 *   plus degrees and embedding link features (Hadamard, cosine, L2);</li>
 *   <li>trains Tribuo's {@code LinearSGDTrainer} (logistic loss) on standardised features, each training
 *   row computed on the graph without its own fold's treats edges;</li>
 *   <li>scores all pairs, keeps per-drug and per-disease rankings in memory, optionally writes the top
 *   candidates back as {@code PREDICTS_CtD} relationships;</li>
 *   <li>explains a pair as paths whose shares add up to the model's linear score.</li>
 * </ol>
 * Instances are immutable and safe for concurrent reads.
 */
public final class LinkPredictor {
    private static final Logger LOG = LoggerFactory.getLogger(LinkPredictor.class);
    static final String DELETE_PREDICTIONS = "MATCH (:%s)-[r:`%s`]->(:%s) DELETE r";
    static final String WRITE_PREDICTIONS = "UNWIND $rows AS row "
            + "MATCH (c:%s {identifier: row.c}) MATCH (d:%s {identifier: row.d}) "
            + "CREATE (c)-[:`%s` {score: row.score, rank: row.rank, drugRank: row.drugRank, "
            + "percentile: row.percentile, modelVersion: $version}]->(d)";
    static final int DEFAULT_EXPLAIN_PATHS = 25;
    /**
     * How many non-path features an explanation lists (the rest are summed): with the session-5 derived
     * products a model has ~600 non-path features, and listing all of them tripled the explanation body
     * (84 kB) without telling a reader more than the largest ones do.
     */
    static final int DEFAULT_EXPLAIN_FEATURES = 30;

    private final LinkPredConfig config;
    private final LinearModel model;
    /** Tribuo's model (provenance, save); read in the background after a load. */
    private final CompletableFuture<ModelTrainer.TribuoModels> tribuo;
    private final ModelInfo info;
    private final List<String> projectedTypes;
    private final Ranking ranking;
    /** What explanation needs (the projected graph and its features); built in the background after a load. */
    private final CompletableFuture<Context> context;

    /**
     * The graph, its feature space, the model's feature indexes in it, a filler of their rows (built once: an
     * explanation fills one row), and a path enumerator.
     */
    record Context(HetGraph graph, FeatureSpace space, int[] features, FeatureSpace.RowFiller rows, Dwpc paths,
                   Dwpc.Steps[] resolved, CompletableFuture<PathStats> stats) {
        static Context of(HetGraph graph, FeatureSpace space, LinearModel model, double damping) {
            int[] features = space.indexes(model.features());
            return new Context(graph, space, features, space.rowFiller(features),
                    new Dwpc(graph, damping, FeatureBuilder.SOURCE, FeatureBuilder.TARGET, 1),
                    new Dwpc.Steps[space.metapaths.size()], new CompletableFuture<>());
        }

        /** The path stats of the model's DWPC metapaths, or null before {@link #buildPathStats} ends. */
        PathStats pathStats() {
            return stats.getNow(null);
        }

        /**
         * Walks every pair with paths of every DWPC metapath of the model once ({@link PathStats}); explanations
         * use the stats from then on (the same answers, less walking). Seconds of CPU: done after a load, in the
         * background.
         */
        PathStats buildPathStats() {
            int[] metapaths = java.util.Arrays.stream(features).map(space::metapathOf).filter(m -> m >= 0)
                    .distinct().toArray();
            Dwpc.Steps[] steps = new Dwpc.Steps[space.metapaths.size()];
            for (int m : metapaths) {
                steps[m] = steps(m);
            }
            PathStats built = PathStats.build(space, paths, steps, metapaths);
            if (built != null) {
                stats.complete(built);
            }
            return built;
        }

        /**
         * The space's metapath {@code m} resolved on the graph, by index (resolved on first use; a race resolves
         * it twice to equal values): an explanation looks up every DWPC feature's metapath, and hashing the
         * {@link Metapath} record each time was a visible part of it.
         */
        Dwpc.Steps steps(int m) {
            Dwpc.Steps s = resolved[m];
            if (s == null) {
                s = paths.steps(space.metapaths.get(m));
                resolved[m] = s;
            }
            return s;
        }

        /** The model's linear score of every pair of the space, row-major. */
        double[] scoreAll(LinearModel model) {
            return CrossValidation.scoreAll(space, features, model);
        }

        Ranking ranking(double[] linear, long[] positives) {
            int sk = graph.kind(FeatureBuilder.SOURCE);
            int tk = graph.kind(FeatureBuilder.TARGET);
            boolean[] known = new boolean[linear.length];
            for (long k : positives) {
                known[Splits.index(k, space.targetCount)] = true;
            }
            return new Ranking(graph.ids[sk], graph.names[sk], graph.ids[tk], graph.names[tk], linear, known);
        }
    }

    private LinkPredictor(LinkPredConfig config, LinearModel model, CompletableFuture<ModelTrainer.TribuoModels> tribuo,
                          ModelInfo info,
                          List<String> projectedTypes, Ranking ranking, CompletableFuture<Context> context) {
        this.config = config;
        this.model = model;
        this.tribuo = tribuo;
        this.info = info;
        this.projectedTypes = List.copyOf(projectedTypes);
        this.ranking = ranking;
        this.context = context;
    }

    private static LinkPredictor scored(LinkPredConfig config, Context context, LinearModel model,
                                        ModelTrainer.TribuoModels tribuo, ModelInfo info, List<String> projectedTypes,
                                        long[] positives) {
        Ranking r = context.ranking(context.scoreAll(model), positives);
        return new LinkPredictor(config, model, CompletableFuture.completedFuture(tribuo), info, projectedTypes, r,
                CompletableFuture.completedFuture(context));
    }

    /** The explanation context, waiting for the background projection after a load. */
    private Context context() {
        return join(context, "the graph for explanations");
    }

    private static <T> T join(CompletableFuture<T> f, String what) {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw new IllegalStateException(what + " could not be prepared: " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    // ------------------------------------------------------------------------------------------ training

    /**
     * Projects the graph, trains, saves the model under {@code config.modelDirectory()} and writes the top
     * candidates back to Neo4j when the config asks for it.
     */
    public static LinkPredictor train(GraphStore store, LinkPredConfig config) {
        long t0 = System.nanoTime();
        List<String> types = Projector.types(store, config.relationshipTypes());
        HetGraph g = Projector.project(store, types);
        LOG.info("projected {} nodes, {} edges of {} types in {} ms", Arrays.stream(g.ids).mapToInt(a -> a.length).sum(),
                g.edgeCount(), types.size(), (System.nanoTime() - t0) / 1_000_000);
        Embeddings emb = embed(store, g, config);
        LinkPredictor p = fit(g, emb, config, types);
        p.save();
        if (config.writeTopPerDrug() > 0 || config.writeTopPerDisease() > 0) {
            p.writePredictions(store);
        }
        return p;
    }

    static Embeddings embed(GraphStore store, HetGraph g, LinkPredConfig config) {
        int s = g.kind(FeatureBuilder.SOURCE);
        int t = g.kind(FeatureBuilder.TARGET);
        long t0 = System.nanoTime();
        Embeddings e;
        switch (config.embeddings()) {
            case NONE -> e = Embeddings.none(g, s, t);
            case IN_PROJECT -> e = Embeddings.fastRp(g.withoutTypes(Set.of(config.treatsType())), s, t,
                    config.embeddingDimension(), config.seed());
            case GDS -> e = Embeddings.gds(store, g, Embeddings.embeddingTypes(g, config.treatsType()), s, t,
                    config.embeddingDimension(), config.seed());
            default -> e = Embeddings.gdsAvailable(store)
                    ? Embeddings.gds(store, g, Embeddings.embeddingTypes(g, config.treatsType()), s, t,
                    config.embeddingDimension(), config.seed())
                    : Embeddings.fastRp(g.withoutTypes(Set.of(config.treatsType())), s, t, config.embeddingDimension(),
                    config.seed());
        }
        LOG.info("embeddings by {} in {} ms", e.source(), (System.nanoTime() - t0) / 1_000_000);
        return e;
    }

    /** Trains on an in-memory graph (no I/O). */
    static LinkPredictor fit(HetGraph g, Embeddings emb, LinkPredConfig config, List<String> types) {
        long t0 = System.nanoTime();
        List<Metapath> metapaths = FeatureBuilder.metapaths(g, config);
        FeatureBuilder fb = new FeatureBuilder(g, config, metapaths, 2);
        FeatureSpace full = fb.space(Set.of(), null, emb);
        long[] positives = fb.positives();
        if (positives.length < config.folds()) {
            throw new IllegalArgumentException("need at least " + config.folds() + " " + config.treatsType()
                    + " edges to train, found " + positives.length);
        }
        Splits splits = Splits.create(full.sourceCount, full.targetCount, positives, config.folds(), config.seed());
        Set<Integer> allFolds = new LinkedHashSet<>();
        for (int j = 0; j < config.folds(); j++) {
            allFolds.add(j);
        }
        TrainingRows rows = TrainingRows.collect(fb, splits, allFolds, Set.of(), full.scales(), emb,
                config.negativesPerPositive() * ModelTrainer.BAGS, config.seed(), TrainingRows.PARTS);
        LOG.info("{} metapaths, {} features, {} training rows in {} ms", metapaths.size(), full.size(),
                rows.labels().length, (System.nanoTime() - t0) / 1_000_000);
        ModelTrainer trainer = new ModelTrainer(config.epochs(), config.learningRate(), config.minibatchSize());
        String snapshot = g.snapshotHash();
        List<String> base = full.names();
        List<String> derived = DerivedFeatures.choose(DerivedFeatures.DEFAULT, base, rows.features(), rows.labels());
        DerivedFeatures.extend(rows.features(), DerivedFeatures.ops(base, derived));
        full.indexes(derived); // registers the derived features: full.names() is base + derived from here
        // the rows are released while Tribuo's examples are built (rows.features() is empty afterwards)
        ModelTrainer.Mixed trained = trainer.trainMixed(full.names(), rows, config.negativesPerPositive(),
                config.seed(), "hetionet projection " + snapshot);
        double[] trainScores = trained.trainingScores();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("train.rows", (double) rows.labels().length);
        metrics.put("train.positives", (double) positives.length);
        metrics.put(ModelStore.BAGS_METRIC, (double) trained.tribuo().bags());
        metrics.put("train.auroc", Metrics.auroc(trainScores, rows.labels()));
        metrics.put("train.auprc", Metrics.auprc(trainScores, rows.labels()));
        if (ModelTrainer.REWEIGHT != null) { // the Tribuo models are the second, reweighted fits (session 7)
            metrics.put("train.reweight.gamma", ModelTrainer.REWEIGHT.gamma());
            metrics.put("train.reweight.share", ModelTrainer.REWEIGHT.share());
            metrics.put("train.reweight.negativesOnly", ModelTrainer.REWEIGHT.negativesOnly() ? 1.0 : 0.0);
        }
        Instant created = Instant.now();
        String version = "linkpred-" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC)
                .format(created) + "-" + snapshot.substring(0, 8);
        ModelInfo info = new ModelInfo(version, snapshot, full.names(), config, config.seed(), emb.source(), metrics,
                created, trained.tribuo().all().get(0).getProvenance().toString());
        LOG.info("trained {} in {} ms (train AUROC {})", version, (System.nanoTime() - t0) / 1_000_000,
                metrics.get("train.auroc"));
        return scored(config, Context.of(g, full, trained.linear(), config.damping()), trained.linear(),
                trained.tribuo(), info, types, positives);
    }

    // ------------------------------------------------------------------------------------------ queries

    /** Provenance of the model. */
    public ModelInfo model() {
        return info;
    }

    /** The best-scoring compounds for a disease (DOID), best first. */
    public List<Candidate> candidatesForDisease(String doid, int limit, boolean excludeKnown) {
        int t = require(ranking.target(requireId(doid, "disease")), doid, "disease");
        return top(ranking.byTarget[t], -1, t, limit, excludeKnown);
    }

    /** The best-scoring diseases for a compound (DrugBank id), best first. */
    public List<Candidate> candidatesForDrug(String drugbankId, int limit, boolean excludeKnown) {
        int c = require(ranking.source(requireId(drugbankId, "compound")), drugbankId, "compound");
        return top(ranking.bySource[c], c, -1, limit, excludeKnown);
    }

    /** The first {@code limit} of a ranked list; the fixed side is {@code compound} or {@code target}, the other -1. */
    private List<Candidate> top(int[] ranked, int compound, int target, int limit, boolean excludeKnown) {
        requireLimit(limit);
        List<Candidate> out = new ArrayList<>();
        int rank = 0;
        for (int other : ranked) {
            if (out.size() >= limit) {
                break;
            }
            int c = compound >= 0 ? compound : other;
            int t = target >= 0 ? target : other;
            if (excludeKnown && ranking.known[c * ranking.targets() + t]) {
                continue;
            }
            out.add(candidate(c, t, ++rank));
        }
        return out;
    }

    /** The model's probability for one pair. */
    public double score(String drugId, String diseaseId) {
        int c = require(ranking.source(requireId(drugId, "compound")), drugId, "compound");
        int t = require(ranking.target(requireId(diseaseId, "disease")), diseaseId, "disease");
        return ranking.probability[c * ranking.targets() + t];
    }

    private Candidate candidate(int c, int t, int rank) {
        int p = c * ranking.targets() + t;
        double prob = ranking.probability[p];
        return new Candidate(ranking.sourceIds[c], ranking.sourceNames[c], ranking.targetIds[t],
                ranking.targetNames[t], prob, rank, ranking.percentile(prob), ranking.known[p]);
    }

    private static String requireId(String id, String what) {
        if (id == null) {
            throw new IllegalArgumentException(what + " id is null");
        }
        return id;
    }

    private static int require(int index, String id, String what) {
        if (index < 0) {
            throw new IllegalArgumentException("unknown " + what + " '" + id + "'");
        }
        return index;
    }

    private static void requireLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
    }

    // ------------------------------------------------------------------------------------------ explanation

    /** Explains a pair with the {@value #DEFAULT_EXPLAIN_PATHS} largest path contributions. */
    public Explanation explain(String drugId, String diseaseId) {
        return explain(drugId, diseaseId, DEFAULT_EXPLAIN_PATHS);
    }

    /** A pair resolved on the explanation graph, and its linear score split into baseline and features. */
    private record Parts(Context ctx, int sk, int tk, int c, int t, double linearScore, double baseline,
                         List<Explanation.FeatureContribution> features) {
    }

    /** Receives each DWPC feature's contribution above its zero-path value. */
    @FunctionalInterface
    private interface PathPart {
        void accept(Context ctx, int c, int t, int metapath, double part);
    }

    /**
     * Resolves the pair, sums the linear score, collects the non-path features (largest first) and hands
     * every DWPC feature's non-zero part above its zero-path value to {@code paths}.
     */
    private Parts parts(String drugId, String diseaseId, PathPart paths) {
        // unknown ids fail at once, without waiting for the graph
        require(ranking.source(requireId(drugId, "compound")), drugId, "compound");
        require(ranking.target(requireId(diseaseId, "disease")), diseaseId, "disease");
        Context ctx = context();
        HetGraph graph = ctx.graph();
        FeatureSpace space = ctx.space();
        int[] features = ctx.features();
        int sk = graph.kind(FeatureBuilder.SOURCE);
        int tk = graph.kind(FeatureBuilder.TARGET);
        int c = require(graph.node(sk, drugId), drugId, "compound");
        int t = require(graph.node(tk, diseaseId), diseaseId, "disease");
        double baseline = model.bias();
        double linearScore = model.bias();
        List<Explanation.FeatureContribution> feats = new ArrayList<>();
        double[] row = new double[features.length];
        ctx.rows().fill(c, t, row);
        for (int i = 0; i < features.length; i++) {
            int f = features[i];
            double x = row[i];
            double contribution = model.contribution(i, x);
            linearScore += contribution;
            int m = space.metapathOf(f);
            if (m < 0) {
                feats.add(new Explanation.FeatureContribution(model.features().get(i), x, contribution));
                continue;
            }
            double zero = model.contribution(i, 0);
            baseline += zero;
            if (contribution - zero != 0) {
                paths.accept(ctx, c, t, m, contribution - zero);
            }
        }
        feats.sort(Comparator.comparingDouble((Explanation.FeatureContribution p) -> -Math.abs(p.contribution())));
        return new Parts(ctx, sk, tk, c, t, linearScore, baseline, feats);
    }

    private Explanation explanation(Parts p, List<Explanation.PathContribution> shown, double other, int otherPaths) {
        HetGraph graph = p.ctx().graph();
        List<Explanation.FeatureContribution> feats = p.features();
        int listed = Math.min(DEFAULT_EXPLAIN_FEATURES, feats.size());
        double otherFeatures = 0;
        for (int i = listed; i < feats.size(); i++) {
            otherFeatures += feats.get(i).contribution();
        }
        return new Explanation(graph.ids[p.sk()][p.c()], graph.names[p.sk()][p.c()], graph.ids[p.tk()][p.t()],
                graph.names[p.tk()][p.t()], LinearModel.sigmoid(p.linearScore()), p.linearScore(), p.baseline(),
                feats.subList(0, listed), otherFeatures, feats.size() - listed, shown, other, otherPaths,
                info.version());
    }

    /**
     * Explains a pair, listing at most {@code maxPaths} paths (the rest summed). Paths are enumerated into
     * a bounded top-k of primitive records ({@link TopPaths}: per metapath by path-degree product, then
     * across metapaths by absolute contribution); only the listed paths become objects.
     */
    public Explanation explain(String drugId, String diseaseId, int maxPaths) {
        return explain(drugId, diseaseId, maxPaths, PathWalk.DEFAULT);
    }

    /**
     * How an explanation walks its metapaths' paths: tests and {@code LinkPredCli explain-pairs} compare the ways,
     * which give the same answer, bit for bit.
     *
     * @param buffered     paths of a metapath buffered before a local top-k takes over (0: every path through it)
     * @param direction    the side length-3 paths are enumerated from
     * @param bounded      a metapath none of whose paths can be listed only counts its paths
     * @param largestFirst metapaths walked largest possible path contribution first (else in feature order)
     * @param stats        the model's {@link PathStats} used once built: counts without walking, and a bound of
     *                     the largest path's share that leaves more metapaths only counted
     */
    record PathWalk(int buffered, Dwpc.Direction direction, boolean bounded, boolean largestFirst, boolean stats) {
        static final PathWalk DEFAULT = new PathWalk(TopCollector.BUFFERED, Dwpc.Direction.CHEAPER, true, true, true);
        /** Session 6's: in feature order, counting by walking. */
        static final PathWalk SESSION_6 = new PathWalk(TopCollector.BUFFERED, Dwpc.Direction.CHEAPER, true, false,
                false);

        PathWalk {
            if (buffered < 0) {
                throw new IllegalArgumentException("buffered must be >= 0, got " + buffered);
            }
        }

        PathWalk withBuffered(int paths) {
            return new PathWalk(paths, direction, bounded, largestFirst, stats);
        }
    }

    /** {@link #explain(String, String, int)} with the paths walked as {@code walk} says. */
    Explanation explain(String drugId, String diseaseId, int maxPaths, PathWalk walk) {
        int k = Math.max(0, maxPaths);
        TopCollector collect = new TopCollector(k, walk);
        Parts p = parts(drugId, diseaseId, collect);
        Context ctx = p.ctx();
        collect.finish(ctx, p.c(), p.t());
        List<Explanation.PathContribution> shown = new ArrayList<>();
        double shownTotal = 0;
        if (collect.top != null) {
            int[] nodes = new int[collect.width];
            for (int i : collect.top.order()) {
                int m = collect.top.metapath(i);
                Metapath mp = ctx.space().metapaths.get(m);
                for (int j = 0; j <= mp.length(); j++) {
                    nodes[j] = collect.top.node(i, j);
                }
                double contribution = collect.part[m] * collect.top.pdp(i) / collect.sums[m];
                shownTotal += contribution;
                shown.add(pathContribution(ctx.graph(), mp, ctx.steps(m).kinds(), nodes,
                        collect.top.pdp(i), contribution));
            }
        }
        return explanation(p, shown, collect.orphan + (collect.pathTotal - shownTotal),
                (int) (collect.paths - shown.size()));
    }

    /**
     * Collects the DWPC features' parts as {@link #parts} hands them over, then ({@link #finish}) walks their
     * metapaths by reach, largest first: a metapath's reach is the largest contribution one of its paths can have,
     * {@code |part|} times the largest path's share of the pair's paths ({@link PathStats}, once built; else 1).
     * Once the top-k is full, a metapath whose reach is below the k-th listed contribution can list no path and is
     * only counted (looked up in the stats, without a walk), and taking the large reaches first fills the top-k
     * with large contributions early. Per walked metapath: enumerates its paths into a per-thread buffer (nodes and
     * path-degree product, in enumeration order) while summing their path-degree products; once the sum is known,
     * each buffered path is keyed by its contribution and offered to the overall top-k, which keeps only what can
     * be listed. A metapath with more than {@value #BUFFERED} paths goes on in a local top-k by path-degree
     * product instead (what a metapath can list is its largest path-degree products), so the buffer stays bounded.
     * The answer does not depend on the walking order: ties are broken by (feature position, enumeration order),
     * as when the metapaths were walked in feature order, and the sums are added up in feature order.
     */
    static final class TopCollector implements PathPart, Dwpc.PathSink {
        /** Paths of one metapath buffered before the local top-k takes over (1.5 MB per thread at width 4). */
        static final int BUFFERED = 1 << 16;

        /** How many paths this collector buffers per metapath ({@link #BUFFERED}; tests lower it). */
        private final int limit;

        /** Per thread: the buffer of the current metapath's paths, kept between explanations. */
        private static final ThreadLocal<Buffer> BUFFER = ThreadLocal.withInitial(Buffer::new);

        private static final class Buffer {
            int[] nodes = new int[0];
            double[] pdp = new double[0];
        }

        final int k;
        private final Dwpc.Direction direction;
        /** Whether a metapath none of whose paths can be listed only counts its paths. */
        private final boolean bounded;
        /** Whether the metapaths are walked largest possible contribution first (false: in feature order). */
        private final boolean largestFirst;
        /** Whether the context's path stats are used (once built). */
        private final boolean useStats;
        private PathStats stats;
        int width;
        TopPaths local;
        TopPaths top;
        int[] nodes;
        double[] part;
        double[] sums;
        long paths;
        double pathTotal;
        double orphan;
        /** The parts handed over, in feature order: metapath, part, and (after the walk) the paths found. */
        private int features;
        private int[] featureMetapath = new int[64];
        private double[] featurePart = new double[64];
        private int[] featureFound = new int[64];
        /** Per part: the largest contribution a path of it can have, and its position in the stats (-1: none). */
        private double[] featureReach = new double[0];
        private int[] featureAt = new int[0];
        private int metapath;
        private long seq;
        private double sum;
        private Buffer buffer;
        private int buffered;
        private boolean spilled;

        TopCollector(int k, PathWalk walk) {
            this.k = k;
            this.limit = walk.buffered();
            this.direction = walk.direction();
            this.bounded = walk.bounded();
            this.largestFirst = walk.largestFirst();
            this.useStats = walk.stats();
        }

        @Override
        public void accept(Context ctx, int c, int t, int m, double pathPart) {
            if (features == featureMetapath.length) {
                featureMetapath = java.util.Arrays.copyOf(featureMetapath, 2 * features);
                featurePart = java.util.Arrays.copyOf(featurePart, 2 * features);
                featureFound = java.util.Arrays.copyOf(featureFound, 2 * features);
            }
            featureMetapath[features] = m;
            featurePart[features++] = pathPart;
        }

        /** Walks the metapaths of the parts handed over (largest reach first) and sums up in feature order. */
        void finish(Context ctx, int c, int t) {
            if (features == 0) {
                return;
            }
            List<Metapath> metapaths = ctx.space().metapaths;
            width = 1;
            for (Metapath mp : metapaths) {
                width = Math.max(width, mp.length() + 1);
            }
            local = new TopPaths(k, width);
            top = new TopPaths(k, width);
            nodes = new int[width];
            part = new double[metapaths.size()];
            sums = new double[metapaths.size()];
            buffer = BUFFER.get();
            if (buffer.nodes.length < buffer.pdp.length * width) { // a wider model than the last one here
                buffer.nodes = java.util.Arrays.copyOf(buffer.nodes, buffer.pdp.length * width);
            }
            stats = useStats ? ctx.pathStats() : null;
            if (featureReach.length < features) {
                featureReach = new double[featureMetapath.length];
                featureAt = new int[featureMetapath.length];
            }
            for (int i = 0; i < features; i++) {
                int m = featureMetapath[i];
                int at = stats != null && stats.has(m) ? stats.find(m, c, t) : -1;
                featureAt[i] = at;
                featureReach[i] = Math.abs(featurePart[i]) * (at >= 0 ? stats.share(m, at) : 1);
            }
            if (largestFirst) {
                Integer[] order = new Integer[features]; // largest reach first, ties in feature order (stable)
                for (int i = 0; i < features; i++) {
                    order[i] = i;
                }
                java.util.Arrays.sort(order, (a, b) -> Double.compare(featureReach[b], featureReach[a]));
                for (int i : order) {
                    walk(ctx, c, t, i);
                }
            } else {
                for (int i = 0; i < features; i++) {
                    walk(ctx, c, t, i);
                }
            }
            for (int i = 0; i < features; i++) { // feature order: the same sums, bit for bit, in any walking order
                if (featureFound[i] == 0) {
                    orphan += featurePart[i];
                } else {
                    paths += featureFound[i];
                    pathTotal += featurePart[i];
                }
            }
        }

        /**
         * The paths of the {@code f}-th part's metapath: counted, or enumerated and offered to the top-k; records
         * how many there are (0 also when their path-degree products sum to 0: the part is then an orphan).
         */
        private void walk(Context ctx, int c, int t, int f) {
            int m = featureMetapath[f];
            double pathPart = featurePart[f];
            seq = (long) f << 32;
            if (bounded && top.rejectsLaterUpTo(featureReach[f] * (1 + 1e-12))) {
                // no path of this metapath can be listed: a path's share |part × pdp / sum| is at most its reach
                // (|part| × the largest pdp / sum, or |part|: pdp <= sum), rounding aside, and the listed k all
                // have more; only their number is needed
                featureFound[f] = featureAt[f] >= 0 ? stats.count(m, featureAt[f])
                        : ctx.paths().count(ctx.steps(m), c, t, nodes);
                return;
            }
            metapath = m;
            sum = 0;
            buffered = 0;
            spilled = false;
            long first = seq;
            int found = ctx.paths().forEachPath(ctx.steps(m), c, t, nodes, this, direction);
            if (found == 0 || sum <= 0) {
                featureFound[f] = 0;
                local.clear();
                return;
            }
            featureFound[f] = found;
            part[m] = pathPart;
            sums[m] = sum;
            if (spilled) {
                local.drainInto(top, pathPart, sum);
                return;
            }
            int[] bn = buffer.nodes;
            double[] bp = buffer.pdp;
            for (int i = 0; i < buffered; i++) {
                double key = Math.abs(pathPart * bp[i] / sum);
                if (top.accepts(key, first + i)) {
                    top.offer(m, bn, i * width, width, bp[i], key, first + i);
                }
            }
        }

        @Override
        public void path(int[] n, double pdp) {
            sum += pdp;
            if (spilled) {
                local.offer(metapath, n, n.length, pdp, pdp, seq++);
                return;
            }
            if (buffered == limit) {
                spill();
                local.offer(metapath, n, n.length, pdp, pdp, seq++);
                return;
            }
            if (buffered == buffer.pdp.length) {
                int capacity = Math.min(limit, Math.max(256, 2 * buffered));
                buffer.nodes = java.util.Arrays.copyOf(buffer.nodes, capacity * width);
                buffer.pdp = java.util.Arrays.copyOf(buffer.pdp, capacity);
            }
            System.arraycopy(n, 0, buffer.nodes, buffered * width, width);
            buffer.pdp[buffered++] = pdp;
            seq++;
        }

        /** Moves the buffered paths into the local top-k by path-degree product, which takes the rest. */
        private void spill() {
            long first = seq - buffered;
            for (int i = 0; i < buffered; i++) {
                local.offer(metapath, buffer.nodes, i * width, width, buffer.pdp[i], buffer.pdp[i], first + i);
            }
            spilled = true;
        }
    }

    /**
     * The session-2 explanation (every path materialised as a {@link Explanation.PathContribution}, then
     * sorted): kept as the reference for the same-run benchmark ({@code LinkPredCli explain-bench}) and the
     * test that the top-k version lists the same paths.
     */
    Explanation explainAllPaths(String drugId, String diseaseId, int maxPaths) {
        List<Explanation.PathContribution> allPaths = new ArrayList<>();
        double[] orphan = {0};
        Parts p = parts(drugId, diseaseId, (ctx, c, t, m, pathPart) -> {
            Metapath mp = ctx.space().metapaths.get(m);
            List<Dwpc.PathInstance> found = ctx.paths().paths(mp, c, t);
            double sum = 0; // in enumeration order, like the top-k version (ties are then broken alike)
            for (Dwpc.PathInstance pi : found) {
                sum += pi.pdp();
            }
            if (found.isEmpty() || sum <= 0) {
                orphan[0] += pathPart;
                return;
            }
            for (Dwpc.PathInstance pi : found) {
                allPaths.add(pathContribution(ctx.graph(), mp, pi.kinds(), pi.nodes(), pi.pdp(),
                        pathPart * pi.pdp() / sum));
            }
        });
        allPaths.sort(Comparator.comparingDouble((Explanation.PathContribution x) -> -Math.abs(x.contribution())));
        List<Explanation.PathContribution> shown = allPaths.subList(0, Math.min(Math.max(0, maxPaths), allPaths.size()));
        double other = orphan[0];
        for (int i = shown.size(); i < allPaths.size(); i++) {
            other += allPaths.get(i).contribution();
        }
        return explanation(p, new ArrayList<>(shown), other, allPaths.size() - shown.size());
    }

    private static Explanation.PathContribution pathContribution(HetGraph graph, Metapath mp, int[] kinds,
                                                                 int[] path, double pdp, double contribution) {
        List<Explanation.PathNode> nodes = new ArrayList<>();
        for (int i = 0; i <= mp.length(); i++) {
            int k = kinds[i];
            int n = path[i];
            nodes.add(new Explanation.PathNode(graph.kinds.get(k), graph.ids[k][n], graph.names[k][n]));
        }
        List<Explanation.PathEdge> edges = new ArrayList<>();
        for (int i = 0; i < mp.length(); i++) {
            Metapath.Step step = mp.steps().get(i);
            HetGraph.EdgeType e = step.edgeType(graph);
            int a = path[i];
            int b = path[i + 1];
            int s = step.forward() ? a : b;
            int d = step.forward() ? b : a;
            int idx = e.edgeIndex(s, d);
            if (idx >= 0) {
                s = e.src[idx];
                d = e.dst[idx];
            }
            List<String> docs = idx >= 0 && e.documentIds != null && e.documentIds[idx] != null
                    ? List.of(e.documentIds[idx]) : List.of();
            edges.add(new Explanation.PathEdge(e.type, graph.ids[e.source][s], graph.ids[e.target][d], e.literature,
                    docs));
        }
        return new Explanation.PathContribution(mp.name(), nodes, edges, pdp, contribution);
    }

    // ------------------------------------------------------------------------------------------ write-back

    /** The relationship type predictions are written as, e.g. {@code PREDICTS_CtD}. */
    String predictsType() {
        String t = config.treatsType();
        int u = t.indexOf('_');
        return LinkPredConfig.PREDICTS_PREFIX + (u >= 0 ? t.substring(u + 1) : t);
    }

    /**
     * Replaces the {@code PREDICTS_*} relationships with this model's top candidates per disease and per
     * drug (known treatments excluded), each with score, rank (within its disease), drugRank, percentile
     * and modelVersion. Returns the number written.
     */
    public int writePredictions(GraphStore store) {
        int nt = ranking.targets();
        boolean[] known = ranking.known;
        Map<Integer, int[]> selected = new LinkedHashMap<>(); // pair -> {rank in disease, rank in drug}
        Map<Integer, Integer> diseaseRank = new HashMap<>();
        Map<Integer, Integer> drugRank = new HashMap<>();
        for (int t = 0; t < nt; t++) {
            int r = 0;
            for (int c : ranking.byTarget[t]) {
                int p = c * nt + t;
                if (!known[p]) {
                    diseaseRank.put(p, ++r);
                }
            }
        }
        for (int c = 0; c < ranking.bySource.length; c++) {
            int r = 0;
            for (int t : ranking.bySource[c]) {
                int p = c * nt + t;
                if (!known[p]) {
                    drugRank.put(p, ++r);
                }
            }
        }
        for (Map.Entry<Integer, Integer> e : diseaseRank.entrySet()) {
            int p = e.getKey();
            if (e.getValue() <= config.writeTopPerDisease() || drugRank.get(p) <= config.writeTopPerDrug()) {
                selected.put(p, new int[]{e.getValue(), drugRank.get(p)});
            }
        }
        String s = FeatureBuilder.SOURCE;
        String d = FeatureBuilder.TARGET;
        String type = predictsType();
        store.write(String.format(DELETE_PREDICTIONS, s, type, d), Map.of());
        List<Map<String, Object>> batch = new ArrayList<>();
        String cypher = String.format(WRITE_PREDICTIONS, s, d, type);
        int written = 0;
        List<Integer> pairs = selected.keySet().stream().sorted().collect(Collectors.toList());
        for (int p : pairs) {
            int[] ranks = selected.get(p);
            Map<String, Object> row = new HashMap<>();
            row.put("c", ranking.sourceIds[p / nt]);
            row.put("d", ranking.targetIds[p % nt]);
            row.put("score", ranking.probability[p]);
            row.put("rank", ranks[0]);
            row.put("drugRank", ranks[1]);
            row.put("percentile", ranking.percentile(ranking.probability[p]));
            batch.add(row);
            if (batch.size() == 5000) {
                written += (int) store.write(cypher, Map.of("rows", batch, "version", info.version()))
                        .relationshipsCreated();
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            written += (int) store.write(cypher, Map.of("rows", batch, "version", info.version())).relationshipsCreated();
        }
        LOG.info("wrote {} {} relationships", written, type);
        return written;
    }

    // ------------------------------------------------------------------------------------------ persistence

    /** Saves under the configured model directory; returns it. */
    public Path save() {
        return save(config.modelDirectory());
    }

    /**
     * Saves the model (Tribuo protobuf with provenance, standardisation, embeddings, provenance) and the
     * scores of every pair ({@link Ranking}), so that a load serves candidates without recomputing them.
     */
    public Path save(Path dir) {
        try {
            Files.createDirectories(dir);
            ModelTrainer.TribuoModels t = join(tribuo, "the Tribuo model");
            for (int b = 0; b < t.bags(); b++) {
                t.all().get(b).serializeToFile(dir.resolve(ModelStore.tribuoFile(b, false)));
                if (t.rephetio() != null) {
                    t.rephetio().get(b).serializeToFile(dir.resolve(ModelStore.tribuoFile(b, true)));
                }
            }
            ModelStore.write(dir, info, model, context().space(), projectedTypes, t.mix());
            ranking.write(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the model to " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads the model saved under {@code config.modelDirectory()}. The saved scores of every pair are read
     * back, so candidate lists and scores are served at once; the graph is projected and the path features
     * recomputed in the background for {@link #explain} (which waits for them). Logs a warning when the
     * graph differs from the one the model was trained on (data snapshot hash). A model saved without its
     * scores is rescored before this returns.
     */
    public static LinkPredictor load(GraphStore store, LinkPredConfig config) {
        Path dir = config.modelDirectory();
        ModelStore.Saved saved = ModelStore.read(dir);
        LinkPredConfig c = saved.info().config().withModelDirectory(dir);
        Ranking ranking;
        try {
            ranking = Ranking.read(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the scores in " + dir + ": " + e.getMessage(), e);
        }
        if (ranking == null) {
            return restore(Projector.project(store, saved.types()), saved, dir);
        }
        LinearModel linear = saved.linear();
        CompletableFuture<Context> later = new CompletableFuture<>();
        CompletableFuture<ModelTrainer.TribuoModels> tribuo = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                later.complete(context(Projector.project(store, saved.types()), saved, linear));
            } catch (Throwable e) {
                LOG.error("cannot prepare the graph for explanations of {}", saved.info().version(), e);
                later.completeExceptionally(e);
            }
            try {
                tribuo.complete(readTribuo(dir, saved));
            } catch (Throwable e) {
                tribuo.completeExceptionally(e);
            }
            if (later.isDone() && !later.isCompletedExceptionally()) {
                long t0 = System.nanoTime();
                PathStats stats = later.join().buildPathStats();
                if (stats != null) {
                    LOG.info("path stats of {} ready in {} ms ({} pairs with paths)", saved.info().version(),
                            (System.nanoTime() - t0) / 1_000_000, stats.entries());
                }
            }
        }, "linkpred-explanation-graph");
        t.setDaemon(true);
        t.start();
        return new LinkPredictor(c, linear, tribuo, saved.info(), saved.types(), ranking, later);
    }

    /** Restores a saved model on an in-memory graph, rescoring every pair (no saved scores used). */
    static LinkPredictor restore(HetGraph g, ModelStore.Saved saved, Path dir) {
        ModelTrainer.TribuoModels tribuo = readTribuo(dir, saved);
        LinearModel linear = tribuo.linear(saved.features(), saved.means(), saved.sds());
        LinkPredConfig c = saved.info().config().withModelDirectory(dir);
        return scored(c, context(g, saved, linear), linear, tribuo, saved.info(), saved.types(),
                FeatureBuilder.positives(g, c.treatsType()));
    }

    /**
     * The saved Tribuo models: per bag (session 8), every feature's and, with a mix (session 6), the Rephetio-style
     * one.
     */
    private static ModelTrainer.TribuoModels readTribuo(Path dir, ModelStore.Saved saved) {
        double mix = saved.rephetioMix();
        int bags = (int) Math.round(saved.info().metrics().getOrDefault(ModelStore.BAGS_METRIC, 1.0));
        List<LinearSGDModel> all = new ArrayList<>();
        List<LinearSGDModel> rephetio = new ArrayList<>();
        for (int b = 0; b < bags; b++) {
            all.add(readTribuo(dir.resolve(ModelStore.tribuoFile(b, false))));
            if (mix > 0) {
                rephetio.add(readTribuo(dir.resolve(ModelStore.tribuoFile(b, true))));
            }
        }
        return new ModelTrainer.TribuoModels(all, mix > 0 ? rephetio : null, mix);
    }

    private static LinearSGDModel readTribuo(Path file) {
        try {
            return (LinearSGDModel) Model.deserializeFromFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Tribuo model " + file + ": " + e.getMessage(), e);
        }
    }

    /** The features of the saved model on graph {@code g} (saved DWPC scales and embeddings). */
    private static Context context(HetGraph g, ModelStore.Saved saved, LinearModel linear) {
        long t0 = System.nanoTime();
        String snapshot = g.snapshotHash();
        if (!snapshot.equals(saved.info().dataSnapshotHash())) {
            LOG.warn("graph snapshot {} differs from the model's {}", snapshot, saved.info().dataSnapshotHash());
        }
        LinkPredConfig config = saved.info().config();
        List<Metapath> all = FeatureBuilder.metapaths(g, config);
        Set<String> wanted = new LinkedHashSet<>(saved.metapathNames());
        List<Metapath> metapaths = all.stream().filter(m -> wanted.contains(m.name())).toList();
        if (metapaths.size() != wanted.size()) {
            throw new IllegalStateException("the graph lacks metapaths the model uses: expected " + wanted.size()
                    + ", found " + metapaths.size());
        }
        FeatureBuilder fb = new FeatureBuilder(g, config, metapaths, 2);
        Embeddings emb = saved.embeddings(g, g.kind(FeatureBuilder.SOURCE), g.kind(FeatureBuilder.TARGET));
        FeatureSpace space = fb.space(Set.of(), saved.scales(), emb);
        Context x = Context.of(g, space, linear, config.damping());
        LOG.info("explanation graph of {} ready in {} ms", saved.info().version(), (System.nanoTime() - t0) / 1_000_000);
        return x;
    }

    // ------------------------------------------------------------------------------------------ package access

    HetGraph graph() {
        return context().graph();
    }

    /** The path stats once built after a load (tests and {@code LinkPredCli} wait for them). */
    PathStats awaitPathStats() {
        return join(context().stats(), "the path stats");
    }

    /** Builds the path stats now (a trained model has none until then). */
    PathStats buildPathStats() {
        return context().buildPathStats();
    }

    LinearModel linearModel() {
        return model;
    }

    ModelTrainer.TribuoModels tribuoModel() {
        return join(tribuo, "the Tribuo model");
    }

    FeatureSpace space() {
        return context().space();
    }

    int[] featureIndexes() {
        return context().features().clone();
    }

    Ranking ranking() {
        return ranking;
    }

    /** The scored (saved) linear score of a pair, by the ranking's indexes. */
    double linearScore(int c, int t) {
        return ranking.linear[c * ranking.targets() + t];
    }
}
