package io.repurpose.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;

/**
 * The command line of Repurpose; the first argument picks the command, the rest go to it.
 * <pre>
 *   repurpose start [--full] [--key=value ...]     prepare what is not done yet (graph, documents, model), then serve
 *   repurpose [serve] [--demo] [--key=value ...]   start the HTTP API (default)
 *   repurpose import-hetionet | train | ingest ... one step on its own
 *   repurpose help
 * </pre>
 * Configuration of every command comes from application.yml (application-demo.yml on top with
 * {@code --demo}, which is also {@code start}'s default), environment variables
 * ({@code REPURPOSE_NEO4J_URI}...) and {@code --key=value} arguments.
 */
public final class Main {
    /** Micronaut environment of the one-shot commands: configuration is bound, no server or store starts. */
    static final String CLI_ENVIRONMENT = "cli";
    /** The flag that selects the demo's database and models (application-demo.yml). */
    static final String DEMO_FLAG = "--demo";

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 || args[0].startsWith("-") ? "serve" : args[0];
        String[] rest = args.length == 0 || args[0].startsWith("-") ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (command) {
            case "serve" -> {
                boolean demo = Arrays.asList(rest).contains(DEMO_FLAG);
                String[] settings = Arrays.stream(rest).filter(a -> !a.equals(DEMO_FLAG)).toArray(String[]::new);
                Micronaut.build(settings).mainClass(Application.class)
                        .environments(environments(demo)).start();
            }
            case "start" -> StartCommand.run(rest);
            case "import-hetionet" -> ImportHetionetCommand.run(rest);
            case "train" -> TrainCommand.run(rest);
            case "ingest" -> IngestCommand.run(rest);
            case "help", "-h", "--help" -> usage();
            default -> {
                System.err.println("unknown command '" + command + "'");
                usage();
                System.exit(2);
            }
        }
    }

    /**
     * The configuration of a one-shot command (nothing starts): {@code --key=value} settings on top of the
     * environment and application.yml, and application-demo.yml when {@code environments} names the demo.
     */
    static ApplicationContext cliContext(List<String> settings, String... environments) {
        List<String> envs = new ArrayList<>(List.of(CLI_ENVIRONMENT));
        envs.addAll(List.of(environments));
        // no health monitor: a one-shot context closes before its first run and the late scheduling fails noisily
        return ApplicationContext.builder().args(settings.toArray(String[]::new))
                .properties(java.util.Map.of("micronaut.health.monitor.enabled", false))
                .environments(envs.toArray(String[]::new)).start();
    }

    /** The environments a one-shot command's arguments ask for: the demo's with {@code --demo}. */
    static String[] environments(boolean demo) {
        return demo ? new String[] {StartCommand.DEMO_ENVIRONMENT} : new String[0];
    }

    private static void usage() {
        System.out.println("""
                usage: repurpose <command> [args]
                  start              the main job, on the bundled demo (demo/): start the embedded Neo4j, load the
                                     graph, ingest the sample documents, train the link-prediction model, write
                                     its predictions, serve the API; a second run reuses what is done.
                                     start --full: the same on the shared data (--data DIR, default ../shared/data)
                  serve              start the HTTP API (default); --demo serves the demo's database and model;
                                     --micronaut.server.port=N to move it
                  import-hetionet    load Hetionet nodes and edges into Neo4j
                  train              train the link-prediction model and save it where the API loads it
                  ingest PATH...     ingest documents (PubMed XML, PubTator, clinical CSV, text) through the NLP pipeline
                  help               this text
                train, ingest and import-hetionet take --demo to work on the demo's database and model.
                configuration: application.yml, environment (REPURPOSE_NEO4J_URI, REPURPOSE_NEO4J_PASSWORD,
                REPURPOSE_API_READ_KEYS, ...) or --key=value arguments""");
    }
}
