package io.repurpose.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.repurpose.graph.NodeKind;

/**
 * In-process CPU time of entity search against every Hetionet entity (a benchmark, not a test): builds the
 * {@link EntitySearch} index from {@code hetionet/hetionet-v1.0-nodes.tsv} (names; Hetionet has no
 * synonyms; degree 0) and times the queries of {@code api/bench/search.lua} plus a few typos, each the
 * fastest of 15 batches of 40 searches (robust to other load on the machine).
 *
 * <pre>
 *   mvn -B -q test-compile -pl api
 *   java -cp "api/target/test-classes:api/target/classes:$(cat api/target/app.classpath)" \
 *       io.repurpose.api.EntitySearchBench ../shared/data
 * </pre>
 */
public final class EntitySearchBench {
    static final List<String> QUERIES = List.of("metformin", "breast cancer", "parkinson", "atorvastatn", "insulin",
            "hypertension", "BRCA1", "lupus", "methotrexate", "asthma", "metfromin", "diabtes", "alzheimr disease",
            "asprin", "cancr");

    private EntitySearchBench() {
    }

    public static void main(String[] args) throws IOException {
        Path nodes = Path.of(args.length > 0 ? args[0] : "../shared/data").resolve(ImportHetionetCommand.NODES);
        List<EntitySearch.Entry> entries = new ArrayList<>();
        List<String> lines = Files.readAllLines(nodes);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            NodeKind kind = NodeKind.parse(f[2]).orElseThrow();
            entries.add(new EntitySearch.Entry(f[0].substring(f[0].indexOf("::") + 2), kind,
                    f[1].isEmpty() ? null : f[1], List.of(), 0));
        }
        EntitySearch search = null;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            search = EntitySearch.build(entries);
            System.out.printf(Locale.ROOT, "index of %,d entities built in %d ms%n", search.size(),
                    (System.nanoTime() - t0) / 1_000_000);
        }
        long sum = 0;
        for (int round = 0; round < 2; round++) {
            for (String q : QUERIES) {
                long best = Long.MAX_VALUE;
                Page<EntitySummary> page = null;
                for (int batch = 0; batch < 15; batch++) {
                    long t = System.nanoTime();
                    for (int i = 0; i < 40; i++) {
                        page = search.search(q, null, 20, 0);
                    }
                    best = Math.min(best, (System.nanoTime() - t) / 40);
                }
                if (round == 1) {
                    sum += best;
                    System.out.printf(Locale.ROOT, "%-18s %7.1f us  total %3d  first %s%n", q, best / 1e3,
                            page.total(), page.items().isEmpty() ? "-" : page.items().get(0).name());
                }
            }
        }
        System.out.printf(Locale.ROOT, "mean over %d queries: %.1f us (load average %s)%n", QUERIES.size(),
                sum / 1e3 / QUERIES.size(), Files.readString(Path.of("/proc/loadavg")).strip());
    }
}
