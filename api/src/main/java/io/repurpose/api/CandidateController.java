package io.repurpose.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.repurpose.linkpred.Candidate;
import io.repurpose.linkpred.Explanation;
import io.repurpose.linkpred.LinkPredConfig;
import io.repurpose.linkpred.LinkPredictor;
import io.repurpose.linkpred.ModelInfo;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Ranked repurposing candidates, explanations and the model behind them. Candidate lists come from the
 * in-memory model ({@link ModelService}) and run on the event loop; explanations add literature evidence
 * from Neo4j and run on their own fixed pool. An explanation is kept per model and graph state
 * ({@link GraphChanges}: new evidence shows within one refresh interval), as its JSON bytes.
 */
@Controller("/api/v1")
@Tag(name = "candidates")
final class CandidateController {
    /** The executor of explanations ({@code micronaut.executors.explanations} in application.yml). */
    static final String EXPLANATIONS = "explanations";
    static final int EVIDENCE_PER_EDGE = 3;
    static final int EVIDENCE_DIRECT = 10;

    private final ModelService models;
    private final EvidenceRepository evidence;
    private final GraphChanges changes;
    private final JsonMapper json;

    CandidateController(ModelService models, EvidenceRepository evidence, GraphChanges changes, JsonMapper json) {
        this.models = models;
        this.evidence = evidence;
        this.changes = changes;
        this.json = json;
    }

    @Get(uri = "/diseases/{id}/candidates", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Compounds ranked for a disease",
            description = "Score (model probability), percentile among all compound-disease pairs, model version "
                    + "and whether the treatment is already known. Served from the in-memory model.")
    @ApiResponse(responseCode = "200", description = "a page of candidates, best first")
    @ApiResponse(responseCode = "404", description = "disease not in the model; suggestions hold close matches",
            content = @Content(mediaType = Problem.CONTENT_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "503", description = "no model loaded yet",
            content = @Content(mediaType = Problem.CONTENT_TYPE, schema = @Schema(implementation = Problem.class)))
    CandidatePage forDisease(@PathVariable String id, @QueryValue(defaultValue = "20") int limit,
                             @QueryValue(defaultValue = "0") int offset,
                             @QueryValue(defaultValue = "false") String excludeKnown) {
        Paging.check(limit, offset);
        return CandidatePage.of(models.candidates(true, id, limit, offset, flag("excludeKnown", excludeKnown)),
                models.current().predictor().model().version());
    }

    @Get(uri = "/drugs/{id}/candidates", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Diseases ranked for a compound (DrugBank id)")
    @ApiResponse(responseCode = "200", description = "a page of candidates, best first")
    @ApiResponse(responseCode = "404", description = "compound not in the model",
            content = @Content(mediaType = Problem.CONTENT_TYPE, schema = @Schema(implementation = Problem.class)))
    CandidatePage forDrug(@PathVariable String id, @QueryValue(defaultValue = "20") int limit,
                          @QueryValue(defaultValue = "0") int offset,
                          @QueryValue(defaultValue = "false") String excludeKnown) {
        Paging.check(limit, offset);
        return CandidatePage.of(models.candidates(false, id, limit, offset, flag("excludeKnown", excludeKnown)),
                models.current().predictor().model().version());
    }

    @Get(uri = "/drugs/{drugId}/diseases/{diseaseId}/explanation", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(EXPLANATIONS)
    @Operation(summary = "Why a compound scores for a disease",
            description = "The model's linear score split into a baseline, feature contributions and concrete "
                    + "graph paths (they add up to linearScore); literature edges on the paths carry their "
                    + "sentences, and direct drug-disease literature evidence is listed.")
    @ApiResponse(responseCode = "200", description = "the explanation", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExplanationResponse.class)))
    @ApiResponse(responseCode = "404", description = "unknown compound or disease",
            content = @Content(mediaType = Problem.CONTENT_TYPE, schema = @Schema(implementation = Problem.class)))
    byte[] explain(@PathVariable String drugId, @PathVariable String diseaseId,
                   @QueryValue(defaultValue = "25") int paths) {
        if (paths < 1 || paths > 200) {
            throw ApiException.badRequest("invalid-parameter", "paths must be between 1 and 200, got " + paths);
        }
        ModelService.Loaded l = models.current();
        // the same model and the same graph give the same answer: computed once, then from memory as its JSON
        // (one array, not the response's thousands of small objects: those survived young collections while in
        // the memo, and copying them was most of G1's pauses under varied explanations)
        return l.explanation(drugId + "|" + diseaseId + "|" + paths + "|" + changes.last(),
                () -> json(explanation(l, drugId, diseaseId, paths)));
    }

    private static final Argument<ExplanationResponse> EXPLANATION = Argument.of(ExplanationResponse.class);

    /** The body as Micronaut writes it ({@link ExplanationSerializer}, the configured stream features). */
    byte[] json(ExplanationResponse x) {
        try {
            return json.writeValueAsBytes(EXPLANATION, x);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the explanation of " + x.drugId() + " " + x.diseaseId(), e);
        }
    }

    /**
     * The explanation of the model's score with the literature behind its paths: one evidence query, none when
     * no path has a literature edge and no evidence names both the compound and the disease.
     */
    private ExplanationResponse explanation(ModelService.Loaded l, String drugId, String diseaseId, int paths) {
        Explanation x;
        try {
            x = l.predictor().explain(drugId, diseaseId, paths);
        } catch (IllegalArgumentException e) {
            boolean drugKnown = l.compounds().stream().anyMatch(c -> c.id().equals(drugId));
            String bad = drugKnown ? diseaseId : drugId;
            throw ApiException.notFound((drugKnown ? "no disease '" : "no compound '") + bad + "' in model "
                    + l.predictor().model().version(), ModelService.suggest(drugKnown ? l.diseases() : l.compounds(),
                    bad));
        }
        // one round trip for the sentences behind every literature edge and the direct pair
        Set<String> keys = new LinkedHashSet<>();
        for (Explanation.PathContribution p : x.paths()) {
            for (Explanation.PathEdge e : p.edges()) {
                if (e.literature()) {
                    keys.add(pairKey(e));
                }
            }
        }
        List<String> direct = evidence.mayLink(drugId, diseaseId)
                ? EvidenceRepository.pairKeys(drugId, diseaseId, null) : List.of();
        keys.addAll(direct);
        Map<String, List<EvidenceRepository.Evidence>> found = evidence.topPerPair(List.copyOf(keys),
                EVIDENCE_DIRECT);
        List<PathView> pathViews = new ArrayList<>();
        for (Explanation.PathContribution p : x.paths()) {
            List<EdgeView> edges = new ArrayList<>();
            for (Explanation.PathEdge e : p.edges()) {
                List<EvidenceRepository.Evidence> ev = e.literature()
                        ? found.getOrDefault(pairKey(e), List.of()) : List.of();
                edges.add(new EdgeView(e.type(), e.sourceId(), e.targetId(), e.literature(), e.documentIds(),
                        ev.subList(0, Math.min(EVIDENCE_PER_EDGE, ev.size()))));
            }
            pathViews.add(new PathView(p.metapath(), p.nodes(), edges, p.pathDegreeProduct(), p.contribution()));
        }
        List<EvidenceRepository.Evidence> literature = new ArrayList<>();
        direct.forEach(k -> literature.addAll(found.getOrDefault(k, List.of())));
        return new ExplanationResponse(x.drugId(), x.drugName(), x.diseaseId(), x.diseaseName(), x.probability(),
                x.linearScore(), x.baseline(), x.features(), x.otherFeaturesContribution(), x.otherFeatures(), pathViews, x.otherPathsContribution(), x.otherPaths(),
                literature, x.modelVersion());
    }

    @Get(uri = "/model", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "The current model: version, training data snapshot, metrics")
    ModelResponse model() {
        LinkPredictor p = models.current().predictor();
        ModelInfo m = p.model();
        LinkPredConfig c = m.config();
        return new ModelResponse(m.version(), m.dataSnapshotHash(), m.created(), m.seed(), m.embeddingSource(),
                m.features().size(), m.features(), m.metrics(), Map.of(
                "damping", c.damping(), "metapathLengths", c.minMetapathLength() + ".." + c.maxMetapathLength(),
                "treatsType", c.treatsType(), "embeddingDimension", c.embeddingDimension(),
                "negativesPerPositive", c.negativesPerPositive(), "epochs", c.epochs(), "folds", c.folds()));
    }

    /** A strict boolean parameter: true or false, anything else is a 400. */
    static boolean flag(String name, String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest("invalid-parameter", name + " must be true or false, got '"
                    + value + "'");
        };
    }

    /** {@code LITERATURE_TREATS} from a to b is the evidence pair {@code TREATS|a|b}. */
    static String pairKey(Explanation.PathEdge e) {
        String type = e.type().startsWith(LinkPredConfig.LITERATURE_PREFIX)
                ? e.type().substring(LinkPredConfig.LITERATURE_PREFIX.length()) : e.type();
        return type + "|" + e.sourceId() + "|" + e.targetId();
    }

    /**
     * A page of candidates.
     *
     * @param items        this page, best first
     * @param total        how many candidates the list has
     * @param limit        page size
     * @param offset       skipped
     * @param modelVersion the model that ranked them
     */
    @Serdeable
    record CandidatePage(List<Candidate> items, long total, int limit, int offset, String modelVersion) {
        static CandidatePage of(Page<Candidate> p, String version) {
            return new CandidatePage(p.items(), p.total(), p.limit(), p.offset(), version);
        }
    }

    /** An edge on an explained path; literature edges carry their best sentences. */
    @Serdeable
    record EdgeView(String type, String sourceId, String targetId, boolean literature, List<String> documentIds,
                    List<EvidenceRepository.Evidence> evidence) {
    }

    /** A path from the compound to the disease and its share of the score. */
    @Serdeable
    record PathView(String metapath, List<Explanation.PathNode> nodes, List<EdgeView> edges, double pathDegreeProduct,
                    double contribution) {
    }

    /**
     * Why a pair scores as it does; {@code baseline + features + paths + otherPathsContribution = linearScore}.
     */
    @Serdeable
    record ExplanationResponse(String drugId, String drugName, String diseaseId, String diseaseName, double score,
                               double linearScore, double baseline, List<Explanation.FeatureContribution> features,
                               double otherFeaturesContribution, int otherFeatures, List<PathView> paths, double otherPathsContribution, int otherPaths,
                               List<EvidenceRepository.Evidence> literature, String modelVersion) {
    }

    /** The current model's provenance. */
    @Serdeable
    record ModelResponse(String version, String dataSnapshotHash, @Nullable Instant created, long seed,
                         @Nullable String embeddingSource, int featureCount, List<String> features,
                         Map<String, Double> metrics, Map<String, Object> config) {
    }
}
