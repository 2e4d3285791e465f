package io.repurpose.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The per-model explanation memo: one computation per key however many ask at once; failures not kept. */
class ModelServiceTest {
    static ModelService.Loaded loaded(Map<String, java.util.concurrent.CompletableFuture<Object>> memo) {
        return new ModelService.Loaded(null, null, List.of(), List.of(), Map.of(), memo);
    }

    @Test
    void concurrentCallersShareOneComputation() throws Exception {
        ModelService.Loaded l = loaded(new LinkedHashMap<>());
        AtomicInteger computed = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Object>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> l.explanation("a|b|25", () -> {
                    computed.incrementAndGet();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return new Object();
                })));
            }
            Thread.sleep(200); // let every caller arrive while the first computes
            release.countDown();
            Object first = answers.get(0).get(10, TimeUnit.SECONDS);
            for (Future<Object> f : answers) {
                assertSame(first, f.get(10, TimeUnit.SECONDS));
            }
            assertEquals(1, computed.get());
            assertSame(first, l.explanation("a|b|25", () -> {
                throw new AssertionError("computed again");
            }));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void failuresAreRethrownAndNotKept() {
        ModelService.Loaded l = loaded(new LinkedHashMap<>());
        ApiException e = ApiException.notFound("no compound 'x'", List.of());
        assertSame(e, assertThrows(ApiException.class, () -> l.explanation("x", () -> {
            throw e;
        })));
        assertEquals("ok", l.explanation("x", () -> "ok"));
    }

    @Test
    void leastRecentlyUsedGoFirst() {
        Map<String, java.util.concurrent.CompletableFuture<Object>> memo = ModelService.lru(2);
        ModelService.Loaded l = loaded(memo);
        l.explanation("1", () -> "one");
        l.explanation("2", () -> "two");
        l.explanation("1", () -> "again");
        l.explanation("3", () -> "three");
        assertEquals(List.of("1", "3"), List.copyOf(memo.keySet()));
    }
}
