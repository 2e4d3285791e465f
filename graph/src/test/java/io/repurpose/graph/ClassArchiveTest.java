package io.repurpose.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassArchiveTest {
    @TempDir
    Path dir;

    @Test
    void mergedListsKeepCompleteLinesInOrderOnce() throws Exception {
        Path a = dir.resolve("a.classlist");
        Path b = dir.resolve("b.classlist");
        Files.writeString(a, "java/lang/Object\njava/util/List\n", StandardCharsets.UTF_8);
        Files.writeString(b, "java/util/List\n@lambda-proxy " + "x".repeat(ClassArchive.MAX_LINE) + "\njava/util/Map\n"
                + "java/util/Ha", StandardCharsets.UTF_8); // a line too long for the dump, then one cut mid-line
        assertEquals(List.of("java/lang/Object", "java/util/List", "java/util/Map"),
                ClassArchive.mergedLines(List.of(a, b, dir.resolve("missing.classlist"))));
    }

    @Test
    void recordsWithoutAnArchiveThenDumpsOneThatAJvmCanMap() throws Exception {
        String jar = Path.of(org.slf4j.Logger.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        ClassArchive cds = new ClassArchive(dir.resolve("cds"), jar);
        Path list = cds.newList("test");
        assertEquals(List.of("-XX:DumpLoadedClassList=" + list), cds.options(list));

        Files.createDirectories(list.getParent());
        Files.writeString(list, "java/lang/Object\njava/util/ArrayList\norg/slf4j/Logger\norg/slf4j/LoggerFactory\n",
                StandardCharsets.UTF_8);
        Process dump = cds.dumpInBackground(List.of(list));
        assertNotNull(dump);
        assertTrue(dump.waitFor(120, TimeUnit.SECONDS), "dump still running after 120 s");
        assertTrue(cds.exists(), "no archive after the dump; exit code " + dump.exitValue());
        assertFalse(Files.exists(list), "the recorded list is deleted once merged");
        assertNull(cds.dumpInBackground(List.of()), "an existing archive is not dumped again");

        List<String> options = cds.options(list);
        assertEquals("-XX:SharedArchiveFile=" + cds.archive(), options.get(0));
        // -Xshare:on fails instead of running without the archive when it cannot be mapped
        Process check = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:on", "-XX:SharedArchiveFile=" + cds.archive(), "-cp", jar, "-version")
                .redirectErrorStream(true).start();
        String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, check.exitValue(), out);
        assertTrue(out.contains("sharing"), out);
    }
}
