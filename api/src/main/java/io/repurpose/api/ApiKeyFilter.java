package io.repurpose.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.core.order.Ordered;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API keys on {@code /api/**}: no key or an unknown key is 401; a read key on a write (POST, PUT,
 * DELETE) is 403. Management endpoints ({@code /health}, {@code /prometheus}) and the OpenAPI
 * document are outside {@code /api} and need no key.
 */
@ServerFilter("/api/**")
final class ApiKeyFilter implements Ordered {
    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyFilter.class);

    private final String header;
    private final List<byte[]> readKeys;
    private final List<byte[]> ingestKeys;

    ApiKeyFilter(ApiKeysProperties properties) {
        this.header = properties.header();
        this.readKeys = properties.readKeys().stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
        this.ingestKeys = properties.ingestKeys().stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
        if (readKeys.isEmpty() && ingestKeys.isEmpty()) {
            LOG.warn("no API keys configured (repurpose.api.read-keys / ingest-keys): every /api request gets 401");
        }
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.order();
    }

    @RequestFilter
    @Nullable
    HttpResponse<Problem> check(HttpRequest<?> request) {
        String key = request.getHeaders().get(header);
        if (key == null || key.isEmpty()) {
            return refuse(request, HttpStatus.UNAUTHORIZED, "missing-api-key",
                    "send an API key in the " + header + " header");
        }
        byte[] given = key.getBytes(StandardCharsets.UTF_8);
        boolean ingest = matches(ingestKeys, given);
        boolean read = ingest || matches(readKeys, given);
        if (!read) {
            return refuse(request, HttpStatus.UNAUTHORIZED, "invalid-api-key", "the API key is not valid");
        }
        if (!ingest && writes(request.getMethod())) {
            return refuse(request, HttpStatus.FORBIDDEN, "read-only-api-key",
                    "this is a read key; " + request.getMethod() + " needs an ingest key");
        }
        return null;
    }

    private static boolean writes(HttpMethod m) {
        return m == HttpMethod.POST || m == HttpMethod.PUT || m == HttpMethod.PATCH || m == HttpMethod.DELETE;
    }

    /** Constant-time comparison against every key, so timing does not reveal a prefix. */
    private static boolean matches(List<byte[]> keys, byte[] given) {
        boolean found = false;
        for (byte[] k : keys) {
            found |= MessageDigest.isEqual(k, given);
        }
        return found;
    }

    private HttpResponse<Problem> refuse(HttpRequest<?> request, HttpStatus status, String kind, String detail) {
        var response = ProblemHandlers.respond(Problem.of(status, kind, detail, request.getPath()));
        return status == HttpStatus.UNAUTHORIZED
                ? response.header("WWW-Authenticate", "ApiKey header=\"" + header + "\"") : response;
    }
}
