package io.repurpose.api;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.repurpose.graph.GraphStore;
import jakarta.inject.Singleton;

/** Tells the person who started the server where to go: API, Swagger UI, Neo4j Browser, an example. */
@Singleton
@Requires(notEnv = Environment.TEST)
final class StartupBanner implements ApplicationEventListener<ServerStartupEvent> {
    private final GraphStore store;
    private final ApiKeysProperties keys;

    StartupBanner(GraphStore store, ApiKeysProperties keys) {
        this.store = store;
        this.keys = keys;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        String api = event.getSource().getURL().toString();
        String key = keys.readKeys().isEmpty() ? "<read key>" : keys.readKeys().get(0);
        StringBuilder sb = new StringBuilder("\n  Repurpose is running\n");
        sb.append("    API            ").append(api).append("/api/v1  (header ").append(keys.header())
                .append(": ").append(key).append(")\n");
        sb.append("    Swagger UI     ").append(api).append("/swagger-ui/index.html\n");
        sb.append("    health         ").append(api).append("/health\n");
        store.browserUrl().ifPresent(url -> sb.append("    Neo4j Browser  ").append(url).append("  (connect to ")
                .append(store.boltUri()).append(" as ").append(store.config().user())
                .append(" with the configured password, repurpose.neo4j.password)\n"));
        if (store.browserUrl().isEmpty()) {
            sb.append("    Neo4j          ").append(store.boltUri()).append(" (external)\n");
        }
        sb.append("  Try:\n    curl -H '").append(keys.header()).append(": ").append(key).append("' '").append(api)
                .append("/api/v1/entities?q=metformin&limit=5'\n");
        System.out.println(sb);
    }
}
