package io.repurpose.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.netty.util.Version;
import org.junit.jupiter.api.Test;

/**
 * Guards the application classpath (DEPENDENCIES.md): the Neo4j server lives in its own child JVM, so no
 * server class is here, and every netty jar is of one version line (mixed 4.1/4.2 jars made the driver hang).
 */
class ClasspathGuardTest {
    @Test
    void noNeo4jServerClassesOnTheApplicationClasspath() {
        for (String serverClass : Set.of("org.neo4j.kernel.api.KernelTransaction",
                "org.neo4j.server.CommunityBootstrapper", "org.neo4j.graphdb.GraphDatabaseService")) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(serverClass), serverClass);
        }
        // the launcher and its classpath file are here; the classes it names are not
        assertTrue(getClass().getClassLoader()
                .getResource("io/repurpose/graph/server/neo4j-server.classpath") != null);
    }

    @Test
    void oneNettyVersionLine() {
        Map<String, Version> versions = Version.identify();
        assertFalse(versions.isEmpty());
        Set<String> lines = new TreeSet<>();
        versions.values().forEach(v -> lines.add(v.artifactVersion().replaceAll("^(\\d+\\.\\d+)\\..*", "$1")));
        assertEquals(Set.of("4.2"), lines, versions.toString());
    }
}
