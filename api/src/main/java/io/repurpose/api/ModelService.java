package io.repurpose.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpStatus;
import io.micronaut.scheduling.annotation.Scheduled;
import io.repurpose.graph.GraphStore;
import io.repurpose.linkpred.Candidate;
import io.repurpose.linkpred.LinkPredConfig;
import io.repurpose.linkpred.LinkPredictor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current link-prediction model, in memory: candidate lists are served from {@link LinkPredictor}'s
 * precomputed rankings, never from a Cypher query per request. The model directory is watched and a
 * newer model replaces the current one atomically (requests in flight finish on the old one).
 */
@Singleton
@Requires(beans = GraphStore.class)
class ModelService {
    private static final Logger LOG = LoggerFactory.getLogger(ModelService.class);
    static final String CATALOG = "MATCH (n:Compound) RETURN 'Compound' AS kind, n.identifier AS id, n.name AS name "
            + "UNION ALL MATCH (n:Disease) RETURN 'Disease' AS kind, n.identifier AS id, n.name AS name";

    /** Explanations kept per model (they only change with the model or the graph); least recently used go first. */
    static final int EXPLANATION_CACHE = 512;

    /** At most this long (after a model loads) explaining top candidates to build the model's lazy structures. */
    static final long WARM_UP_MILLIS = 60_000;

    /**
     * A loaded model with its id/name catalogue (for close-match suggestions without a query), list
     * totals, and recent explanations.
     */
    record Loaded(LinkPredictor predictor, FileTime stamp, List<EntitySummary> compounds,
                  List<EntitySummary> diseases, Map<String, Integer> totals,
                  Map<String, CompletableFuture<Object>> explanations) {

        /**
         * The value {@code compute} gives for {@code key}, computed once for this model: concurrent callers
         * with the same key wait for the one computation (no stampede of identical path enumerations and
         * evidence queries); a failure is not kept. Bounded LRU ({@value #EXPLANATION_CACHE} entries).
         */
        @SuppressWarnings("unchecked")
        <T> T explanation(String key, Supplier<T> compute) {
            CompletableFuture<Object> f;
            boolean mine = false;
            synchronized (explanations) {
                f = explanations.get(key);
                if (f == null) {
                    f = new CompletableFuture<>();
                    explanations.put(key, f);
                    mine = true;
                }
            }
            if (mine) {
                try {
                    T value = compute.get();
                    f.complete(value);
                    return value;
                } catch (RuntimeException | Error e) {
                    synchronized (explanations) {
                        explanations.remove(key, f);
                    }
                    f.completeExceptionally(e);
                    throw e;
                }
            }
            try {
                return (T) f.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw e;
            }
        }
    }

    static Map<String, CompletableFuture<Object>> lru(int max) {
        return new java.util.LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<Object>> eldest) {
                return size() > max;
            }
        };
    }

    private final GraphStore store;
    private final LinkPredProperties properties;
    private final OrderlyShutdown shutdown;
    private final AtomicReference<Loaded> current = new AtomicReference<>();
    private volatile String lastError = "no model loaded yet";

    ModelService(GraphStore store, LinkPredProperties properties, OrderlyShutdown shutdown) {
        this.store = store;
        this.properties = properties;
        this.shutdown = shutdown;
    }

    /** The current model or a 503 problem saying why there is none. */
    Loaded current() {
        Loaded l = current.get();
        if (l == null) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "model-unavailable",
                    "no link-prediction model is loaded (" + lastError + "); train one with `repurpose train`"
                            + " into " + properties.modelDirectory().toAbsolutePath(), null);
        }
        return l;
    }

    boolean loaded() {
        return current.get() != null;
    }

    /** Checks the model directory and loads a newer model; runs at start and then periodically. */
    @Scheduled(fixedDelay = "${repurpose.linkpred.refresh-interval:30s}", initialDelay = "0s")
    synchronized void refresh() {
        Path dir = properties.modelDirectory();
        FileTime stamp = stamp(dir);
        Loaded l = current.get();
        if (stamp == null || (l != null && stamp.equals(l.stamp()))) {
            if (stamp == null && l == null) {
                lastError = "no model in " + dir.toAbsolutePath();
            }
            return;
        }
        try {
            long t0 = System.nanoTime();
            LinkPredictor p = LinkPredictor.load(store, LinkPredConfig.defaults().withModelDirectory(dir));
            install(p, stamp);
            LOG.info("model {} loaded from {} in {} ms", p.model().version(), dir, (System.nanoTime() - t0) / 1_000_000);
            warmUp(p, WARM_UP_MILLIS);
        } catch (RuntimeException e) {
            lastError = "loading " + dir + " failed: " + e.getMessage();
            if (shutdown.stopping()) {
                LOG.info("model loading from {} stopped by the shutdown", dir);
            } else {
                LOG.error("cannot load the model from {}", dir, e);
            }
        }
    }

    /** Makes {@code predictor} the current model. */
    void install(LinkPredictor predictor, FileTime stamp) {
        List<EntitySummary> compounds = new ArrayList<>();
        List<EntitySummary> diseases = new ArrayList<>();
        for (Map<String, Object> row : store.read(CATALOG, Map.of())) {
            EntitySummary e = new EntitySummary(String.valueOf(row.get("id")), (String) row.get("kind"),
                    (String) row.get("name"), null);
            ("Compound".equals(e.type()) ? compounds : diseases).add(e);
        }
        current.set(new Loaded(predictor, stamp, List.copyOf(compounds), List.copyOf(diseases),
                new ConcurrentHashMap<>(), lru(EXPLANATION_CACHE)));
    }

    /**
     * Explains the best candidate of every disease once, so that the model's lazily built structures (step
     * weights, edge lookups) exist before the first request needs them: a cold explanation takes seconds,
     * a warm one milliseconds. Stops after {@code budgetMillis}; the model serves meanwhile.
     */
    void warmUp(LinkPredictor p, long budgetMillis) {
        long t0 = System.nanoTime();
        long deadline = t0 + budgetMillis * 1_000_000;
        Loaded l = current.get();
        int n = 0;
        for (EntitySummary d : l == null ? List.<EntitySummary>of() : l.diseases()) {
            if (System.nanoTime() > deadline || current.get() != l || shutdown.stopping()) {
                break;
            }
            try {
                List<Candidate> top = p.candidatesForDisease(d.id(), 1, false);
                if (!top.isEmpty()) {
                    p.explain(top.get(0).drugId(), d.id());
                    n++;
                }
            } catch (IllegalArgumentException e) {
                // a disease of the graph the model does not rank: nothing to warm
            }
        }
        LOG.info("model warm-up: {} explanations in {} ms", n, (System.nanoTime() - t0) / 1_000_000);
    }

    /** One page of a ranked candidate list; the total is computed once per list and model. */
    Page<Candidate> candidates(boolean forDisease, String id, int limit, int offset, boolean excludeKnown) {
        Loaded l = current();
        LinkPredictor p = l.predictor();
        List<Candidate> top;
        try {
            top = forDisease ? p.candidatesForDisease(id, offset + limit, excludeKnown)
                    : p.candidatesForDrug(id, offset + limit, excludeKnown);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("no " + (forDisease ? "disease" : "compound") + " '" + id
                    + "' in model " + p.model().version(), suggest(forDisease ? l.diseases() : l.compounds(), id));
        }
        String key = (forDisease ? "D|" : "C|") + excludeKnown + "|" + id;
        int total = top.size() < offset + limit ? top.size() : l.totals().computeIfAbsent(key, k -> (forDisease
                ? p.candidatesForDisease(id, Integer.MAX_VALUE, excludeKnown)
                : p.candidatesForDrug(id, Integer.MAX_VALUE, excludeKnown)).size());
        List<Candidate> page = offset >= top.size() ? List.of() : top.subList(offset, top.size());
        return new Page<>(page, total, limit, offset);
    }

    /** Close matches among the model's compounds or diseases: same id prefix or similar name. */
    static List<EntitySummary> suggest(List<EntitySummary> pool, String given) {
        String g = given.toLowerCase(Locale.ROOT);
        return pool.stream()
                .map(e -> Map.entry(e, Math.min(EntityRepository.editDistance(e.id().toLowerCase(Locale.ROOT), g),
                        e.name() == null ? Integer.MAX_VALUE
                                : EntityRepository.editDistance(e.name().toLowerCase(Locale.ROOT), g))))
                .filter(en -> en.getValue() <= Math.max(2, g.length() / 3))
                .sorted(Map.Entry.<EntitySummary, Integer>comparingByValue()
                        .thenComparing(en -> en.getKey().id()))
                .limit(EntityController.SUGGESTIONS).map(Map.Entry::getKey).toList();
    }

    /** The newest modification time in the model directory, or null when there is no model. */
    static FileTime stamp(Path dir) {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).map(f -> {
                try {
                    return Files.getLastModifiedTime(f);
                } catch (IOException e) {
                    return FileTime.fromMillis(0);
                }
            }).max(Comparator.naturalOrder()).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }
}
