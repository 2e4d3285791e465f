package io.repurpose.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** Port choice for the embedded server (no server needed). */
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
}
