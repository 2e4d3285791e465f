package io.repurpose.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.inject.Named;
import io.repurpose.graph.NodeKind;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Search drugs, diseases, genes and the other Hetionet kinds; look one up with its degrees. Search runs
 * in memory ({@link EntityIndex}) on the event loop once the index is built; lookups query Neo4j on the
 * blocking pool.
 */
@Controller("/api/v1/entities")
@Tag(name = "entities")
final class EntityController {
    static final int SUGGESTIONS = 5;

    private final EntityRepository entities;
    private final EntityIndex index;
    private final ExecutorService blocking;

    EntityController(EntityRepository entities, EntityIndex index,
                     @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.entities = entities;
        this.index = index;
        this.blocking = blocking;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Search entities by name or synonym",
            description = "Lucene search over names and synonyms, typo-tolerant (edit distance 1-2), ranked by "
                    + "relevance, then by how connected the entity is. The query is split into words; query "
                    + "syntax in q is never interpreted.")
    @ApiResponse(responseCode = "200", description = "a page of matches, best first")
    @ApiResponse(responseCode = "400", description = "limit outside 1..1000, unknown type, q without words",
            content = @Content(mediaType = Problem.CONTENT_TYPE, schema = @Schema(implementation = Problem.class)))
    CompletableFuture<Page<EntitySummary>> search(
            @Parameter(description = "words to look for, e.g. metformin or type 2 diabetes") @QueryValue String q,
            @Parameter(description = "Compound (or drug), Disease, Gene, Anatomy, SideEffect, Symptom, ...")
            @QueryValue @Nullable String type,
            @QueryValue(defaultValue = "20") int limit,
            @QueryValue(defaultValue = "0") int offset) {
        Paging.check(limit, offset);
        if (q.isBlank() || q.length() > EntitySearch.MAX_LENGTH) {
            throw ApiException.badRequest("invalid-parameter", "q must hold 1 to " + EntitySearch.MAX_LENGTH
                    + " characters");
        }
        NodeKind kind = kind(type);
        EntitySearch ready = index.ready();
        if (ready != null) {
            // in memory, a fraction of a millisecond: answer on the event loop
            return CompletableFuture.completedFuture(ready.search(q, kind, limit, offset));
        }
        // the index is still being built from Neo4j (just after start): wait for it off the event loop
        return CompletableFuture.supplyAsync(() -> entities.search(q, kind, limit, offset), blocking);
    }

    @Get(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "One entity with its degree per relationship type",
            description = "id is the identifier within its kind (DB00331, DOID:9352, 1017) or kind-qualified "
                    + "(Compound::DB00331). An unknown id is a 404 that suggests close matches.")
    @ApiResponse(responseCode = "200", description = "the entity")
    @ApiResponse(responseCode = "404", description = "no such entity; suggestions hold close matches",
            content = @Content(mediaType = Problem.CONTENT_TYPE, schema = @Schema(implementation = Problem.class)))
    @ExecuteOn(TaskExecutors.BLOCKING)
    EntityDetail get(@PathVariable String id) {
        return entities.find(id).orElseThrow(() -> ApiException.notFound("no entity with id '" + id + "'",
                entities.suggestions(id, SUGGESTIONS)));
    }

    /** {@code type} as a node kind; also accepts drug/compound and the Hetionet names. */
    static @Nullable NodeKind kind(@Nullable String type) {
        if (type == null || type.isBlank()) {
            return null;
        }
        if ("drug".equals(type.toLowerCase(Locale.ROOT))) {
            return NodeKind.COMPOUND;
        }
        return NodeKind.parse(type).orElseThrow(() -> ApiException.badRequest("invalid-parameter",
                "unknown type '" + type + "'; one of drug, " + Arrays.stream(NodeKind.values())
                        .map(NodeKind::label).collect(Collectors.joining(", "))));
    }
}
