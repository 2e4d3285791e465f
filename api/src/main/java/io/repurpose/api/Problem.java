package io.repurpose.api;

import java.net.URI;
import java.util.List;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An RFC 7807 problem document, sent as {@code application/problem+json}.
 *
 * @param type        a URI naming the kind of problem ({@code about:blank} for plain HTTP statuses)
 * @param title       a short summary of the kind
 * @param status      the HTTP status
 * @param detail      what went wrong with this request, in words
 * @param instance    the request path
 * @param suggestions close matches for an unknown id or name (404), otherwise absent
 */
@Serdeable
@Schema(name = "Problem", description = "RFC 7807 problem details")
public record Problem(URI type, String title, int status, @Nullable String detail, @Nullable String instance,
                      @Nullable List<EntitySummary> suggestions) {

    public static final String CONTENT_TYPE = "application/problem+json";
    static final String TYPE_BASE = "https://repurpose.io/problems/";

    static Problem of(HttpStatus status, String kind, String detail, String instance) {
        return new Problem(kind == null ? URI.create("about:blank") : URI.create(TYPE_BASE + kind),
                status.getReason(), status.getCode(), detail, instance, null);
    }

    Problem withSuggestions(List<EntitySummary> s) {
        return new Problem(type, title, status, detail, instance, s);
    }
}
