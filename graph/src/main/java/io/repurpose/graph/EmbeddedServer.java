package io.repurpose.graph;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.repurpose.graph.server.ImportReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Neo4j 5.26 server in a child JVM with its own classpath (module graph/server), so that its
 * netty 4.1 and jersey never meet the application's classpath. The child stops when this object is
 * closed, and also when the parent dies (it watches its standard input).
 */
final class EmbeddedServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServer.class);
    static final String MAIN = "io.repurpose.graph.server.ServerMain";
    static final String CLASSPATH_RESOURCE = "io/repurpose/graph/server/neo4j-server.classpath";
    private static final String READY = "REPURPOSE-NEO4J-READY";

    private static final String PHASE = "REPURPOSE-PHASE";

    /**
     * JVM options of the bulk importer's own JVM: C1 only (the importer runs once, for seconds: C2's
     * compilations cost more CPU than they save; measured 14.6 against 26.6 CPU s for the Hetionet import)
     * and the parallel collector. The serving JVM keeps C2.
     */
    static final List<String> IMPORTER_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseParallelGC");
    /**
     * JVM options of the serving JVM: G1, and C2 compiles a method after 4x the default invocations and loop
     * iterations (Tier4 thresholds). Starting Neo4j, creating the schema and the first queries compiled 1,400
     * methods with C2, most of them run a few thousand times only during the start; C1 and, for what stays
     * hot, C2 still compile everything that serves. Start, schema and first queries on the same imported
     * store, two pairs at load 10-21: 33.1/29.0 against 41.9/36.9 server CPU s. The young generation is set too,
     * from the heap ({@link #youngGeneration}).
     */
    static final List<String> SERVER_OPTIONS = List.of("-XX:+UseG1GC", "-XX:Tier4InvocationThreshold=20000",
            "-XX:Tier4MinInvocationThreshold=2400", "-XX:Tier4CompileThreshold=60000",
            "-XX:Tier4BackEdgeThreshold=160000");
    /**
     * JVM options of a Bolt-only server ({@code import-hetionet}: it answers the bulk import's own schema and
     * count queries and stops, seconds after its start): the importer's, C1 only and the parallel collector.
     * The serving JVM of {@code start} keeps C2 ({@link #SERVER_OPTIONS}): it trains and serves the application.
     * Whole {@code bulk} path, alternating pairs at load 8-10: server CPU at the first query 13.8 / 14.7
     * against 22.4 / 21.5 s.
     */
    static final List<String> SHORT_LIVED_SERVER_OPTIONS = IMPORTER_OPTIONS;
    /**
     * The database the bulk importer writes; the server's JVM, started at once on an empty default database,
     * swaps it in when the import is done ({@code ServerMain serve HOME swap}).
     */
    static final String STAGING_DATABASE = "repurpose-bulk-staging";
    /** Phases of the importer's JVM are named with this prefix. */
    static final String IMPORT_PHASE = "import:";
    /** Where the class-data-sharing archive of the server classpath is kept ({@link ClassArchive}). */
    static final Path CDS_DIR = Path.of(System.getProperty("user.home"), ".cache", "repurpose", "cds");

    private final Process process;
    /** The command line the server's JVM was started with. */
    private final List<String> command;
    /** Bolt only: no HTTP/Browser, no GDS or APOC procedures ({@link #launch(GraphConfig, boolean, PrintStream, boolean)}). */
    private final boolean boltOnly;
    /** The bulk importer's JVM, or null. */
    private final Process importer;
    private final int boltPort;
    private final int httpPort;
    private final Path console;
    private final long launched;
    private final CountDownLatch ready = new CountDownLatch(1);
    /** The server JVM reported its {@code started} phase (Neo4j up; before the swap on the bulk path). */
    private final CountDownLatch started = new CountDownLatch(1);
    private final List<Phase> phases = new ArrayList<>();
    private volatile Integer importFailure;
    /** What the importer's JVM reported reading ({@link #importerReport}). */
    private final ImportReport.Collector importReport = new ImportReport.Collector();
    /** The thread that reads the importer JVM's output, or null. */
    private volatile Thread importerPump;
    private final ClassArchive cds;
    /** The child JVMs' class lists, when they ran without a class-data-sharing archive; dumped at the stop. */
    private final List<Path> classLists;

    private EmbeddedServer(Process process, List<String> command, Process importer, boolean boltOnly, int boltPort,
                           int httpPort, Path console, long launched, ClassArchive cds, List<Path> classLists) {
        this.command = List.copyOf(command);
        this.boltOnly = boltOnly;
        this.cds = cds;
        this.classLists = classLists;
        this.process = process;
        this.importer = importer;
        this.boltPort = boltPort;
        this.httpPort = httpPort;
        this.console = console;
        this.launched = launched;
    }

    int boltPort() {
        return boltPort;
    }

    int httpPort() {
        return httpPort;
    }

    /** Whether this server serves Bolt only (no HTTP/Browser, no plugin procedures). */
    boolean boltOnly() {
        return boltOnly;
    }

    /** Starts the server and waits until Bolt answers. */
    static EmbeddedServer start(GraphConfig config) {
        EmbeddedServer server = launch(config, false, null);
        server.awaitReady(config.startTimeout());
        return server;
    }

    /**
     * Starts the server's JVM and returns at once. With {@code importFirst} the bulk importer's JVM starts
     * too and waits for its request ({@link #runImportFirst}); the server's JVM starts Neo4j on an empty
     * database and swaps the imported store in when that import finished. Both JVMs start and load their classes while the
     * caller prepares the import. The children's output is echoed to {@code echo} until the server is
     * ready, if given.
     */
    static EmbeddedServer launch(GraphConfig config, boolean importFirst, PrintStream echo) {
        return launch(config, importFirst, echo, false);
    }

    /**
     * As {@link #launch(GraphConfig, boolean, PrintStream)}; with {@code boltOnly} the server serves Bolt and
     * nothing else: no HTTP server or Neo4j Browser and an empty plugins directory (no GDS or APOC
     * procedures; their classes stay on the classpath, unused). For a server that only answers the bulk
     * import's own queries and stops ({@code import-hetionet}): linking and compiling the 15 plugin jars'
     * 649 procedures and 270 functions was about 6 of the start's CPU seconds, HTTP about 1.5 (session 7).
     */
    static EmbeddedServer launch(GraphConfig config, boolean importFirst, PrintStream echo, boolean boltOnly) {
        Path home = config.home().toAbsolutePath();
        int[] ports = ports(config.boltPort(), config.httpPort());
        int bolt = ports[0];
        int http = ports[1];
        requireFree(bolt, "Bolt");
        if (!boltOnly) {
            requireFree(http, "HTTP");
        }
        writeConfig(home, config, bolt, http, boltOnly);
        if (!boltOnly) {
            linkPlugins(home);
        }
        ClassArchive cds = new ClassArchive(CDS_DIR, serverDependencies());
        List<Path> lists = new ArrayList<>();
        List<String> cmd = javaCommand(config.serverHeap(), serverOptions(boltOnly, config.serverHeap()),
                classSharing(cds, "server", lists));
        cmd.addAll(List.of("serve", home.toString()));
        if (importFirst) {
            cmd.addAll(List.of("swap", STAGING_DATABASE, config.database()));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true);
        pb.environment().put("NEO4J_INITIAL_PASSWORD", config.password());
        LOG.info("starting embedded Neo4j in {} (bolt 127.0.0.1:{}, http 127.0.0.1:{})", home, bolt, http);
        long launched = System.currentTimeMillis();
        Process process;
        Process importer = null;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new GraphException("could not start the embedded Neo4j JVM: " + e.getMessage(), e);
        }
        if (importFirst) {
            List<String> imp = javaCommand(config.serverHeap(), IMPORTER_OPTIONS, classSharing(cds, "importer", lists));
            imp.addAll(List.of("import", home.toString(), "-"));
            try {
                importer = new ProcessBuilder(imp).redirectErrorStream(true).start();
            } catch (IOException e) {
                stop(process);
                throw new GraphException("could not start the bulk importer's JVM: " + e.getMessage(), e);
            }
        }
        EmbeddedServer server = new EmbeddedServer(process, cmd, importer, boltOnly, bolt, http,
                home.resolve("logs/console.log"), launched, cds, lists);
        server.pump(process, "", echo);
        if (importer != null) {
            server.importerPump = server.pump(importer, IMPORT_PHASE, echo);
        }
        return server;
    }

    /**
     * Sends the import to the importer's JVM of a server launched to import first: a
     * {@link io.repurpose.graph.server.BulkImportRequest}'s lines. When that import succeeded and
     * {@code beforeSwap} is done too (work on the empty database, such as {@link GraphStore#warmUpSchema}; its
     * failure does not stop the import: it is logged), the server's JVM is told to swap the imported store in. A failed import stops the server's JVM: {@link #awaitReady} then
     * reports it.
     */
    void runImportFirst(List<String> lines, java.util.concurrent.Future<?> beforeSwap) {
        if (importer == null) {
            throw new IllegalStateException("this server was not launched to import first");
        }
        StringBuilder sb = new StringBuilder();
        for (String a : lines) {
            if (a.isEmpty() || a.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("an import line must be one non-empty line: '" + a + "'");
            }
            sb.append(a).append('\n');
        }
        sb.append('\n');
        send(importer, sb.toString(), "the bulk importer's JVM");
        Thread waiter = new Thread(() -> {
            try {
                int rc = importer.waitFor();
                if (rc == 0) {
                    try {
                        beforeSwap.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        LOG.info("before the swap (on the empty database): {}", e.getCause().toString());
                    }
                    send(process, "\n", "the embedded Neo4j JVM");
                } else {
                    importFailure = rc;
                    process.getOutputStream().close(); // the server's JVM exits without starting
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | GraphException e) {
                LOG.debug("after the import: {}", e.toString());
            }
        }, "neo4j-import-wait");
        waiter.setDaemon(true);
        waiter.start();
    }

    /**
     * What the importer's JVM reported reading (counts, problems, or a strict-mode failure); once it has exited,
     * after all its output was read.
     */
    ImportReport.Collector importerReport() {
        Thread pump = importerPump;
        if (pump != null && importer != null && !importer.isAlive()) {
            try {
                pump.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return importReport;
    }

    /** Whether the bulk importer's JVM has exited (done or failed); false if there is none. */
    boolean importFinished() {
        return importer != null && !importer.isAlive();
    }

    private void send(Process to, String text, String what) {
        try {
            OutputStream in = to.getOutputStream();
            in.write(text.getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new GraphException(what + " is gone (" + e.getMessage() + "); see " + console
                    + ":\n" + tail(console, 30), e);
        }
    }

    /**
     * Waits until the server's JVM reports Neo4j started (on the bulk path: on the empty database, before
     * the swap); false if it exited first or {@code timeout} passed.
     */
    boolean awaitStarted(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!started.await(100, TimeUnit.MILLISECONDS)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                return false;
            }
        }
        return true;
    }

    /** Waits until the server answers on Bolt; stops it and throws if it exits or takes too long. */
    void awaitReady(Duration timeout) {
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!ready.await(100, TimeUnit.MILLISECONDS)) {
                if (!process.isAlive() && importFailure != null) {
                    throw new GraphException("the bulk import failed with exit code " + importFailure
                            + "; last lines of " + console + ":\n" + tail(console, 30));
                }
                if (!process.isAlive()) {
                    throw new GraphException("embedded Neo4j exited with code " + process.exitValue()
                            + " before it was ready; last lines of " + console + ":\n" + tail(console, 30));
                }
                if (System.nanoTime() > deadline) {
                    close();
                    throw new GraphException("embedded Neo4j not ready after " + timeout + "; see " + console);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new GraphException("interrupted while starting Neo4j", e);
        }
    }

    /**
     * When the child JVMs reached each step ({@code jvm}: main() entered, {@code go}: told the import is done,
     * {@code password}, {@code started}; the importer's JVM: {@code import:jvm}, {@code import:args},
     * {@code import:admin}: the import finished), in ms since the launch, with that JVM's CPU ms then.
     */
    List<Phase> phases() {
        synchronized (phases) {
            return List.copyOf(phases);
        }
    }

    /**
     * One step of the child JVM.
     *
     * @param name   the step
     * @param millis wall time since the launch
     * @param cpu    the child's CPU time so far, ms
     */
    record Phase(String name, long millis, long cpu) {
    }

    /**
     * The server JVM's options: C1 only for a Bolt-only server, which lives for seconds; else C2 for serving, with
     * a young generation of a quarter of {@code heap} ({@link #youngGeneration}).
     */
    static List<String> serverOptions(boolean boltOnly, String heap) {
        if (boltOnly) {
            return SHORT_LIVED_SERVER_OPTIONS;
        }
        List<String> options = new ArrayList<>(SERVER_OPTIONS);
        options.add(youngGeneration(heap));
        return options;
    }

    /**
     * {@code -Xmn} of a quarter of the serving JVM's heap ({@code heap} as {@code -Xmx} takes it: {@code 4g},
     * {@code 512m}, ...). Left to itself G1 sized the young generation from its pause goal and kept it at
     * 60-300 MB on the Bolt MERGE load (44 young collections in the 130 s edge phase, each copying the state of
     * the transactions in flight); with a fixed quarter of the 4 GB heap the server's CPU over the whole edge
     * file fell by 8 % and 16 % (two concurrent same-window pairs against G1 alone at load 13-18, session 11), and
     * by 20 % in the import benchmark's merge run (99.7 against 79.5 CPU s, 5,151 against 6,834 rels/s, load 8-14).
     */
    static String youngGeneration(String heap) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)([kKmMgGtT]?)").matcher(heap.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("server heap must be a JVM size such as 2g or 512m: '" + heap + "'");
        }
        long kib = switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
            case "" -> Long.parseLong(m.group(1)) / 1024;
            case "k" -> Long.parseLong(m.group(1));
            case "m" -> Long.parseLong(m.group(1)) * 1024;
            case "g" -> Long.parseLong(m.group(1)) * 1024 * 1024;
            default -> Long.parseLong(m.group(1)) * 1024 * 1024 * 1024;
        };
        if (kib < 4 * 1024) {
            throw new IllegalArgumentException("server heap must be at least 4m: '" + heap + "'");
        }
        return "-Xmn" + kib / 4 + "k";
    }

    /** The class-data-sharing options of one child JVM; a class list it is to record is added to {@code lists}. */
    private static List<String> classSharing(ClassArchive cds, String what, List<Path> lists) {
        Path list = cds.newList(what);
        List<String> options = cds.options(list);
        if (!cds.exists()) {
            lists.add(list);
        }
        return options;
    }

    private static List<String> javaCommand(String heap, List<String> options, List<String> sharing) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heap);
        cmd.addAll(options);
        cmd.addAll(sharing);
        cmd.add("-Dfile.encoding=UTF-8");
        cmd.add("-Dlog4j2.disable.jmx=true");
        cmd.add("-cp");
        cmd.add(serverClasspath());
        cmd.add(MAIN);
        return cmd;
    }

    /**
     * The classpath graph/server's build wrote down, followed by that module's jar (or classes directory):
     * the jars first, so that they can be archived for class-data sharing, which refuses a directory.
     */
    static String serverClasspath() {
        return serverDependencies() + java.io.File.pathSeparator + serverRoot();
    }

    /** The graph/server jar or classes directory. */
    private static String serverRoot() {
        URL resource = classpathResource();
        try {
            if ("jar".equals(resource.getProtocol())) {
                String s = resource.getPath(); // file:/x/y.jar!/io/...
                return Path.of(new URL(s.substring(0, s.indexOf("!/"))).toURI()).toString();
            }
            Path file = Path.of(resource.toURI());
            return file.getParent().getParent().getParent().getParent().getParent().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new GraphException("bad classpath resource URL " + resource, e);
        }
    }

    /** The jars of the server's classpath, as graph/server's build wrote them down. */
    static String serverDependencies() {
        URL resource = classpathResource();
        try (InputStream in = resource.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URL classpathResource() {
        URL resource = EmbeddedServer.class.getClassLoader().getResource(CLASSPATH_RESOURCE);
        if (resource == null) {
            throw new GraphException("the embedded Neo4j classpath (" + CLASSPATH_RESOURCE
                    + ") is not on the classpath: build with `mvn install` so module graph/server writes it");
        }
        return resource;
    }

    /** The plugins directory of a Bolt-only server: always empty. */
    static final String NO_PLUGINS = "run/no-plugins";

    private static void writeConfig(Path home, GraphConfig config, int bolt, int http, boolean boltOnly) {
        try {
            for (String dir : List.of("conf", "data", "logs", "plugins", "import", "run", NO_PLUGINS)) {
                Files.createDirectories(home.resolve(dir));
            }
            Map<String, String> settings = new java.util.LinkedHashMap<>();
            settings.put("server.default_listen_address", "127.0.0.1");
            settings.put("server.default_advertised_address", "127.0.0.1");
            settings.put("server.bolt.enabled", "true");
            settings.put("server.bolt.listen_address", "127.0.0.1:" + bolt);
            settings.put("server.http.enabled", Boolean.toString(!boltOnly));
            settings.put("server.http.listen_address", "127.0.0.1:" + http);
            settings.put("server.https.enabled", "false");
            settings.put("server.directories.data", home.resolve("data").toString());
            settings.put("server.directories.logs", home.resolve("logs").toString());
            settings.put("server.directories.plugins", home.resolve(boltOnly ? NO_PLUGINS : "plugins").toString());
            settings.put("server.directories.import", home.resolve("import").toString());
            settings.put("server.directories.run", home.resolve("run").toString());
            settings.put("server.memory.pagecache.size", config.pageCache());
            settings.put("dbms.security.auth_enabled", "true");
            settings.put("dbms.security.procedures.unrestricted", "gds.*,apoc.*");
            settings.put("dbms.usage_report.enabled", "false");
            // Bolt waited 5 s for idle connections and 5 s for its thread pool at every stop (debug.log); our
            // driver is closed before the server stops, so nothing is left to wait for
            settings.put("internal.server.bolt.connection_shutdown_wait_time", "1s");
            settings.put("internal.server.bolt.thread_pool_shutdown_wait_time", "1s");
            settings.put("initial.dbms.default_database", config.database());
            StringBuilder sb = new StringBuilder("# written by Repurpose at every start; edit GraphConfig instead\n");
            settings.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
            Files.writeString(home.resolve("conf/neo4j.conf"), sb.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new GraphException("cannot prepare Neo4j home " + home + ": " + e.getMessage(), e);
        }
    }

    /**
     * Neo4j registers procedures only from jars in the plugins directory, not from the classpath
     * (DEPENDENCIES.md, GDS): link the GDS and APOC jars that declare procedures or functions there. The
     * classes still load once, from the application class loader (the plugin loader delegates parent-first).
     * Only those jars: Neo4j loads and inspects every class of every plugin jar at each start, and the 100
     * other GDS jars (5,000 classes: algorithms, memory estimation, ...) declare none; they load from the
     * classpath when a procedure first needs them. Links to server jars that are no longer selected (homes
     * made before) are removed; anything else in the directory is left alone.
     */
    private static void linkPlugins(Path home) {
        Path plugins = home.resolve("plugins");
        for (String entry : serverClasspath().split(java.io.File.pathSeparator)) {
            String unix = entry.replace('\\', '/');
            if (!unix.endsWith(".jar") || !(unix.contains("/org/neo4j/gds/") || unix.contains("/org/neo4j/procedure/apoc"))) {
                continue;
            }
            Path jar = Path.of(entry);
            Path link = plugins.resolve(jar.getFileName().toString());
            if (!declaresProcedures(jar.getFileName().toString())) {
                try {
                    Files.deleteIfExists(link);
                } catch (IOException e) {
                    throw new GraphException("cannot remove " + link + ": " + e.getMessage(), e);
                }
                continue;
            }
            try {
                if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createSymbolicLink(link, jar.toAbsolutePath());
                }
            } catch (IOException | UnsupportedOperationException e) {
                try {
                    Files.copy(jar, link, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException copy) {
                    throw new GraphException("cannot put plugin " + jar + " into " + plugins + ": " + copy.getMessage(), copy);
                }
            }
        }
    }

    /**
     * Whether a GDS or APOC jar of the server classpath may declare procedures or functions: GDS's
     * {@code proc*} and {@code alpha-proc*} modules (13 of 15 do) and {@code apoc-core}. {@code PluginJarsTest}
     * scans every class of the server classpath for {@code @Procedure}, {@code @UserFunction} and
     * {@code @UserAggregationFunction} and checks that every jar that has them is picked.
     */
    static boolean declaresProcedures(String jarName) {
        return jarName.startsWith("proc-") || jarName.startsWith("alpha-proc-") || jarName.startsWith("apoc-core-");
    }

    /**
     * Copies a child's output to the console log (phases of the importer named with {@code prefix}; its import
     * report collected); returns the thread doing it.
     */
    private Thread pump(Process child, String prefix, PrintStream echo) {
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
                 OutputStream log = Files.newOutputStream(console, StandardOpenOption.CREATE,
                         StandardOpenOption.APPEND)) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (child == process && line.contains(READY)) {
                        ready.countDown();
                    } else if (line.startsWith(PHASE + " ")) {
                        String[] f = line.split(" ");
                        if (f.length == 4) {
                            synchronized (phases) {
                                phases.add(new Phase(prefix + f[1], Long.parseLong(f[2]) - launched,
                                        Long.parseLong(f[3])));
                            }
                            if (child == process && "started".equals(f[1])) {
                                started.countDown();
                            }
                        }
                    } else if (child == importer && importReport.accept(line)) {
                        LOG.debug("importer: {}", line);
                    } else if (echo != null && ready.getCount() > 0) {
                        echo.println("  neo4j: " + line);
                    }
                    log.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    log.flush();
                }
            } catch (IOException | IllegalArgumentException e) {
                LOG.warn("console of embedded Neo4j: {}", e.toString());
            }
        }, prefix.isEmpty() ? "neo4j-console" : "neo4j-import-console");
        pump.setDaemon(true);
        pump.start();
        return pump;
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    /**
     * The Bolt and HTTP ports, a 0 replaced by a free port on 127.0.0.1. Both free ports are taken while
     * both sockets are open: picked one after the other, the kernel may hand out the same port twice (seen
     * in CI: Bolt and HTTP both on 33101, and HTTP then failed to bind).
     */
    static int[] ports(int bolt, int http) {
        try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ServerSocket b = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int first = bolt != 0 ? bolt : a.getLocalPort() != http ? a.getLocalPort() : b.getLocalPort();
            int second = http != 0 ? http : a.getLocalPort() != first ? a.getLocalPort() : b.getLocalPort();
            return new int[]{first, second};
        } catch (IOException e) {
            throw new GraphException("no free port on 127.0.0.1", e);
        }
    }

    private static void requireFree(int port, String what) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
        } catch (IOException e) {
            throw new GraphException(what + " port 127.0.0.1:" + port
                    + " is in use (is another Neo4j or Repurpose running?); choose another port", e);
        }
    }

    /** The command line the server's JVM was started with (java, its options, classpath, main class, arguments). */
    List<String> command() {
        return command;
    }

    ProcessHandle process() {
        return process.toHandle();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Stops the server: closes its stdin (it shuts down cleanly), then SIGTERM, then SIGKILL. An importer's
     * JVM still running is stopped first (closing its stdin halts it).
     */
    @Override
    public void close() {
        if (importer != null) {
            stop(importer);
        }
        stop(process);
        if (!classLists.isEmpty()) {
            cds.dumpInBackground(List.copyOf(classLists));
            classLists.clear();
        }
    }

    private static void stop(Process p) {
        if (!p.isAlive()) {
            return;
        }
        try {
            p.getOutputStream().close();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroy();
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (IOException e) {
            p.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }
}
