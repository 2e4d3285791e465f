package io.repurpose.graph.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the bulk importer's JVM is to import: Hetionet's node and edge files, read and checked against the kind
 * and metaedge tables, into a fresh store of {@code database}. Sent on the importer JVM's standard input, one
 * {@code key TAB value...} line each, after a first line {@value #FIRST_LINE} ({@link #lines}, {@link #parse}).
 * No Neo4j class is used here: both JVMs use it.
 *
 * @param database  the database whose store is written (any existing one is replaced)
 * @param nodesFile {@code hetionet-v1.0-nodes.tsv}
 * @param edgesFile the {@code .sif} or {@code .sif.gz} edge file
 * @param strict    fail on the first bad line, before anything is written; otherwise skip and count
 * @param source    the {@code source} property of every node and relationship
 * @param threads   the importer's worker threads
 * @param kinds     the node kinds; node ids are given kind by kind in this order
 * @param metaedges the metaedges (their kinds index {@code kinds})
 */
public record BulkImportRequest(String database, Path nodesFile, Path edgesFile, boolean strict, String source,
                                int threads, List<HetionetReader.Kind> kinds,
                                List<HetionetReader.Metaedge> metaedges) {
    /** The first line of a request: a stream that does not start with it is no bulk import request. */
    public static final String FIRST_LINE = "hetionet";

    public BulkImportRequest {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(nodesFile, "nodesFile");
        Objects.requireNonNull(edgesFile, "edgesFile");
        Objects.requireNonNull(source, "source");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive: " + threads);
        }
        kinds = List.copyOf(kinds);
        metaedges = List.copyOf(metaedges);
        for (String s : List.of(database, nodesFile.toString(), edgesFile.toString(), source)) {
            requireOneField(s);
        }
        for (HetionetReader.Kind k : kinds) {
            requireOneField(k.name());
            requireOneField(k.label());
        }
        for (HetionetReader.Metaedge m : metaedges) {
            requireOneField(m.abbreviation());
            requireOneField(m.type());
        }
    }

    private static void requireOneField(String s) {
        if (s.isEmpty() || s.indexOf('\t') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("not a non-empty value without tabs and line breaks: '" + s + "'");
        }
    }

    /** The request as lines, the first {@value #FIRST_LINE}, none empty. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>(List.of(FIRST_LINE, "database\t" + database, "nodes\t" + nodesFile,
                "edges\t" + edgesFile, "strict\t" + strict, "source\t" + source, "threads\t" + threads));
        for (HetionetReader.Kind k : kinds) {
            lines.add("kind\t" + k.name() + "\t" + k.label());
        }
        for (HetionetReader.Metaedge m : metaedges) {
            lines.add("metaedge\t" + m.abbreviation() + "\t" + m.type() + "\t" + m.source() + "\t" + m.target());
        }
        return lines;
    }

    /** The request these lines (from {@link #lines}) make; a line it does not know fails by name. */
    public static BulkImportRequest parse(List<String> lines) {
        if (lines.isEmpty() || !FIRST_LINE.equals(lines.get(0))) {
            throw new IllegalArgumentException("a bulk import request starts with '" + FIRST_LINE + "'");
        }
        String database = null;
        String nodes = null;
        String edges = null;
        String source = null;
        boolean strict = false;
        int threads = 1;
        List<HetionetReader.Kind> kinds = new ArrayList<>();
        List<HetionetReader.Metaedge> metaedges = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            switch (f[0] + "/" + f.length) {
                case "database/2" -> database = f[1];
                case "nodes/2" -> nodes = f[1];
                case "edges/2" -> edges = f[1];
                case "strict/2" -> strict = Boolean.parseBoolean(f[1]);
                case "source/2" -> source = f[1];
                case "threads/2" -> threads = Integer.parseInt(f[1]);
                case "kind/3" -> kinds.add(new HetionetReader.Kind(f[1], f[2]));
                case "metaedge/5" -> metaedges.add(new HetionetReader.Metaedge(f[1], f[2], Integer.parseInt(f[3]),
                        Integer.parseInt(f[4])));
                default -> throw new IllegalArgumentException("unknown bulk import request line '" + line + "'");
            }
        }
        if (database == null || nodes == null || edges == null || source == null) {
            throw new IllegalArgumentException("a bulk import request needs database, nodes, edges and source: "
                    + lines);
        }
        return new BulkImportRequest(database, Path.of(nodes), Path.of(edges), strict, source, threads, kinds,
                metaedges);
    }
}
