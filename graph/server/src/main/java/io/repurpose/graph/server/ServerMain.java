package io.repurpose.graph.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.neo4j.cli.AdminTool;
import org.neo4j.cli.ExecutionContext;
import org.neo4j.server.CommunityBootstrapper;

/**
 * Entry point of the child JVM that hosts the embedded Neo4j server (Bolt, HTTP, Browser).
 *
 * <pre>
 *   ServerMain serve HOME [ARGS-FILE | -]  start the server configured by HOME/conf/neo4j.conf; print READY;
 *                            stop when standard input closes (the parent exited) or on SIGTERM.
 *                            With ARGS-FILE (neo4j-admin arguments, one a line), run that admin
 *                            command first in the same JVM (the bulk import), saving a JVM start.
 *                            With {@code -} the arguments come on standard input, one a line, ended by
 *                            an empty line, so the JVM starts while the parent still prepares the
 *                            import; standard input closed before that empty line means: stop, do nothing.
 *                            An empty argument list (just the empty line) is the signal to start: the
 *                            bulk import ran in its own JVM ({@code import}) and is done.
 *   ServerMain import HOME -   the bulk import's own short-lived JVM: read neo4j-admin arguments on standard
 *                            input as above, run them, exit with their code. Launched with C1 only: the
 *                            importer runs once for seconds, where C2's compilations cost more CPU than they
 *                            save, while the serving JVM keeps C2. Standard input closed before the empty line,
 *                            or during the import (the parent died), halts at once.
 *   ServerMain admin HOME ARGS...   run neo4j-admin in-process (bulk import, initial password)
 * </pre>
 *
 * The initial password comes from the environment variable {@code NEO4J_INITIAL_PASSWORD}, never from
 * the command line, so it does not show in a process listing.
 */
public final class ServerMain {
    static final String READY = "REPURPOSE-NEO4J-READY";
    /** {@code REPURPOSE-PHASE name epochMillis cpuMillis}: when this JVM reached a step, and its CPU time. */
    static final String PHASE = "REPURPOSE-PHASE";

    private ServerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ServerMain serve HOME [ARGS-FILE | -] | import HOME - | admin HOME ARGS...");
            System.exit(2);
        }
        phase("jvm");
        Path home = Path.of(args[1]).toAbsolutePath();
        switch (args[0]) {
            case "serve" -> System.exit(serve(home, args.length > 2 ? args[2] : null));
            case "admin" -> System.exit(admin(home, Arrays.copyOfRange(args, 2, args.length)));
            case "import" -> System.exit(importOnly(home));
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

    static void phase(String name) {
        long cpu = ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(-1L);
        System.out.println(PHASE + " " + name + " " + System.currentTimeMillis() + " " + cpu);
        System.out.flush();
    }

    /** Arguments one a line up to an empty line; null when standard input closed before it. */
    private static List<String> readArguments(BufferedReader stdin) throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = stdin.readLine()) != null && !line.isEmpty()) {
            lines.add(line);
        }
        return line == null ? null : lines;
    }

    private static int importOnly(Path home) throws IOException {
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        List<String> lines = readArguments(stdin);
        if (lines == null) {
            System.err.println("standard input closed before the import arguments: not importing");
            return 0;
        }
        phase("args");
        watchParent(stdin); // never serving: the parent going away halts the import
        int rc = admin(home, lines.toArray(String[]::new));
        if (rc == 0) {
            phase("admin");
        }
        return rc;
    }

    private static int serve(Path home, String adminArgs) throws IOException {
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        // first, while a bulk import may still be prepared or running elsewhere: it writes data/dbms only,
        // never a database's directories, and loads part of what the start needs
        String password = System.getenv("NEO4J_INITIAL_PASSWORD");
        Path authFile = home.resolve("data/dbms/auth.ini");
        if (password != null && !password.isEmpty() && !Files.exists(authFile)) {
            int rc = admin(home, "dbms", "set-initial-password", password);
            if (rc != 0) {
                System.err.println("set-initial-password failed with exit code " + rc);
                return rc;
            }
            phase("password");
        }
        List<String> lines = null;
        if (adminArgs != null) {
            if ("-".equals(adminArgs)) {
                lines = readArguments(stdin);
                if (lines == null) {
                    System.err.println("standard input closed before the import arguments: not starting");
                    return 0;
                }
                phase(lines.isEmpty() ? "go" : "args");
            } else {
                lines = Files.readAllLines(Path.of(adminArgs));
            }
        }
        java.util.concurrent.CountDownLatch parentGone = watchParent(stdin);
        if (lines != null && !lines.isEmpty()) {
            int rc = admin(home, lines.toArray(String[]::new));
            if (rc != 0) {
                System.err.println("neo4j-admin failed with exit code " + rc);
                return rc;
            }
            phase("admin");
        }
        CommunityBootstrapper server = new CommunityBootstrapper();
        int rc = server.start(home, home.resolve("conf/neo4j.conf"), Map.of(), false, false);
        if (rc != 0) {
            System.err.println("Neo4j failed to start, exit code " + rc + "; see " + home.resolve("logs"));
            return rc;
        }
        synchronized (SERVING) {
            SERVING.set(true);
        }
        phase("started");
        PrintStream out = System.out;
        out.println(READY);
        out.flush();
        try {
            parentGone.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stop();
        return 0;
    }

    private static final java.util.concurrent.atomic.AtomicBoolean SERVING = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * The parent holds our stdin open; EOF means it went away (even by SIGKILL) or asks us to stop. Watched
     * from the start, not only once the server is up: a parent killed during the bulk import or the start
     * must not leave this JVM running for minutes, holding the store and the ports. EOF before the server is
     * up halts at once (a later start recovers, a killed bulk import is redone); after, the server stops
     * cleanly. SIGTERM is handled by Neo4j's own shutdown hook.
     */
    private static java.util.concurrent.CountDownLatch watchParent(BufferedReader stdin) {
        java.util.concurrent.CountDownLatch gone = new java.util.concurrent.CountDownLatch(1);
        Thread watcher = new Thread(() -> {
            try {
                while (stdin.read() >= 0) {
                    // ignore input
                }
            } catch (IOException ignored) {
                // stdin broken: same as closed
            }
            synchronized (SERVING) {
                if (!SERVING.get()) {
                    System.err.println("parent gone before the server was up: exiting");
                    Runtime.getRuntime().halt(3);
                }
            }
            gone.countDown();
        }, "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
        return gone;
    }
}
