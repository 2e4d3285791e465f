package io.repurpose.graph.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.neo4j.cli.AdminTool;
import org.neo4j.cli.ExecutionContext;
import org.neo4j.server.CommunityBootstrapper;

/**
 * Entry point of the child JVM that hosts the embedded Neo4j server (Bolt, HTTP, Browser).
 *
 * <pre>
 *   ServerMain serve HOME [ARGS-FILE]  start the server configured by HOME/conf/neo4j.conf; print READY;
 *                            stop when standard input closes (the parent exited) or on SIGTERM.
 *                            With ARGS-FILE (neo4j-admin arguments, one a line), run that admin
 *                            command first in the same JVM (the bulk import), saving a JVM start.
 *   ServerMain admin HOME ARGS...   run neo4j-admin in-process (bulk import, initial password)
 * </pre>
 *
 * The initial password comes from the environment variable {@code NEO4J_INITIAL_PASSWORD}, never from
 * the command line, so it does not show in a process listing.
 */
public final class ServerMain {
    static final String READY = "REPURPOSE-NEO4J-READY";

    private ServerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ServerMain serve HOME | admin HOME ARGS...");
            System.exit(2);
        }
        Path home = Path.of(args[1]).toAbsolutePath();
        switch (args[0]) {
            case "serve" -> System.exit(serve(home, args.length > 2 ? Path.of(args[2]) : null));
            case "admin" -> System.exit(admin(home, Arrays.copyOfRange(args, 2, args.length)));
            default -> {
                System.err.println("unknown command " + args[0]);
                System.exit(2);
            }
        }
    }

    static int admin(Path home, String... args) {
        ExecutionContext ctx = new ExecutionContext(home, home.resolve("conf"), System.out, System.err,
                InputStream.nullInputStream(), new org.neo4j.io.fs.DefaultFileSystemAbstraction());
        return AdminTool.execute(ctx, args);
    }

    private static int serve(Path home, Path adminArgs) throws IOException {
        if (adminArgs != null) {
            int rc = admin(home, Files.readAllLines(adminArgs).toArray(String[]::new));
            if (rc != 0) {
                System.err.println("neo4j-admin failed with exit code " + rc);
                return rc;
            }
        }
        String password = System.getenv("NEO4J_INITIAL_PASSWORD");
        Path authFile = home.resolve("data/dbms/auth.ini");
        if (password != null && !password.isEmpty() && !Files.exists(authFile)) {
            int rc = admin(home, "dbms", "set-initial-password", password);
            if (rc != 0) {
                System.err.println("set-initial-password failed with exit code " + rc);
                return rc;
            }
        }
        CommunityBootstrapper server = new CommunityBootstrapper();
        int rc = server.start(home, home.resolve("conf/neo4j.conf"), Map.of(), false, false);
        if (rc != 0) {
            System.err.println("Neo4j failed to start, exit code " + rc + "; see " + home.resolve("logs"));
            return rc;
        }
        PrintStream out = System.out;
        out.println(READY);
        out.flush();
        // The parent holds our stdin open; EOF means it went away (even by SIGKILL) or asks us to stop.
        // SIGTERM is handled by Neo4j's own shutdown hook.
        try {
            while (System.in.read() >= 0) {
                // ignore input
            }
        } catch (IOException ignored) {
            // stdin broken: same as closed
        }
        server.stop();
        return 0;
    }
}
