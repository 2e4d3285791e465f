package io.repurpose.api;

import java.util.List;
import java.util.stream.IntStream;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Hidden;

/**
 * The benchmark's baseline: the cheapest possible endpoint behind the same filters (API key, metrics),
 * 20 small JSON records built in memory. Only present with {@code repurpose.bench.enabled=true}.
 */
@Controller("/api/v1/bench")
@Requires(property = "repurpose.bench.enabled", value = "true")
@Hidden
final class BenchController {
    /** A small record. */
    @Serdeable
    record Item(int id, String name, double score) {
    }

    private static final List<Item> ITEMS = IntStream.range(0, 20)
            .mapToObj(i -> new Item(i, "item " + i, 1.0 / (i + 1))).toList();

    @Get(uri = "/trivial", produces = MediaType.APPLICATION_JSON)
    List<Item> trivial() {
        return ITEMS;
    }
}
