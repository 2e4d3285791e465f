package io.repurpose.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

/**
 * The embedded server links into its plugins directory only the GDS and APOC jars that declare procedures or
 * functions ({@link EmbeddedServer#declaresProcedures}); a jar left out would silently lose its procedures.
 * This scans every class of those jars on the server classpath for the annotations Neo4j registers. (With
 * all 115 GDS/APOC jars linked and with the 15 selected, the server listed the same 649 procedures and 270
 * functions.)
 */
class PluginJarsTest {
    private static final List<String> ANNOTATIONS = List.of("Lorg/neo4j/procedure/Procedure;",
            "Lorg/neo4j/procedure/UserFunction;", "Lorg/neo4j/procedure/UserAggregationFunction;");

    @Test
    void exactlyTheJarsWithProceduresAreLinked() throws IOException {
        TreeSet<String> withProcedures = new TreeSet<>();
        TreeSet<String> selected = new TreeSet<>();
        int candidates = 0;
        for (String entry : EmbeddedServer.serverClasspath().split(java.io.File.pathSeparator)) {
            String unix = entry.replace('\\', '/');
            if (!unix.endsWith(".jar") || !(unix.contains("/org/neo4j/gds/") || unix.contains("/org/neo4j/procedure/apoc"))) {
                continue;
            }
            candidates++;
            String name = Path.of(entry).getFileName().toString();
            if (EmbeddedServer.declaresProcedures(name)) {
                selected.add(name);
            }
            if (declares(Path.of(entry))) {
                withProcedures.add(name);
            }
        }
        assertFalse(withProcedures.isEmpty(), "no GDS/APOC procedures found on the server classpath");
        TreeSet<String> missing = new TreeSet<>(withProcedures);
        missing.removeAll(selected);
        assertEquals(new TreeSet<String>(), missing, "jars with procedures that would not be linked");
        // the point of selecting: most of the GDS/APOC jars (algorithms, memory estimation, ...) stay out
        assertTrue(selected.size() <= withProcedures.size() + 3 && selected.size() * 4 < candidates,
                selected.size() + " of " + candidates + " jars linked, " + withProcedures.size() + " with procedures: "
                        + selected);
    }

    private static boolean declares(Path jar) throws IOException {
        try (JarFile f = new JarFile(jar.toFile(), false)) {
            Enumeration<JarEntry> entries = f.entries();
            List<JarEntry> classes = new ArrayList<>();
            while (entries.hasMoreElements()) {
                JarEntry e = entries.nextElement();
                if (e.getName().endsWith(".class")) {
                    classes.add(e);
                }
            }
            for (JarEntry e : classes) {
                try (InputStream in = f.getInputStream(e)) {
                    String bytes = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                    for (String a : ANNOTATIONS) {
                        if (bytes.contains(a)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }
    }
}
