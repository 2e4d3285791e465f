package io.repurpose.api;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Context;
import io.repurpose.graph.GraphConfig;
import io.repurpose.graph.GraphStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the one {@link GraphStore} of the application at start-up (in embedded mode this starts the
 * Neo4j server) and closes it on shutdown, which stops the embedded server.
 */
@Factory
final class GraphFactory {
    private static final Logger LOG = LoggerFactory.getLogger(GraphFactory.class);
    private final java.util.concurrent.atomic.AtomicBoolean opened = new java.util.concurrent.atomic.AtomicBoolean();

    @Context
    @Requires(notEnv = Main.CLI_ENVIRONMENT)
    @Bean(preDestroy = "close")
    GraphStore graphStore(Neo4jProperties properties) {
        // A @Scheduled task that fires while the context shuts down looks its bean up again, and that would
        // start a second embedded server after the first was stopped: one store per context, never two.
        if (!opened.compareAndSet(false, true)) {
            throw new IllegalStateException("the graph store was already opened and closed: the application is "
                    + "shutting down");
        }
        GraphStore prepared = StartCommand.takePreparedStore();
        if (prepared != null) {
            return prepared; // `start` already started Neo4j and loaded the data: one server start, not two
        }
        GraphConfig config = properties.toGraphConfig();
        LOG.info("opening graph store: {}", config.embedded()
                ? "embedded Neo4j under " + config.home().toAbsolutePath() : config.uri());
        GraphStore store = GraphStore.open(config);
        store.browserUrl().ifPresent(url -> LOG.info("Neo4j Browser: {} (user {})", url, config.user()));
        return store;
    }
}
