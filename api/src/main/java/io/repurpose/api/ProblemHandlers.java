package io.repurpose.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.repurpose.graph.GraphException;
import io.repurpose.graph.GraphUnavailableException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.stream.Collectors;

/** Every error of the application leaves as RFC 7807 {@code application/problem+json}. */
final class ProblemHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandlers.class);

    private ProblemHandlers() {
    }

    static MutableHttpResponse<Problem> respond(Problem p) {
        return HttpResponse.<Problem>status(HttpStatus.valueOf(p.status())).body(p)
                .contentType(Problem.CONTENT_TYPE);
    }

    /** Refusals raised by the controllers (400, 404 with suggestions). */
    @Singleton
    @Produces(Problem.CONTENT_TYPE)
    static final class Api implements ExceptionHandler<ApiException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, ApiException e) {
            return respond(Problem.of(e.status(), e.kind(), e.getMessage(), request.getPath())
                    .withSuggestions(e.suggestions()));
        }
    }

    /** Neo4j down or unreachable: 503 with Retry-After, the client may try again. */
    @Singleton
    @Produces(Problem.CONTENT_TYPE)
    static final class Unavailable implements ExceptionHandler<GraphUnavailableException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, GraphUnavailableException e) {
            LOG.warn("{} {}: {}", request.getMethod(), request.getPath(), e.getMessage());
            return respond(Problem.of(HttpStatus.SERVICE_UNAVAILABLE, "graph-unavailable",
                    "the graph database is unreachable; retry later", request.getPath())).header("Retry-After", "5");
        }
    }

    /** Other Neo4j failures: a 500 that does not echo server internals. */
    @Singleton
    @Produces(Problem.CONTENT_TYPE)
    static final class Graph implements ExceptionHandler<GraphException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, GraphException e) {
            LOG.error("{} {} failed", request.getMethod(), request.getPath(), e);
            return respond(Problem.of(HttpStatus.INTERNAL_SERVER_ERROR, "graph-error",
                    "the graph query failed; see the server log", request.getPath()));
        }
    }

    /**
     * Micronaut's own errors (no route, bad parameter conversion, wrong method, body too large...) as
     * problem documents instead of its default JSON error shape.
     */
    @Singleton
    @Replaces(ErrorResponseProcessor.class)
    static final class Processor implements ErrorResponseProcessor<Problem> {
        @Override
        public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
            HttpStatus status = response.getStatus();
            String detail = context.getErrors().stream().map(Error::getMessage)
                    .collect(Collectors.joining("; "));
            Problem p = Problem.of(status, null, detail.isEmpty() ? status.getReason() : detail,
                    context.getRequest().getPath());
            return response.body(p).contentType(Problem.CONTENT_TYPE);
        }
    }
}
