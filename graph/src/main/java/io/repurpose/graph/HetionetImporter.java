package io.repurpose.graph;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.repurpose.graph.server.BulkImportRequest;
import io.repurpose.graph.server.HetionetReader;
import io.repurpose.graph.server.HetionetReader.Problem;
import io.repurpose.graph.server.ImportReport;

/**
 * Loads Hetionet v1.0 ({@code hetionet-v1.0-nodes.tsv} and a {@code .sif} or {@code .sif.gz} edge file)
 * into Neo4j, by one of two real load paths:
 * <ul>
 *   <li>{@link #bulkImport}: a fresh embedded database is filled by Neo4j's own batch importer (the one
 *   {@code neo4j-admin database import full} runs), in a child JVM that reads both files itself and hands them to
 *   the importer from memory, and then started;</li>
 *   <li>{@link #merge}: an existing or external database is updated over Bolt with idempotent batched
 *   {@code UNWIND ... MERGE} in managed write transactions (one batch, one transaction).</li>
 * </ul>
 * Both read and check both files completely first: an unknown metaedge, a missing node, a kind that does
 * not fit the metaedge or a malformed line is a {@link Problem} with file and line. With
 * {@code strict} any problem fails the import before anything is written; otherwise bad lines are
 * skipped and counted. Nodes get {@code identifier} (the id without its kind prefix, always a string),
 * {@code name} and {@code source}; edges get {@code source}. A {@code (:DataSource)} node records the
 * data version and the SHA-256 of the input files.
 */
public final class HetionetImporter {
    /** Data version written on every node and edge as {@code source}. */
    public static final String SOURCE = "Hetionet v1.0";

    static final String MERGE_NODES = "UNWIND $rows AS row MERGE (n:%s {identifier: row[0]}) "
            + "WITH n, row WHERE n.name IS NULL OR n.name <> row[1] OR n.source IS NULL "
            + "SET n.name = row[1], n.source = $source";
    /**
     * Merges one batch of one metaedge type, its edges grouped by source node; parameters {@code rows}
     * ([source identifier, [target identifiers]]) and {@code source}. A group's node is looked up once: with
     * one row per edge the locking unique-index seeks of both ends were a quarter of the server's work (JFR),
     * and grouping cut the server CPU of the whole edge file by 15 % in a same-run pair. (Seeking the nodes by pre-read internal ids instead was 4x slower on the whole file in a
     * quiet A/B run: 6,809 vs 28,151 rels/s.)
     * <p>What a MERGE of every edge costs the server (session 12, JFR of the edge phase into empty types, 3,628
     * samples): the commit 35 %, the MERGE's two existence checks 28 % (an unlocked {@code Expand(Into)}, then the
     * same check again under {@code LOCK(a, b)} before it creates: Neo4j's MERGE, no option turns it off),
     * the locking unique-index seeks 12 %, creating the relationship and setting {@code source} 8 %. Measured on
     * the whole edge file and not adopted (server CPU s of the edge phase at load 6-15, against 63.9-73.3 for this
     * statement): a {@code NOT EXISTS} pre-check before the MERGE (an {@code Eager} in the plan and a third check
     * per new pair: 68.2 and 79.5; re-run 12.0 and 16.6 against 15.9 and 16.6), both ends sought by {@code elementId}
     * read beforehand (no index seek, no lock: 62.0 and 70.0, this JVM 2-3 CPU s more),
     * {@code db.relationship_grouping_threshold} 10 and 100 (65.6 and 67.0).
     */
    static final String MERGE_EDGES_BY_SOURCE = "UNWIND $rows AS row MATCH (a:%1$s {identifier: row[0]}) "
            + "UNWIND row[1] AS target MATCH (b:%2$s {identifier: target}) "
            + "MERGE (a)-[r:%3$s]->(b) ON CREATE SET r.source = $source";
    /** As {@link #MERGE_EDGES_BY_SOURCE}, rows grouped by target node: [target identifier, [source identifiers]]. */
    static final String MERGE_EDGES_BY_TARGET = "UNWIND $rows AS row MATCH (b:%2$s {identifier: row[0]}) "
            + "UNWIND row[1] AS source MATCH (a:%1$s {identifier: source}) "
            + "MERGE (a)-[r:%3$s]->(b) ON CREATE SET r.source = $source";
    /**
     * As {@link #MERGE_EDGES_BY_SOURCE} with CREATE, for a type that had no relationship at all when the run
     * began ({@link GraphStore#relationshipCounts(java.util.Collection)}): no pair of it can exist yet, so the MERGE's existence check
     * ({@code Expand(Into)}) and its locking create path are skipped. The rows carry each pair once (the
     * writer drops duplicate lines of the file).
     */
    static final String CREATE_EDGES_BY_SOURCE = "UNWIND $rows AS row MATCH (a:%1$s {identifier: row[0]}) "
            + "UNWIND row[1] AS target MATCH (b:%2$s {identifier: target}) "
            + "CREATE (a)-[:%3$s {source: $source}]->(b)";
    /** As {@link #CREATE_EDGES_BY_SOURCE}, rows grouped by target node. */
    static final String CREATE_EDGES_BY_TARGET = "UNWIND $rows AS row MATCH (b:%2$s {identifier: row[0]}) "
            + "UNWIND row[1] AS source MATCH (a:%1$s {identifier: source}) "
            + "CREATE (a)-[:%3$s {source: $source}]->(b)";
    static final String CREATE_ONE_EDGE = "MATCH (a:%s {identifier: $s}) MATCH (b:%s {identifier: $t}) "
            + "MERGE (a)-[r:%s]->(b) ON CREATE SET r.source = $source";
    static final String RECORD_SOURCE = "MERGE (d:DataSource {name: $name}) "
            + "WITH d WHERE d.sha256 IS NULL OR d.sha256 <> $sha256 "
            + "SET d.version = $version, d.sha256 = $sha256, d.nodes = $nodes, d.edges = $edges, "
            + "d.importedAt = datetime()";

    /** The node kinds as the reader's table, in {@link NodeKind} order: the bulk path's node ids follow it. */
    static final List<HetionetReader.Kind> KINDS = Arrays.stream(NodeKind.values())
            .map(k -> new HetionetReader.Kind(k.hetionetName(), k.label())).toList();
    /** The metaedges as the reader's table, in {@link Metaedge#HETIONET} order. */
    static final List<HetionetReader.Metaedge> METAEDGES = Metaedge.HETIONET.stream()
            .map(m -> new HetionetReader.Metaedge(m.abbreviation(), m.type(), m.source().ordinal(),
                    m.target().ordinal())).toList();

    private HetionetImporter() {
    }

    /**
     * Options.
     *
     * @param strict    fail on the first bad line instead of skipping it
     * @param batchSize rows per transaction on the Bolt path
     * @param writers   concurrent writer transactions on the Bolt path (scheduled so they never share a node)
     * @param progress  where progress lines go, or null for none
     */
    public record Options(boolean strict, int batchSize, int writers, PrintStream progress) {
        public Options {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
            }
            if (writers < 1 || writers > 64) {
                throw new IllegalArgumentException("writers must be in 1..64: " + writers);
            }
        }

        /**
         * Rows per Bolt MERGE transaction by default: 5,000. Two same-window pairs on the whole Hetionet edge
         * file at load 13-25 (session 5): server CPU 84.7 vs 95.3 s and 75.3 vs 88.1 s against 20,000, edge
         * phase 195.2 vs 223.2 s and 149.5 vs 157.6 s (smaller transactions: less transaction state and
         * garbage, and a writer's statement overlaps the other's serialised commit more often).
         */
        public static final int DEFAULT_BATCH_SIZE = 5_000;

        public static Options defaults(PrintStream progress) {
            return new Options(false, DEFAULT_BATCH_SIZE, 2, progress);
        }
    }

    /**
     * What an import did.
     *
     * @param path      {@code bulk} or {@code bolt-merge}
     * @param nodes     nodes accepted from the file
     * @param edges     edges accepted from the file
     * @param skipped   lines skipped as bad
     * @param problems  the first problems (at most 100), each with file and line
     * @param changes   what the Bolt path changed (empty on an identical re-run); bulk: what it created
     * @param elapsed   wall time, parse included
     * @param edgePhase wall time of writing the edges alone (bulk: the importer and the server start)
     */
    public record Report(String path, long nodes, long edges, long skipped, List<Problem> problems,
                         GraphStore.WriteResult changes, Duration elapsed, Duration edgePhase) {
        /** Edges written per second during the edge phase. */
        public double edgesPerSecond() {
            return edges / Math.max(1e-9, edgePhase.toNanos() / 1e9);
        }
    }

    /** The input, checked and grouped: identifiers and names per kind, endpoint pairs per metaedge. */
    record Parsed(Map<NodeKind, List<String[]>> nodes, Map<Metaedge, List<String[]>> edges, List<Problem> problems,
                  long skipped, String sha256) {
        long nodeCount() {
            return nodes.values().stream().mapToLong(List::size).sum();
        }

        long edgeCount() {
            return edges.values().stream().mapToLong(List::size).sum();
        }
    }

    /**
     * Bulk path: the embedded database must not exist yet. Starts the server and returns the open store.
     * The server's JVM and the importer's own short-lived JVM are launched at once: the importer's JVM reads and
     * checks both files and imports them from memory into a staging store with Neo4j's batch importer (node ids
     * are the store's own, kind by kind in {@link NodeKind} order: no id mapping), reporting counts and problems
     * back; the server's JVM starts Neo4j on an empty database meanwhile and swaps the imported store in; then
     * the schema. With {@code strict}, the first bad line fails the import before any store is written, and
     * nothing of it is left.
     */
    public static BulkResult bulkImport(GraphConfig config, Path nodesFile, Path edgesFile, Options options) {
        return bulkImport(config, nodesFile, edgesFile, options, false);
    }

    /**
     * As {@link #bulkImport(GraphConfig, Path, Path, Options)}; with {@code boltOnly} the server that is left
     * running serves Bolt only, without HTTP, Neo4j Browser, GDS or APOC (for a caller that only queries the
     * imported graph over Bolt and stops it, as {@code import-hetionet} does): its start costs about 7 CPU s
     * less, which on 2 cores is what the bulk path's wall time is made of.
     */
    public static BulkResult bulkImport(GraphConfig config, Path nodesFile, Path edgesFile, Options options,
                                        boolean boltOnly) {
        if (!config.embedded()) {
            throw new IllegalArgumentException("the bulk importer fills a fresh embedded database; for "
                    + config.uri() + " use the Bolt merge path");
        }
        long t0 = System.nanoTime();
        Path home = config.home().toAbsolutePath();
        if (databaseExists(config)) {
            throw new GraphException("database '" + config.database() + "' already exists under " + home
                    + "; the bulk importer only fills a fresh database (use the Bolt merge path to update)");
        }
        for (Path f : List.of(nodesFile, edgesFile)) {
            if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
                throw new GraphException("cannot read " + f + ": not a readable file");
            }
        }
        PrintStream out = options.progress();
        Path marker = incompleteMarker(config);
        // what a killed bulk import left of the database (its marker is there): the server's JVM starts Neo4j
        // on an empty database at once, so it must not find a half-made one
        deleteDatabase(config);
        try {
            Files.createDirectories(marker.getParent());
            Files.writeString(marker, "bulk import started; if this file is left, the import did not finish\n");
        } catch (IOException e) {
            throw new GraphException("cannot write " + marker + ": " + e.getMessage(), e);
        }
        GraphConfig patient = new GraphConfig(config.uri(), config.user(), config.password(), config.database(),
                config.home(), config.boltPort(), config.httpPort(), config.serverHeap(), config.pageCache(),
                config.startTimeout().plusMinutes(30), config.maxRetryTime(), config.connectionTimeout());
        // the importer's JVM (C1 only) reads, checks and imports both files; the server's JVM (C2, for serving)
        // starts Neo4j on an empty database meanwhile and swaps the imported store in when the import is done
        EmbeddedServer server = EmbeddedServer.launch(patient, true, out, boltOnly);
        // the input's SHA-256 for the data source record, here while this JVM waits (its SHA-256 is compiled to
        // the CPU's instructions; the importer's JVM runs C1 only, where it is Java code: 0.3 CPU s in its JFR)
        java.util.concurrent.CompletableFuture<String> sha256 = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> HetionetReader.sha256(nodesFile, edgesFile));
        BulkImportRequest request = new BulkImportRequest(EmbeddedServer.STAGING_DATABASE,
                nodesFile.toAbsolutePath(), edgesFile.toAbsolutePath(), options.strict(), SOURCE,
                Runtime.getRuntime().availableProcessors(), KINDS, METAEDGES);
        // while the importer works: the schema on the empty database, once Neo4j is up on it (warm-up)
        java.util.concurrent.CompletableFuture<Void> warmUp = new java.util.concurrent.CompletableFuture<>();
        Thread warmer = new Thread(() -> {
            try {
                if (server.awaitStarted(patient.startTimeout())) {
                    GraphStore.warmUpSchema(patient, server.boltPort(), server::importFinished);
                    phase(out, "schema warm-up on the empty database done", t0);
                }
                warmUp.complete(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                warmUp.completeExceptionally(e);
            } catch (RuntimeException e) {
                warmUp.completeExceptionally(e);
            }
        }, "schema-warm-up");
        warmer.setDaemon(true);
        warmer.start();
        server.runImportFirst(request.lines(), warmUp);
        GraphStore store;
        try {
            store = GraphStore.open(patient, server);
        } catch (RuntimeException e) {
            // the server is stopped; nothing of this import may count as a database
            deleteDatabase(config);
            deleteMarker(marker);
            Problem strict = server.importerReport().strictFailure().orElse(null);
            throw strict != null ? new ImportException(strict) : e;
        }
        ImportReport read;
        try {
            read = server.importerReport().report().orElseThrow(() -> new GraphException(
                    "the bulk importer's JVM did not report what it read; see " + home.resolve("logs/console.log")));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        long schemaDone = System.nanoTime();
        phase(out, "imported; server started; schema and full-text index online", t0);
        if (out != null) {
            timeline(out, store.serverPhases(), t0, schemaDone, serverCpu(store));
        }
        try {
            recordSource(store, read.nodes(), read.edges(), sha256.join());
            Files.delete(marker);
        } catch (RuntimeException | IOException e) {
            store.close();
            if (e instanceof java.util.concurrent.CompletionException c && c.getCause() instanceof UncheckedIOException io) {
                throw new GraphException(io.getMessage(), io.getCause());
            }
            throw e instanceof RuntimeException re ? re : new GraphException("cannot delete " + marker, e);
        }
        GraphStore.WriteResult created = new GraphStore.WriteResult(read.nodes(), 0, read.edges(), 0, 0);
        Report report = new Report("bulk", read.nodes(), read.edges(), read.skipped(), read.problems(), created,
                Duration.ofNanos(System.nanoTime() - t0), Duration.ofNanos(schemaDone - t0));
        return new BulkResult(store, report);
    }

    /** Deletes the embedded database's store and transaction logs, if any. */
    private static void deleteDatabase(GraphConfig config) {
        Path data = config.home().toAbsolutePath().resolve("data");
        deleteRecursively(data.resolve("databases").resolve(config.database()));
        deleteRecursively(data.resolve("transactions").resolve(config.database()));
    }

    private static void deleteMarker(Path marker) {
        try {
            Files.deleteIfExists(marker);
        } catch (IOException e) {
            // the marker only makes the next bulk import overwrite what is there; say so
            System.err.println("could not delete " + marker + ": " + e.getMessage());
        }
    }

    /** The embedded server JVM's CPU time so far, in seconds, or -1 when unknown. */
    static double serverCpu(GraphStore store) {
        return store.serverProcess().flatMap(p -> p.info().totalCpuDuration()).map(d -> d.toMillis() / 1e3)
                .orElse(-1.0);
    }

    /** Where the bulk path's time went: the importer JVM's and the server JVM's steps, with their CPU time. */
    private static void timeline(PrintStream out, List<EmbeddedServer.Phase> phases, long t0, long schemaDone,
                                 double cpuNow) {
        out.println("  timeline (s since the start; CPU s of the JVM named):");
        for (EmbeddedServer.Phase p : phases) {
            String what = switch (p.name()) {
                case "jvm" -> "server JVM in main() (launched at 0.0)";
                case "import:jvm" -> "importer JVM in main() (launched at 0.0)";
                case "import:args" -> "importer JVM got the import request";
                case "import:read" -> "importer JVM read and checked both files";
                case "import:admin" -> "bulk import done (importer JVM CPU)";
                case "go" -> "server JVM told the import is done";
                case "password" -> "initial password set";
                case "started" -> "Neo4j started on an empty database";
                case "swapped" -> "imported store swapped in and started";
                default -> p.name();
            };
            out.printf(java.util.Locale.ROOT, "    %-44s %6.1f   cpu %5.1f%n", what, p.millis() / 1e3, p.cpu() / 1e3);
        }
        out.printf(java.util.Locale.ROOT, "    %-44s %6.1f   cpu %5.1f%n", "schema and full-text index online",
                (schemaDone - t0) / 1e9, cpuNow);
    }

    private static void phase(PrintStream out, String what, long t0) {
        if (out != null) {
            out.printf(java.util.Locale.ROOT, "  %-52s %6.1f s%n", what, (System.nanoTime() - t0) / 1e9);
        }
    }

    /** The bulk path's report and the store it started (the caller closes it). */
    public record BulkResult(GraphStore store, Report report) {
    }

    /**
     * True when the embedded database already has a store on disk from a finished load. A bulk import that
     * was killed leaves its marker: the next bulk import overwrites what it left.
     */
    public static boolean databaseExists(GraphConfig config) {
        return Files.isDirectory(config.home().resolve("data/databases").resolve(config.database()))
                && !Files.exists(incompleteMarker(config));
    }

    static Path incompleteMarker(GraphConfig config) {
        return config.home().toAbsolutePath().resolve("data/bulk-import-" + config.database() + ".incomplete");
    }

    /**
     * Bolt path: idempotent batched MERGE into any running database (embedded or external); the edges of a type
     * that holds no relationship yet are written with CREATE ({@link #absentTypes}).
     */
    public static Report merge(GraphStore store, Path nodesFile, Path edgesFile, Options options) {
        return merge(store, nodesFile, edgesFile, options, false);
    }

    /**
     * As above; {@code mergeEveryEdge}: MERGE for every type, empty or not (the benchmark's (b), which the issue
     * asks of MERGE; the same relationships result).
     */
    static Report merge(GraphStore store, Path nodesFile, Path edgesFile, Options options, boolean mergeEveryEdge) {
        long t0 = System.nanoTime();
        Parsed parsed = parse(nodesFile, edgesFile, options);
        PrintStream out = options.progress();
        GraphStore.WriteResult changes = GraphStore.WriteResult.NONE;
        Progress nodeProgress = new Progress(out, "nodes", parsed.nodeCount());
        for (var e : parsed.nodes().entrySet()) {
            String cypher = String.format(MERGE_NODES, e.getKey().label());
            for (List<String[]> batch : batches(e.getValue(), options.batchSize())) {
                changes = changes.plus(store.write(cypher, Map.of("rows", rows(batch), "source", SOURCE)));
                nodeProgress.add(batch.size());
            }
        }
        long e0 = System.nanoTime();
        Progress edgeProgress = new Progress(out, "edges", parsed.edgeCount());
        changes = changes.plus(new ConflictFreeWriter(store, options.writers(), options.batchSize(), edgeProgress,
                mergeEveryEdge ? java.util.Set.of() : absentTypes(store, parsed.edges().keySet())).write(parsed.edges()));
        Duration edgePhase = Duration.ofNanos(System.nanoTime() - e0);
        changes = changes.plus(recordSource(store, parsed));
        return new Report("bolt-merge", parsed.nodeCount(), parsed.edgeCount(), parsed.skipped(), parsed.problems(),
                changes, Duration.ofNanos(System.nanoTime() - t0), edgePhase);
    }

    /**
     * The metaedges whose relationship type has no relationship in the database: their edges are written with
     * CREATE instead of MERGE. A type with any relationship (an earlier load, a killed run, another source)
     * keeps MERGE, so a re-run, or a run after a partial one, changes nothing it should not. (A second writer
     * of the same type running at the same time against the same database is not guarded against.)
     */
    static java.util.Set<Metaedge> absentTypes(GraphStore store, java.util.Collection<Metaedge> metaedges) {
        Map<String, Long> counts = store.relationshipCounts(metaedges.stream().map(Metaedge::type).toList());
        java.util.Set<Metaedge> absent = new java.util.HashSet<>();
        for (Metaedge m : metaedges) {
            if (counts.get(m.type()) == 0L) {
                absent.add(m);
            }
        }
        return absent;
    }

    /**
     * The naive loader, for the benchmark's baseline only: one transaction per edge. Nodes must exist.
     * Returns edges per second.
     */
    static double mergeOneByOne(GraphStore store, Parsed parsed, int limit) {
        long t0 = System.nanoTime();
        int n = 0;
        outer:
        for (var e : parsed.edges().entrySet()) {
            Metaedge m = e.getKey();
            String cypher = String.format(CREATE_ONE_EDGE, m.source().label(), m.target().label(), m.type());
            for (String[] p : e.getValue()) {
                if (n++ >= limit) {
                    break outer;
                }
                store.write(cypher, Map.of("s", p[0], "t", p[1], "source", SOURCE));
            }
        }
        return Math.min(n, limit) / ((System.nanoTime() - t0) / 1e9);
    }

    private static GraphStore.WriteResult recordSource(GraphStore store, Parsed parsed) {
        return recordSource(store, parsed.nodeCount(), parsed.edgeCount(), parsed.sha256());
    }

    private static GraphStore.WriteResult recordSource(GraphStore store, long nodes, long edges, String sha256) {
        return store.write(RECORD_SOURCE, Map.of("name", "hetionet", "version", SOURCE, "sha256", sha256,
                "nodes", nodes, "edges", edges));
    }

    static List<List<String>> rows(List<String[]> batch) {
        List<List<String>> rows = new ArrayList<>(batch.size());
        for (String[] r : batch) {
            rows.add(List.of(r));
        }
        return rows;
    }

    private static <T> List<List<T>> batches(List<T> all, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += size) {
            out.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return out;
    }

    /** Reads and checks both files; with {@code strict} throws on the first problem. */
    static Parsed parse(Path nodesFile, Path edgesFile, Options options) {
        HetionetReader reader = new HetionetReader(KINDS, METAEDGES, options.strict());
        Map<Metaedge, List<String[]>> edges = new LinkedHashMap<>();
        try {
            reader.readNodes(nodesFile);
            reader.readEdges(edgesFile, nodesFile, (m, s, t) -> edges.computeIfAbsent(Metaedge.HETIONET.get(m),
                    k -> new ArrayList<>()).add(new String[] {s.identifier(), t.identifier()}));
        } catch (HetionetReader.StrictException e) {
            throw new ImportException(e.problem());
        } catch (UncheckedIOException e) {
            throw new GraphException(e.getMessage(), e.getCause());
        }
        Map<NodeKind, List<String[]>> nodes = new EnumMap<>(NodeKind.class);
        for (NodeKind k : NodeKind.values()) {
            if (!reader.nodes(k.ordinal()).isEmpty()) {
                nodes.put(k, reader.nodes(k.ordinal()));
            }
        }
        return new Parsed(nodes, edges, reader.problems(), reader.skipped(), reader.digest());
    }

    /** A bad line in strict mode: nothing was written. */
    public static final class ImportException extends GraphException {
        private static final long serialVersionUID = 1L;
        private final transient Problem problem;

        ImportException(Problem problem) {
            super(problem + " (strict mode: nothing was written)");
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // leftover import files are harmless; say so
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
