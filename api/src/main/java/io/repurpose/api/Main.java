package io.repurpose.api;

import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

import io.micronaut.runtime.Micronaut;

/**
 * The command line of Repurpose; the first argument picks the command, the rest go to it.
 * <pre>
 *   repurpose [serve] [--micronaut.server.port=8080 ...]   start the HTTP API (default)
 *   repurpose import-hetionet ...                          load Hetionet into Neo4j
 *   repurpose help
 * </pre>
 * Configuration of every command comes from application.yml, environment variables
 * ({@code REPURPOSE_NEO4J_URI}...) and {@code --key=value} arguments.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 || args[0].startsWith("-") ? "serve" : args[0];
        String[] rest = args.length == 0 || args[0].startsWith("-") ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (command) {
            case "serve" -> Micronaut.run(Application.class, rest);
            // import-hetionet: written by the graph owner as io.repurpose.api.ImportHetionetCommand.run(String[]).
            // Called reflectively until that class is committed; replace with a direct call then.
            case "import-hetionet" -> runCommand("io.repurpose.api.ImportHetionetCommand", rest);
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
                  serve              start the HTTP API (default); --micronaut.server.port=N to move it
                  import-hetionet    load Hetionet nodes and edges into Neo4j
                  help               this text
                configuration: application.yml, environment (REPURPOSE_NEO4J_URI, REPURPOSE_NEO4J_PASSWORD,
                REPURPOSE_API_READ_KEYS, ...) or --key=value arguments""");
    }

    private static void runCommand(String className, String[] rest) throws Exception {
        Class<?> c;
        try {
            c = Class.forName(className);
        } catch (ClassNotFoundException e) {
            System.err.println("command not available in this build: " + className + " is missing");
            System.exit(2);
            return;
        }
        try {
            c.getMethod("run", String[].class).invoke(null, (Object) rest);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }
}
