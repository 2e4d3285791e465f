package io.repurpose.graph;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.neo4j.driver.AccessMode;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Result;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.Value;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.neo4j.driver.exceptions.TransientException;
import org.neo4j.driver.summary.SummaryCounters;
import org.neo4j.driver.types.Entity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repurpose's one door to Neo4j. Every read and write goes through the Neo4j Java driver over Bolt,
 * in managed transactions ({@code executeRead}/{@code executeWrite}) so that the driver routes and
 * retries on a cluster exactly as on the embedded server. In the embedded mode (the default) opening
 * a store starts a real Neo4j 5.26 server in a child JVM and closing it stops the server.
 *
 * <p>Other modules never see driver types: they pass Cypher with parameters and get plain Java values
 * back (nodes and relationships as property maps).
 */
public final class GraphStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GraphStore.class);

    static final String HEALTH = "CALL dbms.components() YIELD name, versions, edition "
            + "RETURN name, versions[0] AS version, edition";
    static final String LABELS = "CALL db.labels() YIELD label RETURN label AS name";
    static final String RELATIONSHIP_TYPES = "CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType AS name";
    /**
     * One branch of {@link #counts}: nodes of label {@code %1$s} (escaped), named by parameter {@code $t%2$d}.
     * A label written in the pattern is a count-store read; the former dynamic filter
     * ({@code WHERE label IN labels(n)}) scanned every node once per label.
     */
    static final String COUNT_LABEL = "MATCH (n:%1$s) WITH count(n) AS c RETURN $t%2$d AS name, c";
    /** As {@link #COUNT_LABEL}, relationships of type {@code %1$s}. */
    static final String COUNT_TYPE = "MATCH ()-[r:%1$s]->() WITH count(r) AS c RETURN $t%2$d AS name, c";
    static final String FULLTEXT_INDEX = "entity_names";
    /** Concurrent sessions creating the uniqueness constraints. */
    static final int SCHEMA_WRITERS = 4;

    private final GraphConfig config;
    private final EmbeddedServer server;
    private final Driver driver;
    private final String uri;

    private GraphStore(GraphConfig config, EmbeddedServer server, Driver driver, String uri) {
        this.config = config;
        this.server = server;
        this.driver = driver;
        this.uri = uri;
    }

    /**
     * Opens the store: in embedded mode starts the server first; checks connectivity with a real query
     * and creates the schema (idempotent).
     */
    public static GraphStore open(GraphConfig config) {
        return open(config, config.embedded() ? EmbeddedServer.launch(config, false, null) : null);
    }

    /**
     * Opens the store on {@code server} (embedded; launched by the caller, waited for here until ready) or,
     * with {@code server == null}, on the external URI. Stops the server if the store cannot be opened.
     */
    static GraphStore open(GraphConfig config, EmbeddedServer server) {
        Objects.requireNonNull(config, "config");
        if (server != null) {
            try {
                server.awaitReady(config.startTimeout());
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        }
        String uri = server == null ? config.uri() : "bolt://127.0.0.1:" + server.boltPort();
        Driver driver = null;
        try {
            driver = driver(config, uri);
            driver.verifyConnectivity();
            GraphStore store = new GraphStore(config, server, driver, uri);
            store.ensureSchema();
            LOG.info("graph store ready at {}", uri);
            return store;
        } catch (RuntimeException e) {
            if (driver != null) {
                driver.close();
            }
            if (server != null) {
                server.close();
            }
            if (e instanceof GraphException) {
                throw e;
            }
            throw new GraphException("cannot connect to Neo4j at " + uri + ": " + e.getMessage(), e);
        }
    }

    private static Driver driver(GraphConfig config, String uri) {
        return GraphDatabase.driver(uri, AuthTokens.basic(config.user(), config.password()),
                Config.builder()
                        .withMaxTransactionRetryTime(config.maxRetryTime().toMillis(), TimeUnit.MILLISECONDS)
                        .withConnectionTimeout(config.connectionTimeout().toMillis(), TimeUnit.MILLISECONDS)
                        .withConnectionAcquisitionTimeout(acquisitionTimeout(config).toMillis(), TimeUnit.MILLISECONDS)
                        .withLogging(org.neo4j.driver.Logging.slf4j())
                        .build());
    }

    /**
     * Creates the schema on the empty database of a bulk path's server that is not ready yet (Neo4j started,
     * the imported store not swapped in), then closes the connection: the server JVM's first schema commands
     * (Cypher's parser and planner, the schema and index-population code, their class loading and JIT) and
     * this JVM's driver start then run while the importer still works, and the real schema step after the
     * swap meets warm code. The empty database and this schema are replaced by the swap. Once {@code stop}
     * is true (the import is done) no further statement is started: the swap waits for the warm-up, which
     * must not delay it (under load the server started late and the swap waited up to 7 s for the warm-up).
     */
    static void warmUpSchema(GraphConfig config, int boltPort, java.util.function.BooleanSupplier stop) {
        String uri = "bolt://127.0.0.1:" + boltPort;
        try (GraphStore warm = new GraphStore(config, null, driver(config, uri), uri)) {
            warm.ensureSchema(stop);
        }
    }

    /**
     * How long a session waits for a pooled connection: the connection timeout plus twice the retry time,
     * between 1 s and the driver's own default of 60 s (which the default timeouts keep).
     */
    static Duration acquisitionTimeout(GraphConfig config) {
        Duration d = config.connectionTimeout().plus(config.maxRetryTime().multipliedBy(2));
        if (d.compareTo(Duration.ofSeconds(60)) > 0) {
            return Duration.ofSeconds(60);
        }
        return d.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : d;
    }

    public GraphConfig config() {
        return config;
    }

    /** The Bolt URI the driver uses. */
    public String boltUri() {
        return uri;
    }

    /** Neo4j Browser's address, in embedded mode (not for a Bolt-only server). */
    public Optional<String> browserUrl() {
        return server == null || server.boltOnly() ? Optional.empty()
                : Optional.of("http://127.0.0.1:" + server.httpPort() + "/browser/");
    }

    /**
     * The schema: the full-text index (first: it fills in the background while the constraints are made)
     * and a uniqueness constraint on {@code identifier} per node kind.
     */
    static List<String> schemaStatements() {
        List<String> statements = new ArrayList<>();
        for (NodeKind kind : NodeKind.values()) {
            statements.add("CREATE CONSTRAINT " + kind.label().toLowerCase(java.util.Locale.ROOT)
                    + "_identifier IF NOT EXISTS FOR (n:" + kind.label() + ") REQUIRE n.identifier IS UNIQUE");
        }
        StringBuilder labels = new StringBuilder();
        for (NodeKind kind : NodeKind.values()) {
            labels.append(labels.length() == 0 ? "" : "|").append(kind.label());
        }
        statements.add(0, "CREATE FULLTEXT INDEX " + FULLTEXT_INDEX + " IF NOT EXISTS FOR (n:" + labels
                + ") ON EACH [n.name, n.synonyms]");
        return statements;
    }

    /**
     * Creates the schema ({@link #schemaStatements()}); safe to repeat. The full-text index comes first (it
     * fills in the background); the uniqueness constraints, one schema transaction each, then run on
     * {@link #SCHEMA_WRITERS} sessions at once: each one builds and checks its own small index, and most of
     * its time is waiting (index population, flushes), so they overlap well even on two cores. Returns when
     * every index and constraint is online.
     */
    public void ensureSchema() {
        ensureSchema(() -> false);
    }

    /**
     * As {@link #ensureSchema()}, but no statement (nor the final wait for the indexes) starts once {@code stop}
     * is true: the schema is then left incomplete (for the warm-up on the bulk path's empty database).
     */
    void ensureSchema(java.util.function.BooleanSupplier stop) {
        List<String> statements = schemaStatements();
        if (stop.getAsBoolean()) {
            return;
        }
        write(statements.get(0), Map.of());
        List<String> constraints = statements.subList(1, statements.size());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Math.min(SCHEMA_WRITERS, constraints.size()), r -> {
                    Thread t = new Thread(r, "schema-writer");
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<java.util.concurrent.Future<WriteResult>> created = new ArrayList<>();
            for (String c : constraints) {
                created.add(pool.submit(() -> stop.getAsBoolean() ? null : write(c, Map.of())));
            }
            for (java.util.concurrent.Future<WriteResult> f : created) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphException("interrupted while creating the schema", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new GraphException("creating the schema failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        if (!stop.getAsBoolean()) {
            run(session -> session.run("CALL db.awaitIndexes(300)").consume(), AccessMode.READ);
        }
    }

    /** A real round trip: the server's name, version and edition, and how long it took. */
    public Health health() {
        long t0 = System.nanoTime();
        try {
            Map<String, Object> row = read(HEALTH, Map.of()).get(0);
            return new Health(true, uri, String.valueOf(row.get("version")), String.valueOf(row.get("edition")),
                    Duration.ofNanos(System.nanoTime() - t0), null);
        } catch (RuntimeException e) {
            return new Health(false, uri, null, null, Duration.ofNanos(System.nanoTime() - t0), e.getMessage());
        }
    }

    /** Runs a read query in a managed read transaction and returns all rows. */
    public List<Map<String, Object>> read(String cypher, Map<String, Object> parameters) {
        return run(session -> session.executeRead(tx -> {
            Result result = tx.run(cypher, parameters);
            List<Map<String, Object>> rows = new ArrayList<>();
            while (result.hasNext()) {
                rows.add(toMap(result.next()));
            }
            return rows;
        }), AccessMode.READ);
    }

    /**
     * Streams the rows of a large read (projections, exports) to {@code sink} without holding them.
     * Runs as one auto-commit read (routed to a reader on a cluster) and is not retried, because rows
     * already handed out cannot be taken back; returns the number of rows.
     */
    public long stream(String cypher, Map<String, Object> parameters, Consumer<Map<String, Object>> sink) {
        return run(session -> {
            Result result = session.run(cypher, parameters);
            long n = 0;
            while (result.hasNext()) {
                sink.accept(toMap(result.next()));
                n++;
            }
            return n;
        }, AccessMode.READ);
    }

    /** Runs one write statement in a managed write transaction (retried on transient errors). */
    public WriteResult write(String cypher, Map<String, Object> parameters) {
        return writeAll(List.of(new Statement(cypher, parameters)));
    }

    /** Runs the statements in order in one managed write transaction: all or nothing. */
    public WriteResult writeAll(List<Statement> statements) {
        return run(session -> session.executeWrite(tx -> {
            WriteResult total = WriteResult.NONE;
            for (Statement s : statements) {
                total = total.plus(WriteResult.of(tx.run(s.cypher(), s.parameters()).consume().counters()));
            }
            return total;
        }), AccessMode.WRITE);
    }

    /**
     * Like {@link #write}, but the commit happens while this thread holds {@code commits}, taken once the
     * statement has run and given back when the commit is over: writers sharing the lock run their
     * statements in parallel and commit one at a time. Waits at most {@code wait} for the lock and then
     * commits anyway, so a commit blocked on a database lock can never hold the others up for longer.
     */
    WriteResult writeCommittingAlone(String cypher, Map<String, Object> parameters, ReentrantLock commits,
                                     Duration wait) {
        return run(session -> {
            boolean[] held = {false};
            try {
                return session.executeWrite(tx -> {
                    if (held[0]) { // the previous attempt's commit failed and is being retried
                        commits.unlock();
                        held[0] = false;
                    }
                    WriteResult result = WriteResult.of(tx.run(cypher, parameters).consume().counters());
                    try {
                        held[0] = commits.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new GraphException("interrupted while waiting to commit", e);
                    }
                    return result;
                });
            } finally {
                if (held[0]) {
                    commits.unlock();
                }
            }
        }, AccessMode.WRITE);
    }

    /** Node count per label (labels with nodes only), sorted by label. */
    public Map<String, Long> nodeCounts() {
        return nonZero(counts(tokens(LABELS), COUNT_LABEL));
    }

    /** Relationship count per type (types with relationships only), sorted by type. */
    public Map<String, Long> relationshipCounts() {
        return nonZero(counts(tokens(RELATIONSHIP_TYPES), COUNT_TYPE));
    }

    /** Relationship count of each of {@code types} (0 for a type without any, or unknown), sorted by type. */
    Map<String, Long> relationshipCounts(java.util.Collection<String> types) {
        return counts(List.copyOf(new java.util.TreeSet<>(types)), COUNT_TYPE);
    }

    private List<String> tokens(String query) {
        List<String> names = new ArrayList<>();
        for (Map<String, Object> row : read(query, Map.of())) {
            names.add((String) row.get("name"));
        }
        return names;
    }

    /**
     * The count of each token, in one read: a {@code UNION ALL} of one count-store read per token
     * ({@code template} with the escaped token and its index; the name comes back as a parameter).
     */
    private Map<String, Long> counts(List<String> tokens, String template) {
        Map<String, Long> counts = new TreeMap<>();
        if (tokens.isEmpty()) {
            return counts;
        }
        StringBuilder cypher = new StringBuilder();
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            cypher.append(i == 0 ? "" : " UNION ALL ")
                    .append(String.format(java.util.Locale.ROOT, template, escape(tokens.get(i)), i));
            parameters.put("t" + i, tokens.get(i));
        }
        for (Map<String, Object> row : read(cypher.toString(), parameters)) {
            counts.put((String) row.get("name"), (Long) row.get("c"));
        }
        return counts;
    }

    private static Map<String, Long> nonZero(Map<String, Long> counts) {
        counts.values().removeIf(c -> c == 0L);
        return counts;
    }

    /** A label or relationship type as a Cypher name: in backticks, a backtick doubled. */
    static String escape(String token) {
        return "`" + token.replace("`", "``") + "`";
    }

    private <T> T run(java.util.function.Function<Session, T> work, AccessMode mode) {
        try (Session session = driver.session(SessionConfig.builder()
                .withDatabase(config.database()).withDefaultAccessMode(mode).build())) {
            return work.apply(session);
        } catch (Neo4jException e) {
            if (unavailable(e)) {
                throw new GraphUnavailableException("Neo4j at " + uri + " is unavailable: " + e.getMessage(), e);
            }
            throw new GraphException("Neo4j error " + e.code() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether a driver failure means "the database cannot be reached now, try later": no connection
     * (refused, reset, timed out), the session's server went away, the database is stopping or
     * starting, or no pooled connection came within the acquisition timeout.
     */
    static boolean unavailable(Neo4jException e) {
        if (e instanceof ServiceUnavailableException || e instanceof SessionExpiredException) {
            return true;
        }
        String code = e.code() == null ? "" : e.code();
        if (e instanceof TransientException && code.contains("Unavailable")) {
            return true; // Neo.TransientError.General.DatabaseUnavailable while a database stops or starts
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        return message.startsWith("Unable to acquire connection from the pool");
    }

    private static Map<String, Object> toMap(org.neo4j.driver.Record record) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (String key : record.keys()) {
            row.put(key, toJava(record.get(key)));
        }
        return row;
    }

    private static Object toJava(Value value) {
        if (value.isNull()) {
            return null;
        }
        Object o = value.asObject();
        if (o instanceof Entity entity) {
            return entity.asMap();
        }
        return o;
    }

    /** The embedded server's start-up steps (empty when external). */
    List<EmbeddedServer.Phase> serverPhases() {
        return server == null ? List.of() : server.phases();
    }

    /** The command line of the embedded server's JVM (empty when external). */
    List<String> serverCommand() {
        return server == null ? List.of() : server.command();
    }

    /** The embedded server's process (tests simulate a crash with it). */
    Optional<ProcessHandle> serverProcess() {
        return server == null ? Optional.empty() : Optional.of(server.process());
    }

    /** Closes the driver, then (embedded) stops the server. */
    @Override
    public void close() {
        try {
            driver.close();
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    /**
     * The outcome of {@link #health()}.
     *
     * @param up      whether the query answered
     * @param uri     the Bolt URI
     * @param version Neo4j version
     * @param edition community or enterprise
     * @param latency the round trip
     * @param error   the failure, when down
     */
    public record Health(boolean up, String uri, String version, String edition, Duration latency, String error) {
    }

    /** One Cypher statement with its parameters. */
    public record Statement(String cypher, Map<String, Object> parameters) {
        public Statement {
            Objects.requireNonNull(cypher, "cypher");
            parameters = parameters == null ? Map.of() : parameters;
        }
    }

    /** What a write changed. */
    public record WriteResult(long nodesCreated, long nodesDeleted, long relationshipsCreated,
                              long relationshipsDeleted, long propertiesSet) {
        public static final WriteResult NONE = new WriteResult(0, 0, 0, 0, 0);

        static WriteResult of(SummaryCounters c) {
            return new WriteResult(c.nodesCreated(), c.nodesDeleted(), c.relationshipsCreated(),
                    c.relationshipsDeleted(), c.propertiesSet());
        }

        public WriteResult plus(WriteResult o) {
            return new WriteResult(nodesCreated + o.nodesCreated, nodesDeleted + o.nodesDeleted,
                    relationshipsCreated + o.relationshipsCreated, relationshipsDeleted + o.relationshipsDeleted,
                    propertiesSet + o.propertiesSet);
        }

        /** True when nothing changed. */
        public boolean isEmpty() {
            return this.equals(NONE);
        }
    }
}
