package io.repurpose.api;

import java.util.Objects;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One graph entity in a list.
 *
 * @param id    the entity's identifier within its type (Hetionet's: {@code DB00331}, {@code DOID:9352}, {@code 1017})
 * @param type  the node label ({@code Compound}, {@code Disease}, {@code Gene}...)
 * @param name  the preferred name
 * @param score the search relevance (Lucene), absent outside search results
 */
@Serdeable
public record EntitySummary(String id, String type, @Nullable String name, @Nullable Double score) {
    public EntitySummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
    }
}
