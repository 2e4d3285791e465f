package io.repurpose.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Stopping the application (what Ctrl-C does: the context closes) while its scheduled jobs run every
 * 50 ms and its embedded Neo4j takes a while to stop: the jobs stop first, nothing is logged at WARN or
 * ERROR (it used to log an ERROR stack trace per job run until the process exited: jobs re-created the
 * destroyed beans and found the store closed), and no job runs once the context is closed.
 */
class OrderlyShutdownTest {

    @Test
    void scheduledJobsStopBeforeTheGraphClosesAndNothingComplains() throws Exception {
        Path home = Files.createTempDirectory("repurpose-api-shutdown");
        Map<String, Object> p = new HashMap<>();
        p.put("repurpose.neo4j.uri", "embedded");
        p.put("repurpose.neo4j.home", home.toString());
        p.put("repurpose.neo4j.password", TestNeo4j.PASSWORD);
        p.put("repurpose.neo4j.bolt-port", "0");
        p.put("repurpose.neo4j.http-port", "0");
        p.put("repurpose.neo4j.server-heap", "512m");
        p.put("repurpose.neo4j.page-cache", "64m");
        p.put("repurpose.neo4j.start-timeout", "180s");
        p.put("micronaut.server.port", "-1");
        p.put("repurpose.search.refresh-interval", "50ms");
        p.put("repurpose.linkpred.refresh-interval", "50ms");
        p.put("repurpose.linkpred.model-directory", home.resolve("no-model").toString());
        p.put("repurpose.ingest.cron", "* * * * * *");
        p.put("repurpose.ingest.watch", home.resolve("watch").toString());

        Recorder log = new Recorder();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, p);
        try {
            // let every job run against the live graph: the index job has built the (empty) index
            EntityIndex index = server.getApplicationContext().getBean(EntityIndex.class);
            for (int i = 0; i < 600 && index.ready() == null; i++) {
                Thread.sleep(100);
            }
            assertTrue(index.ready() != null, "the index job ran");
            Thread.sleep(500);
            root.addAppender(log);
            log.start();
            long t0 = System.nanoTime();
            server.getApplicationContext().close(); // as the shutdown hook does on Ctrl-C
            long closeMillis = (System.nanoTime() - t0) / 1_000_000;
            int afterClose = log.events.size();
            Thread.sleep(500);
            List<String> complaints = log.events.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                    .map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()).toList();
            System.out.println("context closed in " + closeMillis + " ms; logged while closing: "
                    + log.events.stream().map(ILoggingEvent::getFormattedMessage).toList());
            assertEquals(List.of(), complaints, "nothing at WARN or ERROR while stopping");
            assertTrue(log.events.stream().anyMatch(e -> e.getFormattedMessage().startsWith("scheduled jobs stopped")),
                    "the jobs were stopped");
            assertEquals(afterClose, log.events.size(), "nothing runs after the context closed: "
                    + log.events.subList(afterClose, log.events.size()).stream()
                    .map(ILoggingEvent::getFormattedMessage).toList());
        } finally {
            root.detachAppender(log);
            if (server.getApplicationContext().isRunning()) {
                server.getApplicationContext().close();
            }
        }
    }

    /** Keeps every event logged while attached. */
    static final class Recorder extends AppenderBase<ILoggingEvent> {
        final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

        @Override
        protected void append(ILoggingEvent e) {
            events.add(e);
        }
    }
}
