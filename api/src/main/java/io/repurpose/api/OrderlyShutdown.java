package io.repurpose.api;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the scheduled jobs (model refresh, search index refresh, the Neo4j probe, the watch-folder
 * ingestion, Micronaut's health monitor) when the application stops (Ctrl-C, SIGTERM, a test closing its
 * context), before any bean is destroyed: Micronaut publishes {@link ShutdownEvent} first and destroys
 * beans after, so no run starts any more, a running one is waited for (at most {@link #WAIT}, then
 * interrupted), and only then does the graph store close. Without this, jobs kept firing while the
 * embedded Neo4j stopped (seconds), found their beans destroyed, re-created them, and logged an ERROR
 * stack trace every interval until the process exited. Jobs that fail while {@link #stopping()} log
 * quietly instead of as errors.
 */
@Singleton
@Requires(notEnv = Main.CLI_ENVIRONMENT)
class OrderlyShutdown implements ApplicationEventListener<ShutdownEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(OrderlyShutdown.class);
    /** How long a running job (a model load, an index build) may take to notice the interrupt. */
    static final Duration WAIT = Duration.ofSeconds(10);

    private final ExecutorService scheduled;
    private volatile boolean stopping;

    OrderlyShutdown(@Named(TaskExecutors.SCHEDULED) ExecutorService scheduled) {
        this.scheduled = scheduled;
    }

    /** True once the application has begun to stop: a job failing now is part of stopping, not an error. */
    boolean stopping() {
        return stopping;
    }

    @Override
    public void onApplicationEvent(ShutdownEvent event) {
        stopping = true;
        long t0 = System.nanoTime();
        if (scheduled instanceof ScheduledThreadPoolExecutor pool) {
            pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // cron jobs are one-shot delays
        }
        scheduled.shutdown(); // no new run starts; a running one finishes against the live graph
        try {
            if (scheduled.awaitTermination(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.info("scheduled jobs stopped in {} ms", (System.nanoTime() - t0) / 1_000_000);
            } else {
                // interrupting a job inside a driver transaction breaks its Bolt connection (the driver then
                // warns and retries), so only a job still running after WAIT is interrupted
                scheduled.shutdownNow();
                LOG.info("a scheduled job still ran after {} s: interrupted; closing anyway", WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            scheduled.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
