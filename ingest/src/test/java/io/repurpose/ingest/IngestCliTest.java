package io.repurpose.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class IngestCliTest {

    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = IngestCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void badUsageExitsWithTwoAndSaysWhy() {
        String[] none = run();
        assertEquals("2", none[0]);
        assertTrue(none[2].contains("usage: ingest"), none[2]);
        String[] unknown = run("--frobnicate", "1", "x.xml");
        assertEquals("2", unknown[0]);
        assertTrue(unknown[2].contains("unknown option --frobnicate"), unknown[2]);
        String[] missing = run("x.xml", "--workers");
        assertEquals("2", missing[0]);
        assertTrue(missing[2].contains("needs a value"), missing[2]);
        String[] badClass = run("--annotator-class", "no.such.Annotator", "x.xml");
        assertEquals("2", badClass[0]);
        assertTrue(badClass[2].contains("no.such.Annotator"), badClass[2]);
    }

    @Test
    void optionsBecomeTypedConfigs() {
        IngestCli.Options o = IngestCli.Options.parse(new String[] {"--workers", "3", "--batch", "7", "--queue", "9",
                "--progress", "0", "--quarantine", "q", "--neo4j", "bolt://127.0.0.1:7687", "--password", "secret",
                "a.xml.gz", "notes/"});
        assertEquals(List.of(Path.of("a.xml.gz"), Path.of("notes/")), o.paths);
        IngestConfig c = o.ingestConfig();
        assertEquals(3, c.workers());
        assertEquals(7, c.batchSize());
        assertEquals(9, c.queueCapacity());
        assertEquals(Duration.ZERO, c.progressInterval());
        assertEquals(Path.of("q"), c.quarantineDir());
        assertEquals("bolt://127.0.0.1:7687", o.graphConfig().uri());
        assertThrows(IllegalArgumentException.class,
                () -> IngestCli.Options.parse(new String[] {"--workers", "many", "x"}).ingestConfig());
    }

    @Test
    void configRejectsBadValuesByName() {
        IngestConfig d = IngestConfig.defaults();
        assertEquals(Math.max(1, Runtime.getRuntime().availableProcessors()), d.workers());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.withWorkers(0));
        assertTrue(e.getMessage().contains("workers") && e.getMessage().contains("0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> d.withBatchSize(-5));
        assertTrue(e.getMessage().contains("-5"), e.getMessage());
    }
}
