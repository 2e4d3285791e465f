package io.repurpose.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.serde.ObjectMapper;

/** Test helper: sends a request and returns status, content type and the JSON body as a map. */
final class ApiClient {
    record Reply(int status, String contentType, String body, Map<String, Object> json) {
        Object get(String key) {
            return json.get(key);
        }
    }

    private final BlockingHttpClient http;
    private final ObjectMapper json;

    ApiClient(BlockingHttpClient http, ObjectMapper json) {
        this.http = http;
        this.json = json;
    }

    Reply get(String uri, String key) {
        MutableHttpRequest<Object> r = HttpRequest.GET(uri);
        return send(key == null ? r : r.header("X-API-Key", key));
    }

    Reply send(MutableHttpRequest<?> request) {
        HttpResponse<String> response;
        try {
            response = http.exchange(request, String.class);
        } catch (HttpClientResponseException e) {
            @SuppressWarnings("unchecked")
            HttpResponse<String> r = (HttpResponse<String>) e.getResponse();
            response = r;
            return reply(r.getStatus().getCode(), r.getContentType().map(Object::toString).orElse(null),
                    e.getResponse().getBody(String.class).orElse(""));
        }
        return reply(response.getStatus().getCode(), response.getContentType().map(Object::toString).orElse(null),
                response.getBody().orElse(""));
    }

    private Reply reply(int status, String contentType, String body) {
        Map<String, Object> map = Map.of();
        if (body.startsWith("{")) {
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = json.readValue(body, Map.class);
                map = m;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Reply(status, contentType, body, map);
    }
}
