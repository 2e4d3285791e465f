package io.repurpose.graph;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach Neo4j. {@code uri == null} (or {@code "embedded"}) means the embedded default: the
 * graph module starts a real Neo4j 5.26 server in a child JVM under {@code home}, with Bolt on
 * 127.0.0.1:{@code boltPort} and HTTP/Browser on 127.0.0.1:{@code httpPort}. Any other URI
 * ({@code bolt://}, {@code neo4j://}, {@code neo4j+s://}...) uses an existing server or cluster and
 * starts nothing.
 *
 * @param uri          external server URI, or null for embedded
 * @param user         user name (embedded: always {@code neo4j})
 * @param password     password; embedded sets it as the initial password on first start
 * @param database     database name
 * @param home         embedded server home (conf, data, logs, plugins)
 * @param boltPort     embedded Bolt port, 0 to pick a free one
 * @param httpPort     embedded HTTP port (Neo4j Browser), 0 to pick a free one
 * @param serverHeap   embedded server JVM heap, e.g. {@code 2g}
 * @param pageCache    embedded server page cache size, e.g. {@code 1g}
 * @param startTimeout how long to wait for the embedded server to answer
 * @param maxRetryTime how long the driver retries a managed transaction that failed with a transient or
 *                     "service unavailable" error before giving up ({@link GraphUnavailableException});
 *                     zero means no retry. A server that is down is reported after about this long.
 * @param connectionTimeout how long the driver waits to open a connection (TCP connect and Bolt
 *                     handshake); a session waits at most this plus twice {@code maxRetryTime} (1 to 60 s)
 *                     for a connection from the pool
 */
public record GraphConfig(String uri, String user, String password, String database, Path home, int boltPort,
                          int httpPort, String serverHeap, String pageCache, Duration startTimeout,
                          Duration maxRetryTime, Duration connectionTimeout) {

    public static final Path DEFAULT_HOME = Path.of("data", "neo4j");
    /** The driver's own default, kept for callers of the 10-argument constructor. */
    public static final Duration DEFAULT_MAX_RETRY_TIME = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(10);

    public GraphConfig {
        if (uri != null && (uri.isBlank() || "embedded".equals(uri))) {
            uri = null;
        }
        user = user == null || user.isBlank() ? "neo4j" : user;
        Objects.requireNonNull(password, "password");
        if (uri == null && password.length() < 8) {
            throw new IllegalArgumentException("embedded Neo4j needs a password of at least 8 characters, got "
                    + password.length());
        }
        database = database == null || database.isBlank() ? "neo4j" : database;
        home = home == null ? DEFAULT_HOME : home;
        if (boltPort < 0 || boltPort > 65535) {
            throw new IllegalArgumentException("boltPort out of range: " + boltPort);
        }
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("httpPort out of range: " + httpPort);
        }
        serverHeap = serverHeap == null ? "2g" : serverHeap;
        pageCache = pageCache == null ? "1g" : pageCache;
        startTimeout = startTimeout == null ? Duration.ofSeconds(120) : startTimeout;
        maxRetryTime = maxRetryTime == null ? DEFAULT_MAX_RETRY_TIME : maxRetryTime;
        if (maxRetryTime.isNegative()) {
            throw new IllegalArgumentException("maxRetryTime must not be negative: " + maxRetryTime);
        }
        connectionTimeout = connectionTimeout == null ? DEFAULT_CONNECTION_TIMEOUT : connectionTimeout;
        if (connectionTimeout.isNegative() || connectionTimeout.isZero()) {
            throw new IllegalArgumentException("connectionTimeout must be positive: " + connectionTimeout);
        }
    }

    /** As before the driver timeouts existed: retries for {@link #DEFAULT_MAX_RETRY_TIME}. */
    public GraphConfig(String uri, String user, String password, String database, Path home, int boltPort,
                       int httpPort, String serverHeap, String pageCache, Duration startTimeout) {
        this(uri, user, password, database, home, boltPort, httpPort, serverHeap, pageCache, startTimeout,
                null, null);
    }

    /** The embedded default under {@code home} with the standard ports 7687/7474. */
    public static GraphConfig embedded(Path home, String password) {
        return new GraphConfig(null, "neo4j", password, null, home, 7687, 7474, null, null, null);
    }

    /** An existing Neo4j server or cluster. */
    public static GraphConfig external(String uri, String user, String password) {
        Objects.requireNonNull(uri, "uri");
        return new GraphConfig(uri, user, password, null, null, 0, 0, null, null, null);
    }

    public boolean embedded() {
        return uri == null;
    }

    public GraphConfig withPorts(int bolt, int http) {
        return new GraphConfig(uri, user, password, database, home, bolt, http, serverHeap, pageCache, startTimeout,
                maxRetryTime, connectionTimeout);
    }

    /** The same configuration with other driver timeouts (null keeps the default). */
    public GraphConfig withDriverTimeouts(Duration retry, Duration connect) {
        return new GraphConfig(uri, user, password, database, home, boltPort, httpPort, serverHeap, pageCache,
                startTimeout, retry, connect);
    }
}
