package io.repurpose.api;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.repurpose.graph.GraphStore;
import jakarta.inject.Singleton;

/**
 * Tells the person who started the server where to go: API, Swagger UI, Neo4j Browser with its
 * credentials, and example requests; after {@code start}, also what each step did and how long it took.
 */
@Singleton
@Requires(notEnv = Environment.TEST)
final class StartupBanner implements ApplicationEventListener<ServerStartupEvent> {
    /** The development password of application.yml: printed, as it is no secret; any other is not. */
    static final String DEV_PASSWORD = "repurpose-dev";

    private final GraphStore store;
    private final ApiKeysProperties keys;
    private final Environment environment;

    StartupBanner(GraphStore store, ApiKeysProperties keys, Environment environment) {
        this.store = store;
        this.keys = keys;
        this.environment = environment;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        String api = event.getSource().getURL().toString();
        System.out.println(text(api));
    }

    String text(String api) {
        String key = keys.readKeys().isEmpty() ? "<read key>" : keys.readKeys().get(0);
        String ingestKey = keys.ingestKeys().isEmpty() ? "<ingest key>" : keys.ingestKeys().get(0);
        boolean demo = environment.getActiveNames().contains(StartCommand.DEMO_ENVIRONMENT);
        StringBuilder sb = new StringBuilder("\n");
        List<StartCommand.Step> steps = StartCommand.steps();
        if (!steps.isEmpty()) {
            sb.append("  What start did:\n");
            steps.forEach(s -> sb.append("    ").append(s).append('\n'));
            sb.append(String.format(Locale.ROOT, "    ready %.1f s after the command started%n%n",
                    ManagementFactory.getRuntimeMXBean().getUptime() / 1e3));
        }
        sb.append("  Repurpose is running").append(demo ? " on the demo dataset" : "").append('\n');
        sb.append("    API            ").append(api).append("/api/v1   header ").append(keys.header()).append(": ")
                .append(key).append(" (").append(ingestKey).append(" may also POST documents)\n");
        sb.append("    Swagger UI     ").append(api).append("/swagger-ui/index.html\n");
        sb.append("    health         ").append(api).append("/health\n");
        if (store.browserUrl().isPresent()) {
            String password = DEV_PASSWORD.equals(store.config().password()) ? "password " + DEV_PASSWORD
                    : "the configured password (repurpose.neo4j.password)";
            sb.append("    Neo4j Browser  ").append(store.browserUrl().get()).append("   connect to ")
                    .append(store.boltUri()).append(", user ").append(store.config().user()).append(", ")
                    .append(password).append('\n');
            sb.append("                   Cypher cookbook: docs/analysts.md; colours: drag docs/repurpose.grass onto "
                    + "the Browser\n");
        } else {
            sb.append("    Neo4j          ").append(store.boltUri()).append(" (external)\n");
        }
        String curl = "    curl -H '" + keys.header() + ": " + key + "' '" + api + "/api/v1";
        sb.append("  Try:\n");
        sb.append(curl).append("/entities?q=metformin&limit=3'\n");
        sb.append(curl).append("/diseases/DOID:9352/candidates?limit=5&excludeKnown=true'\n");
        sb.append(curl).append("/drugs/DB00331/diseases/DOID:1612/explanation?paths=5'\n");
        sb.append("  The link-prediction model loads in the background (seconds on the demo, about a minute on all of "
                + "Hetionet);\n  candidate requests answer 503 until then. docs/researchers.md walks through the "
                + "rest with curl.\n  Ctrl-C stops the API and Neo4j.\n");
        return sb.toString();
    }
}
