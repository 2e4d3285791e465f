package io.repurpose.api;

import java.util.List;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code repurpose.api.*}: the API keys. Read keys may query; ingest keys may also POST documents.
 * Lists come from application.yml or the environment, e.g.
 * {@code REPURPOSE_API_READ_KEYS=k1,k2} and {@code REPURPOSE_API_INGEST_KEYS=k3}.
 *
 * @param header     the request header that carries the key
 * @param readKeys   keys allowed to read
 * @param ingestKeys keys allowed to read and to submit documents
 */
@ConfigurationProperties("repurpose.api")
public record ApiKeysProperties(@Bindable(defaultValue = "X-API-Key") String header,
                                @Bindable(defaultValue = "") List<String> readKeys,
                                @Bindable(defaultValue = "") List<String> ingestKeys) {
    public ApiKeysProperties {
        readKeys = readKeys == null ? List.of() : readKeys.stream().filter(k -> !k.isBlank()).toList();
        ingestKeys = ingestKeys == null ? List.of() : ingestKeys.stream().filter(k -> !k.isBlank()).toList();
        for (String k : readKeys) {
            if (ingestKeys.contains(k)) {
                throw new IllegalArgumentException("an API key is both a read key and an ingest key: "
                        + k.substring(0, Math.min(4, k.length())) + "...");
            }
        }
    }
}
