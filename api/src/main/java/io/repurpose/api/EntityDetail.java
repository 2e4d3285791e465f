package io.repurpose.api;

import java.util.Map;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One entity with its degree per relationship type.
 *
 * @param id         identifier within the type
 * @param type       node label
 * @param name       preferred name
 * @param source     where the node came from (e.g. the Hetionet source), if recorded
 * @param synonyms   other names, if any
 * @param degree     total number of relationships
 * @param degrees    number of relationships per relationship type ({@code TREATS_CtD: 12})
 */
@Serdeable
public record EntityDetail(String id, String type, @Nullable String name, @Nullable String source,
                           @Nullable java.util.List<String> synonyms, long degree, Map<String, Long> degrees) {
}
