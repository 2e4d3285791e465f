package io.repurpose.api;

import java.util.List;

import io.micronaut.http.HttpStatus;

/** A request the API refuses, with the problem kind and the words to say why. */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final HttpStatus status;
    private final String kind;
    private final transient List<EntitySummary> suggestions;

    ApiException(HttpStatus status, String kind, String detail, List<EntitySummary> suggestions) {
        super(detail);
        this.status = status;
        this.kind = kind;
        this.suggestions = suggestions;
    }

    static ApiException badRequest(String kind, String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, kind, detail, null);
    }

    static ApiException notFound(String detail, List<EntitySummary> suggestions) {
        return new ApiException(HttpStatus.NOT_FOUND, "not-found", detail, suggestions);
    }

    HttpStatus status() {
        return status;
    }

    String kind() {
        return kind;
    }

    List<EntitySummary> suggestions() {
        return suggestions;
    }
}
