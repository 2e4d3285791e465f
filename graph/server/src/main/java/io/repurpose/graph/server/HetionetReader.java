package io.repurpose.graph.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * Reads and checks Hetionet's two files, {@code hetionet-v1.0-nodes.tsv} ({@code id, name, kind}) and a
 * {@code .sif} or {@code .sif.gz} edge file ({@code source, metaedge, target}), against a table of node kinds and
 * metaedges. An unknown kind or metaedge, a missing or duplicate node, a kind that does not fit the metaedge or a
 * malformed line is a {@link Problem} with file and line: in strict mode a {@link StrictException} on the first
 * one, otherwise the line is skipped and counted.
 * <p>No Neo4j class is used here: the graph module reads with it in its own JVM (the Bolt path), and the bulk
 * importer's JVM reads with it and hands the result to Neo4j's batch importer directly ({@code HetionetInput}).
 */
public final class HetionetReader {
    /**
     * A node kind.
     *
     * @param name  as the node file names it, e.g. {@code Side Effect}
     * @param label the Neo4j label, e.g. {@code SideEffect}
     */
    public record Kind(String name, String label) {
        public Kind {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(label, "label");
        }
    }

    /**
     * A metaedge.
     *
     * @param abbreviation as the edge file names it, e.g. {@code CtD}
     * @param type         the Neo4j relationship type, e.g. {@code TREATS_CtD}
     * @param source       the source kind, an index into the kind table
     * @param target       the target kind, an index into the kind table
     */
    public record Metaedge(String abbreviation, String type, int source, int target) {
        public Metaedge {
            Objects.requireNonNull(abbreviation, "abbreviation");
            Objects.requireNonNull(type, "type");
        }
    }

    /** A bad input line. */
    public record Problem(Path file, long line, String message) {
        @Override
        public String toString() {
            return file.getFileName() + ":" + line + ": " + message;
        }
    }

    /** The first bad line in strict mode. */
    public static final class StrictException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Problem problem;

        StrictException(Problem problem) {
            super(problem.toString());
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    /** A node as read: its kind (table index), its position among the nodes of that kind and its identifier. */
    public record NodeRef(int kind, int index, String identifier) {
    }

    /** Receives each checked edge as it is read. */
    public interface EdgeSink {
        void accept(int metaedge, NodeRef source, NodeRef target) throws IOException;
    }

    /** At most this many problems are kept; all are counted. */
    public static final int MAX_PROBLEMS = 100;

    private final List<Kind> kinds;
    private final Map<String, Integer> kindByName = new HashMap<>();
    private final Map<String, Integer> metaedgeByAbbreviation = new HashMap<>();
    private final List<Metaedge> metaedges;
    private final boolean strict;
    private final List<Problem> problems = new ArrayList<>();
    /** The digest of what was read, or null when not asked for. */
    private final MessageDigest sha;
    /** Per kind, in file order: [identifier, name]. */
    private final List<List<String[]>> nodes = new ArrayList<>();
    private final Map<String, NodeRef> byId = new HashMap<>();
    private long skipped;

    /** A reader that also digests both files as it reads them ({@link #digest}). */
    public HetionetReader(List<Kind> kinds, List<Metaedge> metaedges, boolean strict) {
        this(kinds, metaedges, strict, true);
    }

    /**
     * @param digest whether to compute the SHA-256 of what is read ({@link #digest}); the bulk importer's JVM
     *               does not (C1 only, its SHA-256 is Java code; the parent computes it, see {@link #sha256})
     */
    public HetionetReader(List<Kind> kinds, List<Metaedge> metaedges, boolean strict, boolean digest) {
        this.sha = digest ? sha256() : null;
        this.kinds = List.copyOf(kinds);
        this.metaedges = List.copyOf(metaedges);
        this.strict = strict;
        for (int i = 0; i < this.kinds.size(); i++) {
            kindByName.put(this.kinds.get(i).name(), i);
            nodes.add(new ArrayList<>());
        }
        for (int i = 0; i < this.metaedges.size(); i++) {
            Metaedge m = this.metaedges.get(i);
            if (m.source() < 0 || m.source() >= kinds.size() || m.target() < 0 || m.target() >= kinds.size()) {
                throw new IllegalArgumentException("metaedge " + m + " names a kind outside 0.." + (kinds.size() - 1));
            }
            metaedgeByAbbreviation.put(m.abbreviation(), i);
        }
    }

    public List<Kind> kinds() {
        return kinds;
    }

    public List<Metaedge> metaedges() {
        return metaedges;
    }

    /** Reads and checks the node file; the nodes are kept. */
    public void readNodes(Path nodesFile) {
        readLines(nodesFile, (lineNo, line) -> {
            if (lineNo == 1) {
                if (!line.startsWith("id\tname\tkind")) {
                    report(nodesFile, lineNo, "expected header 'id<TAB>name<TAB>kind'");
                }
                return;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 3) {
                report(nodesFile, lineNo, "expected 3 tab-separated columns, got " + f.length);
                return;
            }
            Integer kind = kindByName.get(f[2]);
            int sep = f[0].indexOf("::");
            if (kind == null) {
                report(nodesFile, lineNo, "unknown node kind '" + f[2] + "'");
            } else if (sep < 0 || !f[0].substring(0, sep).equals(f[2]) || sep + 2 == f[0].length()) {
                report(nodesFile, lineNo, "id '" + f[0] + "' is not '" + f[2] + "::<identifier>'");
            } else if (byId.containsKey(f[0])) {
                report(nodesFile, lineNo, "duplicate node id '" + f[0] + "'");
            } else {
                List<String[]> ofKind = nodes.get(kind);
                String identifier = f[0].substring(sep + 2);
                byId.put(f[0], new NodeRef(kind, ofKind.size(), identifier));
                ofKind.add(new String[] {identifier, f[1]});
            }
        });
    }

    /**
     * Reads and checks the edge file (after {@link #readNodes}), handing each checked edge to the sink; returns
     * how many it got.
     */
    public long readEdges(Path edgesFile, Path nodesFile, EdgeSink sink) {
        long[] accepted = {0};
        String nodesName = nodesFile.getFileName().toString();
        readLines(edgesFile, (lineNo, line) -> {
            if (lineNo == 1) {
                if (!line.startsWith("source\tmetaedge\ttarget")) {
                    report(edgesFile, lineNo, "expected header 'source<TAB>metaedge<TAB>target'");
                }
                return;
            }
            int tab1 = line.indexOf('\t');
            int tab2 = tab1 < 0 ? -1 : line.indexOf('\t', tab1 + 1);
            if (tab2 < 0 || line.indexOf('\t', tab2 + 1) >= 0) {
                report(edgesFile, lineNo, "expected 3 tab-separated columns, got " + line.split("\t", -1).length);
                return;
            }
            String source = line.substring(0, tab1);
            String abbreviation = line.substring(tab1 + 1, tab2);
            String target = line.substring(tab2 + 1);
            Integer mi = metaedgeByAbbreviation.get(abbreviation);
            if (mi == null) {
                report(edgesFile, lineNo, "unknown metaedge '" + abbreviation + "'");
                return;
            }
            Metaedge m = metaedges.get(mi);
            NodeRef s = byId.get(source);
            NodeRef t = byId.get(target);
            if (s == null || t == null) {
                report(edgesFile, lineNo, "missing node '" + (s == null ? source : target) + "' (not in "
                        + nodesName + ")");
            } else if (s.kind() != m.source() || t.kind() != m.target()) {
                report(edgesFile, lineNo, abbreviation + " joins " + kinds.get(m.source()).name() + " to "
                        + kinds.get(m.target()).name() + ", not " + kinds.get(s.kind()).name() + " to "
                        + kinds.get(t.kind()).name());
            } else {
                try {
                    sink.accept(mi, s, t);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                accepted[0]++;
            }
        });
        return accepted[0];
    }

    /** The nodes of one kind (table index), in file order: [identifier, name]. */
    public List<String[]> nodes(int kind) {
        return nodes.get(kind);
    }

    public long nodeCount() {
        return byId.size();
    }

    /** The first {@link #MAX_PROBLEMS} problems. */
    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    /** Lines skipped as bad. */
    public long skipped() {
        return skipped;
    }

    /** The SHA-256 of both files, in the order read; call after both are read. */
    public String digest() {
        if (sha == null) {
            throw new IllegalStateException("this reader does not digest");
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The SHA-256 of these files one after the other, as {@link #digest} gives it after reading them. */
    public static String sha256(Path... files) {
        MessageDigest sha = sha256();
        byte[] buffer = new byte[1 << 16];
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    sha.update(buffer, 0, n);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private void report(Path file, long line, String message) {
        Problem p = new Problem(file, line, message);
        if (strict) {
            throw new StrictException(p);
        }
        skipped++;
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(p);
        }
    }

    private interface LineHandler {
        void accept(long lineNo, String line);
    }

    private void readLines(Path file, LineHandler handler) {
        try (InputStream raw = sha == null ? Files.newInputStream(file)
                : new DigestInputStream(Files.newInputStream(file), sha);
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
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
