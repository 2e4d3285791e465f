package io.repurpose.api;

import java.util.Arrays;

import io.micronaut.runtime.Micronaut;

/**
 * The command line of Repurpose; the first argument picks the command, the rest go to it.
 * <pre>
 *   repurpose start [--data DIR] [--key=value ...]          load Hetionet and train if not done yet, then serve
 *   repurpose [serve] [--micronaut.server.port=8080 ...]   start the HTTP API (default)
 *   repurpose import-hetionet ...                          load Hetionet into Neo4j
 *   repurpose help
 * </pre>
 * Configuration of every command comes from application.yml, environment variables
 * ({@code REPURPOSE_NEO4J_URI}...) and {@code --key=value} arguments.
 */
public final class Main {
    /** Micronaut environment of the one-shot commands: configuration is bound, no server or store starts. */
    static final String CLI_ENVIRONMENT = "cli";

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 || args[0].startsWith("-") ? "serve" : args[0];
        String[] rest = args.length == 0 || args[0].startsWith("-") ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (command) {
            case "serve" -> Micronaut.run(Application.class, rest);
            case "start" -> {
                // the main job: load what is not loaded yet, then serve
                String[] importArgs = java.util.stream.Stream.concat(java.util.stream.Stream.of("--if-empty"),
                        Arrays.stream(rest)).toArray(String[]::new);
                int rc = ImportHetionetCommand.execute(importArgs, System.out, System.err);
                if (rc == 1 || rc == 2) {
                    System.exit(rc);
                }
                String[] settings = Arrays.stream(rest).filter(a -> a.startsWith("--") && a.contains("="))
                        .toArray(String[]::new);
                String[] trainArgs = java.util.stream.Stream.concat(java.util.stream.Stream.of("--if-missing"),
                        Arrays.stream(settings)).toArray(String[]::new);
                rc = TrainCommand.execute(trainArgs, System.out, System.err);
                if (rc != 0) {
                    System.exit(rc);
                }
                Micronaut.run(Application.class, settings);
            }
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

    private static void usage() {
        System.out.println("""
                usage: repurpose <command> [args]
                  start              the main job: load Hetionet (from --data DIR, default ../shared/data) if the
                                     database is empty, train the link-prediction model if there is none,
                                     then serve the API
                  serve              start the HTTP API (default); --micronaut.server.port=N to move it
                  import-hetionet    load Hetionet nodes and edges into Neo4j
                  train              train the link-prediction model and save it where the API loads it
                  ingest PATH...     ingest documents (PubMed XML, PubTator, clinical CSV, text) through the NLP pipeline
                  help               this text
                configuration: application.yml, environment (REPURPOSE_NEO4J_URI, REPURPOSE_NEO4J_PASSWORD,
                REPURPOSE_API_READ_KEYS, ...) or --key=value arguments""");
    }
}
