package io.repurpose.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Literature evidence between entities: the sentences, documents, years and confidence. */
@Controller("/api/v1/evidence")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "evidence")
final class EvidenceController {
    private final EvidenceRepository evidence;

    EvidenceController(EvidenceRepository evidence) {
        this.evidence = evidence;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Literature evidence between a drug, a disease and a gene",
            description = "Two or three ids: the evidence between them (drug-disease TREATS/CAUSES, drug-gene "
                    + "TARGETS, gene-disease ASSOCIATED_WITH). One id: all evidence involving it. Asserted "
                    + "evidence first, then by confidence and year.")
    Page<EvidenceRepository.Evidence> find(@QueryValue @Nullable String drug, @QueryValue @Nullable String disease,
                                           @QueryValue @Nullable String gene,
                                           @QueryValue(defaultValue = "20") int limit,
                                           @QueryValue(defaultValue = "0") int offset) {
        Paging.check(limit, offset);
        if (blank(drug) && blank(disease) && blank(gene)) {
            throw ApiException.badRequest("invalid-parameter", "give at least one of drug, disease, gene");
        }
        return evidence.find(blank(drug) ? null : drug, blank(disease) ? null : disease, blank(gene) ? null : gene,
                limit, offset);
    }

    private static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }
}
