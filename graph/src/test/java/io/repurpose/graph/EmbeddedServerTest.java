package io.repurpose.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Port choice and JVM options of the embedded server (no server needed). */
class EmbeddedServerTest {

    /** Bolt and HTTP on free ports are never the same port (CI once got 33101 for both). */
    @Test
    void freeBoltAndHttpPortsDiffer() {
        for (int i = 0; i < 2_000; i++) {
            int[] p = EmbeddedServer.ports(0, 0);
            assertNotEquals(p[0], p[1], "bolt and http on the same port");
        }
    }

    @Test
    void configuredPortsAreKeptAndAFreeOneAvoidsThem() {
        int[] both = EmbeddedServer.ports(17687, 17474);
        assertEquals(17687, both[0]);
        assertEquals(17474, both[1]);
        for (int i = 0; i < 200; i++) {
            int[] p = EmbeddedServer.ports(0, 0);
            assertNotEquals(p[1], EmbeddedServer.ports(p[1], 0)[1], "a free HTTP port is not the configured Bolt port");
            assertNotEquals(p[0], EmbeddedServer.ports(0, p[0])[0], "a free Bolt port is not the configured HTTP port");
        }
    }

    /** The serving JVM's young generation is a quarter of its heap, whatever unit the heap is given in. */
    @Test
    void youngGenerationIsAQuarterOfTheHeap() {
        // heap -> a quarter of it in KiB
        Map<String, Long> quarter = Map.of("4g", 1_048_576L, "2G", 524_288L, "512m", 131_072L, "786432k", 196_608L,
                "1073741824", 262_144L);
        quarter.forEach((heap, kib) -> assertEquals("-Xmn" + kib + "k", EmbeddedServer.youngGeneration(heap), heap));
        for (String bad : List.of("", "2 g", "2gb", "-1g", "1k")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> EmbeddedServer.youngGeneration(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void servingJvmGetsTheYoungGenerationAndTheShortLivedOneDoesNot() {
        List<String> serving = EmbeddedServer.serverOptions(false, "2g");
        assertTrue(serving.containsAll(EmbeddedServer.SERVER_OPTIONS) && serving.contains("-Xmn524288k"),
                serving.toString());
        assertEquals(EmbeddedServer.SHORT_LIVED_SERVER_OPTIONS, EmbeddedServer.serverOptions(true, "2g"));
    }
}
