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
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.database.DatabaseContextProvider;
import org.neo4j.io.layout.DatabaseLayout;
import org.neo4j.kernel.database.AbstractDatabase;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.server.CommunityBootstrapper;

/**
 * Entry point of the child JVM that hosts the embedded Neo4j server (Bolt, HTTP, Browser).
 *
 * <pre>
 *   ServerMain serve HOME    start the server configured by HOME/conf/neo4j.conf; print READY;
 *                            stop when standard input closes (the parent exited) or on SIGTERM.
 *   ServerMain serve HOME swap STAGING DATABASE   start Neo4j at once (an empty DATABASE, created by the start),
 *                            while the bulk import's own JVM writes the store of database STAGING; then wait
 *                            for an empty line on standard input (the import is done), stop DATABASE inside
 *                            the running DBMS, move STAGING's store and transaction logs in its place, start it
 *                            again and print READY. Standard input closed before that line halts at once.
 *   ServerMain import HOME -   the bulk import's own short-lived JVM: read a {@link BulkImportRequest} on standard
 *                            input (its lines, ended by an empty line), read and check Hetionet's two files and
 *                            import them from memory with Neo4j's batch importer ({@link HetionetBulkImport}; no
 *                            CSV in between), exit with 0 when done. Launched with C1 only: the
 *                            importer runs once for seconds, where C2's compilations cost more CPU than they
 *                            save, while the serving JVM keeps C2. Standard input closed before the empty line,
 *                            or during the import (the parent died), halts at once.
 *   ServerMain admin HOME ARGS...   run a neo4j-admin command in-process (e.g. dbms set-initial-password)
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
            System.err.println("usage: ServerMain serve HOME [swap STAGING DATABASE] | import HOME - | admin HOME ARGS...");
            System.exit(2);
        }
        phase("jvm");
        Path home = Path.of(args[1]).toAbsolutePath();
        switch (args[0]) {
            case "serve" -> System.exit(args.length == 5 && "swap".equals(args[2])
                    ? serveSwapping(home, args[3], args[4]) : serve(home));
            case "admin" -> System.exit(admin(home, Arrays.copyOfRange(args, 2, args.length)));
            case "import" -> System.exit(importOnly(home));
            default -> {
                System.err.println("unknown command " + args[0]);
                System.exit(2);
            }
        }
    }

    /**
     * Runs a neo4j-admin command in this JVM. The one this module runs at every start of a new home,
     * {@code dbms set-initial-password}, is run as its own command object; {@code AdminTool} would first load
     * every admin command through a ServiceLoader and build its picocli model (JFR: 17 of the server JVM's 510
     * samples). Anything else goes through {@code AdminTool}.
     */
    static int admin(Path home, String... args) {
        ExecutionContext ctx = new ExecutionContext(home, home.resolve("conf"), System.out, System.err,
                InputStream.nullInputStream(), new org.neo4j.io.fs.DefaultFileSystemAbstraction());
        if (args.length >= 2 && "dbms".equals(args[0]) && "set-initial-password".equals(args[1])) {
            return runDirectly(ctx, new org.neo4j.commandline.admin.security.SetInitialPasswordCommand(ctx),
                    Arrays.copyOfRange(args, 2, args.length));
        }
        return AdminTool.execute(ctx, args);
    }

    /** Runs one admin command as {@code AdminTool} would run it as a subcommand (same factory and settings). */
    private static int runDirectly(ExecutionContext ctx, Object command, String... args) {
        picocli.CommandLine cmd = new picocli.CommandLine(command, new org.neo4j.cli.ContextInjectingFactory(ctx));
        cmd.setOut(new java.io.PrintWriter(ctx.out(), true));
        cmd.setErr(new java.io.PrintWriter(ctx.err(), true));
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        return cmd.execute(args);
    }

    static void phase(String name) {
        long cpu = ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(-1L);
        System.out.println(PHASE + " " + name + " " + System.currentTimeMillis() + " " + cpu);
        System.out.flush();
    }

    /** Lines up to an empty line (a bulk import request); null when standard input closed before it. */
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
            System.err.println("standard input closed before the import request: not importing");
            return 0;
        }
        phase("args");
        watchParent(stdin); // never serving: the parent going away halts the import
        int rc = HetionetBulkImport.run(home, BulkImportRequest.parse(lines), System.out, System.err);
        if (rc == 0) {
            phase("admin");
        }
        return rc;
    }

    /** Sets the initial password from the environment unless it is set; returns neo4j-admin's exit code. */
    private static int initialPassword(Path home) {
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
        return 0;
    }

    /**
     * The bulk path's server: Neo4j (Bolt, HTTP, plugins, the system database and an empty {@code database})
     * starts while the importer's JVM writes {@code staging}; when told the import is done, the imported store
     * replaces the empty one inside the running DBMS. Community has no STOP/START DATABASE command, so the
     * kernel's own database object is stopped and started (what those commands do in Enterprise).
     */
    private static int serveSwapping(Path home, String staging, String database) throws IOException {
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        // watched from the start: the parent going away before the swap (a failed or killed import) halts
        // this JVM at once, even during Neo4j's start; the next bulk import starts over
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch parentGone = watchParent(stdin, go);
        int rc = initialPassword(home);
        if (rc != 0) {
            return rc;
        }
        CommunityBootstrapper server = startNeo4j(home);
        if (server == null) {
            return 1;
        }
        phase("started");
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.stop();
            return 3;
        }
        phase("go");
        swapIn(server.getDatabaseManagementService(), staging, database);
        synchronized (SERVING) {
            SERVING.set(true);
        }
        phase("swapped");
        return serveUntilParentGone(server, parentGone);
    }

    /**
     * Stops {@code database} inside the running DBMS, replaces its store directory and transaction logs by
     * those of {@code staging} (same parent directories, so each move is a rename) and starts it again.
     */
    static void swapIn(DatabaseManagementService dbms, String staging, String database) throws IOException {
        GraphDatabaseAPI facade = (GraphDatabaseAPI) dbms.database(database);
        DatabaseLayout layout = facade.databaseLayout();
        Path storeDir = layout.databaseDirectory();
        Path txDir = layout.getTransactionLogsDirectory();
        Path stagingStore = storeDir.resolveSibling(staging);
        Path stagingTx = txDir.resolveSibling(staging);
        if (!Files.isDirectory(stagingStore)) {
            throw new IllegalStateException("no imported store at " + stagingStore);
        }
        @SuppressWarnings("unchecked")
        DatabaseContextProvider<?> provider = facade.getDependencyResolver()
                .resolveDependency(DatabaseContextProvider.class);
        AbstractDatabase db = provider.getDatabaseContext(database)
                .orElseThrow(() -> new IllegalStateException("no database " + database)).database();
        db.stop();
        deleteTree(storeDir);
        deleteTree(txDir);
        Files.move(stagingStore, storeDir);
        if (Files.isDirectory(stagingTx)) {
            Files.move(stagingTx, txDir);
        }
        db.start();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    private static int serve(Path home) throws IOException {
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int passwordRc = initialPassword(home);
        if (passwordRc != 0) {
            return passwordRc;
        }
        java.util.concurrent.CountDownLatch parentGone = watchParent(stdin);
        CommunityBootstrapper server = startNeo4j(home);
        if (server == null) {
            return 1;
        }
        synchronized (SERVING) {
            SERVING.set(true);
        }
        phase("started");
        return serveUntilParentGone(server, parentGone);
    }

    /** Starts Neo4j as HOME/conf/neo4j.conf says; null (after saying why) when it fails. */
    private static CommunityBootstrapper startNeo4j(Path home) {
        CommunityBootstrapper server = new CommunityBootstrapper();
        int rc = server.start(home, home.resolve("conf/neo4j.conf"), Map.of(), false, false);
        if (rc != 0) {
            System.err.println("Neo4j failed to start, exit code " + rc + "; see " + home.resolve("logs"));
            return null;
        }
        return server;
    }

    /** Prints READY, serves until the parent closes standard input, stops Neo4j. */
    private static int serveUntilParentGone(CommunityBootstrapper server,
                                            java.util.concurrent.CountDownLatch parentGone) {
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
        return watchParent(stdin, null);
    }

    /** As {@link #watchParent(BufferedReader)}; an empty input line counts {@code go} down, if given. */
    private static java.util.concurrent.CountDownLatch watchParent(BufferedReader stdin,
                                                                   java.util.concurrent.CountDownLatch go) {
        java.util.concurrent.CountDownLatch gone = new java.util.concurrent.CountDownLatch(1);
        Thread watcher = new Thread(() -> {
            try {
                String line;
                while ((line = stdin.readLine()) != null) {
                    if (go != null && line.isEmpty()) {
                        go.countDown();
                    }
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
