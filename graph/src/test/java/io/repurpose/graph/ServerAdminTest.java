package io.repurpose.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server JVM's {@code ServerMain admin}: the command every new home runs ({@code dbms set-initial-password}) is
 * run without AdminTool and must still do its work; anything else goes through AdminTool and reports failures by
 * exit code and message.
 */
class ServerAdminTest {
    @TempDir
    Path home;

    private record Run(int exitCode, String output) {
    }

    private Run admin(String... args) throws Exception {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/neo4j.conf"), "server.directories.data=" + home.resolve("data") + "\n"
                + "server.directories.logs=" + home.resolve("logs") + "\n", StandardCharsets.UTF_8);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", EmbeddedServer.serverClasspath(), EmbeddedServer.MAIN, "admin", home.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "admin still running");
        return new Run(p.exitValue(), out);
    }

    @Test
    void initialPasswordIsWritten() throws Exception {
        Run run = admin("dbms", "set-initial-password", "a-long-enough-password");
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(Files.readString(home.resolve("data/dbms/auth.ini")).startsWith("neo4j:"));
    }

    @Test
    void anotherCommandGoesThroughAdminToolAndAFailureSaysWhy() throws Exception {
        Run missing = admin("database", "import", "full", "staging", "--nodes=" + home.resolve("no-such-file.tsv"));
        assertNotEquals(0, missing.exitCode(), missing.output());
        assertTrue(missing.output().contains("no-such-file.tsv"), missing.output());
        Run unknown = admin("no-such-command");
        assertNotEquals(0, unknown.exitCode(), unknown.output());
    }
}
