package io.repurpose.graph;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * Loads Hetionet v1.0 ({@code hetionet-v1.0-nodes.tsv} and a {@code .sif} or {@code .sif.gz} edge file)
 * into Neo4j, by one of two real load paths:
 * <ul>
 *   <li>{@link #bulkImport}: a fresh embedded database is filled by Neo4j's own bulk importer
 *   ({@code neo4j-admin database import full}, run in the server's child JVM) and then started;</li>
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
    /** Merges one batch of one metaedge type; parameters {@code rows} ([source id, target id]) and {@code source}. */
    static final String MERGE_EDGES = "UNWIND $rows AS row "
            + "MATCH (a:%s {identifier: row[0]}) MATCH (b:%s {identifier: row[1]}) "
            + "MERGE (a)-[r:%s]->(b) ON CREATE SET r.source = $source";
    static final String CREATE_ONE_EDGE = "MATCH (a:%s {identifier: $s}) MATCH (b:%s {identifier: $t}) "
            + "MERGE (a)-[r:%s]->(b) ON CREATE SET r.source = $source";
    static final String RECORD_SOURCE = "MERGE (d:DataSource {name: $name}) "
            + "WITH d WHERE d.sha256 IS NULL OR d.sha256 <> $sha256 "
            + "SET d.version = $version, d.sha256 = $sha256, d.nodes = $nodes, d.edges = $edges, "
            + "d.importedAt = datetime()";

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

        public static Options defaults(PrintStream progress) {
            return new Options(false, 20_000, 2, progress);
        }
    }

    /** A bad input line. */
    public record Problem(Path file, long line, String message) {
        @Override
        public String toString() {
            return file.getFileName() + ":" + line + ": " + message;
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

    /** Bulk path: the embedded database must not exist yet. Starts the server and returns the open store. */
    public static BulkResult bulkImport(GraphConfig config, Path nodesFile, Path edgesFile, Options options) {
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
        Parsed parsed = parse(nodesFile, edgesFile, options);
        PrintStream out = options.progress();
        phase(out, "parsed and checked", t0);
        Path marker = incompleteMarker(config);
        try {
            Files.createDirectories(marker.getParent());
            Files.writeString(marker, "bulk import started; if this file is left, the import did not finish\n");
        } catch (IOException e) {
            throw new GraphException("cannot write " + marker + ": " + e.getMessage(), e);
        }
        Path dir = home.resolve("import/hetionet-bulk");
        List<String> args = new ArrayList<>(List.of("database", "import", "full", config.database(), "--id-type=string",
                "--delimiter=TAB", "--array-delimiter=|", "--threads=" + Runtime.getRuntime().availableProcessors(),
                "--overwrite-destination=true", "--verbose=false",
                "--report-file=" + home.resolve("logs/import.report")));
        try {
            Files.createDirectories(dir);
            for (var e : parsed.nodes().entrySet()) {
                Path f = dir.resolve("nodes-" + e.getKey().label() + ".tsv");
                try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
                    w.write(":ID\tidentifier\tname\tsource\n");
                    for (String[] n : e.getValue()) {
                        w.write(quote(e.getKey().hetionetName() + "::" + n[0]) + '\t' + quote(n[0]) + '\t'
                                + quote(n[1]) + '\t' + quote(SOURCE) + '\n');
                    }
                }
                args.add("--nodes=" + e.getKey().label() + "=" + f);
            }
            for (var e : parsed.edges().entrySet()) {
                Metaedge m = e.getKey();
                Path f = dir.resolve("edges-" + m.type() + ".tsv");
                try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
                    w.write(":START_ID\t:END_ID\tsource\n");
                    String sp = quote(SOURCE);
                    for (String[] p : e.getValue()) {
                        w.write(quote(m.source().hetionetName() + "::" + p[0]) + '\t'
                                + quote(m.target().hetionetName() + "::" + p[1]) + '\t' + sp + '\n');
                    }
                }
                args.add("--relationships=" + m.type() + "=" + f);
            }
            // (--schema would build constraints during the import, but Community's record format
            // refuses schema changes there: they are created right after the start instead)
        } catch (IOException e) {
            throw new GraphException("cannot write bulk import files under " + dir + ": " + e.getMessage(), e);
        }
        if (out != null) {
            out.printf("bulk import of %,d nodes and %,d edges (neo4j-admin database import full)%n",
                    parsed.nodeCount(), parsed.edgeCount());
        }
        phase(out, "import files written", t0);
        long a0 = System.nanoTime();
        // the server's own JVM runs the importer, then starts on the new store: one JVM start, not two
        GraphConfig patient = new GraphConfig(config.uri(), config.user(), config.password(), config.database(),
                config.home(), config.boltPort(), config.httpPort(), config.serverHeap(), config.pageCache(),
                config.startTimeout().plusMinutes(30));
        GraphStore store = GraphStore.open(patient, args, out);
        Duration adminTime = Duration.ofNanos(System.nanoTime() - a0);
        deleteRecursively(dir);
        phase(out, "imported; server started; schema and full-text index online", t0);
        try {
            recordSource(store, parsed);
            Files.delete(marker);
        } catch (RuntimeException | IOException e) {
            store.close();
            throw e instanceof RuntimeException re ? re : new GraphException("cannot delete " + marker, e);
        }
        GraphStore.WriteResult created = new GraphStore.WriteResult(parsed.nodeCount(), 0, parsed.edgeCount(), 0, 0);
        Report report = new Report("bulk", parsed.nodeCount(), parsed.edgeCount(), parsed.skipped(),
                parsed.problems(), created, Duration.ofNanos(System.nanoTime() - t0), adminTime);
        return new BulkResult(store, report);
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

    private static Path incompleteMarker(GraphConfig config) {
        return config.home().toAbsolutePath().resolve("data/bulk-import-" + config.database() + ".incomplete");
    }

    /** Bolt path: idempotent batched MERGE into any running database (embedded or external). */
    public static Report merge(GraphStore store, Path nodesFile, Path edgesFile, Options options) {
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
        changes = changes.plus(new ConflictFreeWriter(store, options.writers(), options.batchSize(), edgeProgress)
                .write(parsed.edges()));
        Duration edgePhase = Duration.ofNanos(System.nanoTime() - e0);
        changes = changes.plus(recordSource(store, parsed));
        return new Report("bolt-merge", parsed.nodeCount(), parsed.edgeCount(), parsed.skipped(), parsed.problems(),
                changes, Duration.ofNanos(System.nanoTime() - t0), edgePhase);
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
        return store.write(RECORD_SOURCE, Map.of("name", "hetionet", "version", SOURCE, "sha256", parsed.sha256(),
                "nodes", parsed.nodeCount(), "edges", parsed.edgeCount()));
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
        Objects.requireNonNull(nodesFile, "nodesFile");
        Objects.requireNonNull(edgesFile, "edgesFile");
        List<Problem> problems = new ArrayList<>();
        long[] skipped = {0};
        MessageDigest sha = sha256();
        Map<NodeKind, List<String[]>> nodes = new EnumMap<>(NodeKind.class);
        Map<String, NodeKind> kindOf = new HashMap<>();
        Map<String, NodeKind> kindByName = new HashMap<>();
        for (NodeKind k : NodeKind.values()) {
            kindByName.put(k.hetionetName(), k);
        }
        readLines(nodesFile, sha, (lineNo, line) -> {
            if (lineNo == 1) {
                if (!line.startsWith("id\tname\tkind")) {
                    report(problems, skipped, options, nodesFile, lineNo, "expected header 'id<TAB>name<TAB>kind'");
                }
                return;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 3) {
                report(problems, skipped, options, nodesFile, lineNo, "expected 3 tab-separated columns, got "
                        + f.length);
                return;
            }
            NodeKind kind = kindByName.get(f[2]);
            int sep = f[0].indexOf("::");
            if (kind == null) {
                report(problems, skipped, options, nodesFile, lineNo, "unknown node kind '" + f[2] + "'");
            } else if (sep < 0 || !f[0].substring(0, sep).equals(f[2]) || sep + 2 == f[0].length()) {
                report(problems, skipped, options, nodesFile, lineNo, "id '" + f[0] + "' is not '" + f[2]
                        + "::<identifier>'");
            } else if (kindOf.putIfAbsent(f[0], kind) != null) {
                report(problems, skipped, options, nodesFile, lineNo, "duplicate node id '" + f[0] + "'");
            } else {
                nodes.computeIfAbsent(kind, k -> new ArrayList<>()).add(new String[] {f[0].substring(sep + 2), f[1]});
            }
        });
        Map<Metaedge, List<String[]>> edges = new LinkedHashMap<>();
        readLines(edgesFile, sha, (lineNo, line) -> {
            if (lineNo == 1) {
                if (!line.startsWith("source\tmetaedge\ttarget")) {
                    report(problems, skipped, options, edgesFile, lineNo,
                            "expected header 'source<TAB>metaedge<TAB>target'");
                }
                return;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 3) {
                report(problems, skipped, options, edgesFile, lineNo, "expected 3 tab-separated columns, got "
                        + f.length);
                return;
            }
            Metaedge m = Metaedge.byAbbreviation(f[1]).orElse(null);
            if (m == null) {
                report(problems, skipped, options, edgesFile, lineNo, "unknown metaedge '" + f[1] + "'");
                return;
            }
            NodeKind s = kindOf.get(f[0]);
            NodeKind t = kindOf.get(f[2]);
            if (s == null || t == null) {
                report(problems, skipped, options, edgesFile, lineNo, "missing node '" + (s == null ? f[0] : f[2])
                        + "' (not in " + nodesFile.getFileName() + ")");
            } else if (s != m.source() || t != m.target()) {
                report(problems, skipped, options, edgesFile, lineNo, f[1] + " joins " + m.source().hetionetName()
                        + " to " + m.target().hetionetName() + ", not " + s.hetionetName() + " to "
                        + t.hetionetName());
            } else {
                edges.computeIfAbsent(m, k -> new ArrayList<>()).add(new String[] {
                        f[0].substring(f[0].indexOf("::") + 2), f[2].substring(f[2].indexOf("::") + 2)});
            }
        });
        return new Parsed(nodes, edges, List.copyOf(problems), skipped[0], HexFormat.of().formatHex(sha.digest()));
    }

    private static void report(List<Problem> problems, long[] skipped, Options options, Path file, long line,
                               String message) {
        Problem p = new Problem(file, line, message);
        if (options.strict()) {
            throw new ImportException(p);
        }
        skipped[0]++;
        if (problems.size() < 100) {
            problems.add(p);
        }
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

    private interface LineHandler {
        void accept(long lineNo, String line);
    }

    private static void readLines(Path file, MessageDigest sha, LineHandler handler) {
        try (InputStream raw = new DigestInputStream(Files.newInputStream(file), sha);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            long n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (!line.isEmpty()) {
                    handler.accept(n, line);
                }
            }
        } catch (IOException e) {
            throw new GraphException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quote(String s) {
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static void deleteRecursively(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // leftover import files are harmless; say so
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
