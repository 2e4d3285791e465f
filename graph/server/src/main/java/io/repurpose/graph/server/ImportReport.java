package io.repurpose.graph.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the bulk importer's JVM read, reported to the parent on its standard output, one line each: the problems
 * kept ({@code REPURPOSE-PROBLEM line TAB file TAB message}), then the counts
 * ({@code REPURPOSE-READ nodes edges skipped}); or, in strict mode, the first problem
 * ({@code REPURPOSE-STRICT line TAB file TAB message}) and nothing was imported. No Neo4j class is used here:
 * both JVMs use it.
 *
 * @param nodes    nodes read and accepted
 * @param edges    edges read and accepted
 * @param skipped  lines skipped as bad
 * @param problems the first problems ({@link HetionetReader#MAX_PROBLEMS} at most)
 */
public record ImportReport(long nodes, long edges, long skipped, List<HetionetReader.Problem> problems) {
    static final String READ = "REPURPOSE-READ";
    static final String PROBLEM = "REPURPOSE-PROBLEM";
    static final String STRICT = "REPURPOSE-STRICT";

    public ImportReport {
        problems = List.copyOf(problems);
    }

    /** The lines that report this. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (HetionetReader.Problem p : problems) {
            lines.add(line(PROBLEM, p));
        }
        lines.add(READ + " " + nodes + " " + edges + " " + skipped);
        return lines;
    }

    /** The line that reports a strict-mode failure. */
    static String strictLine(HetionetReader.Problem p) {
        return line(STRICT, p);
    }

    private static String line(String tag, HetionetReader.Problem p) {
        return tag + " " + p.line() + "\t" + p.file() + "\t" + p.message().replace('\n', ' ').replace('\r', ' ');
    }

    /** Collects the report from the importer JVM's output lines. */
    public static final class Collector {
        private final List<HetionetReader.Problem> problems = new ArrayList<>();
        private volatile ImportReport report;
        private volatile HetionetReader.Problem strict;

        /** Takes a line if it is part of the report; false for any other line. */
        public boolean accept(String line) {
            if (line.startsWith(PROBLEM + " ")) {
                synchronized (problems) {
                    problems.add(problem(line.substring(PROBLEM.length() + 1)));
                }
                return true;
            }
            if (line.startsWith(STRICT + " ")) {
                strict = problem(line.substring(STRICT.length() + 1));
                return true;
            }
            if (line.startsWith(READ + " ")) {
                String[] f = line.split(" ");
                if (f.length != 4) {
                    throw new IllegalArgumentException("bad import report line: " + line);
                }
                synchronized (problems) {
                    report = new ImportReport(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                            problems);
                }
                return true;
            }
            return false;
        }

        /** The report, once its last line came. */
        public Optional<ImportReport> report() {
            return Optional.ofNullable(report);
        }

        /** The strict-mode failure, if the importer reported one. */
        public Optional<HetionetReader.Problem> strictFailure() {
            return Optional.ofNullable(strict);
        }

        private static HetionetReader.Problem problem(String rest) {
            String[] f = rest.split("\t", 3);
            if (f.length != 3) {
                throw new IllegalArgumentException("bad import problem line: " + rest);
            }
            return new HetionetReader.Problem(Path.of(f[1]), Long.parseLong(f[0]), f[2]);
        }
    }
}
