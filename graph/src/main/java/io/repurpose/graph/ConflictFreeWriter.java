package io.repurpose.graph;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes edges with several concurrent MERGE transactions that never work on the same node. Nodes are
 * hashed into {@code 2w} groups; an edge belongs to the bucket of its endpoints' groups {i, j}. A round runs
 * {@code w} buckets whose groups are pairwise disjoint, one per writer, and rounds follow each other: the
 * round-robin ("circle") schedule of 2w groups gives 2w−1 rounds of w disjoint pairs, and the w-at-a-time
 * diagonal buckets {i, i} two more. With w = 1 it is one plain writer.
 * <p>Disjoint nodes keep the statements apart (MERGE locks both end nodes while it runs), but not the
 * commits: in the record format a new relationship goes to the head of each end node's chain (or of its
 * type's chain in a dense node's group), so the commit takes an exclusive lock on the relationship that was
 * the head until then, and that relationship, written in an earlier round, can join a node of this writer
 * to a node of another one. Two commits then lock such shared heads in opposite orders now and then:
 * {@code DeadlockDetected} on {@code RELATIONSHIP(id)} at commit, about once per run on the whole Hetionet
 * edge file (the driver retried it). No round after the first is free of it (an earlier bucket always joins
 * the groups of two buckets that run together), so the writers commit one at a time
 * ({@link GraphStore#writeCommittingAlone}): the statements, about three quarters of the server's work on
 * this load, still run in parallel.
 */
final class ConflictFreeWriter {
    /** How long a writer waits for the others' commits before committing anyway. */
    static final Duration COMMIT_WAIT = Duration.ofSeconds(60);
    private final GraphStore store;
    private final int writers;
    private final int batchSize;
    private final Progress progress;
    /** Held by the one writer that is committing. */
    private final ReentrantLock commits = new ReentrantLock();
    /** Metaedges whose type had no relationship when the run began: CREATE instead of MERGE. */
    private final Set<Metaedge> absent;

    /**
     * @param absent metaedges whose relationship type is empty in the database
     *               ({@link HetionetImporter#absentTypes}): written with CREATE, each pair once
     */
    ConflictFreeWriter(GraphStore store, int writers, int batchSize, Progress progress, Set<Metaedge> absent) {
        this.absent = Set.copyOf(absent);
        this.store = store;
        this.writers = writers;
        this.batchSize = batchSize;
        this.progress = progress;
    }

    GraphStore.WriteResult write(Map<Metaedge, List<String[]>> edges) {
        int groups = 2 * writers;
        // bucket[i][j] (i <= j): per metaedge, the pairs whose endpoint groups are {i, j}
        @SuppressWarnings("unchecked")
        Map<Metaedge, List<String[]>>[][] bucket = new Map[groups][groups];
        for (var e : edges.entrySet()) {
            Metaedge m = e.getKey();
            for (String[] p : e.getValue()) {
                int a = group(m.source(), p[0], groups);
                int b = group(m.target(), p[1], groups);
                int i = Math.min(a, b);
                int j = Math.max(a, b);
                if (bucket[i][j] == null) {
                    bucket[i][j] = new LinkedHashMap<>();
                }
                bucket[i][j].computeIfAbsent(m, k -> new ArrayList<>()).add(p);
            }
        }
        GraphStore.WriteResult total = GraphStore.WriteResult.NONE;
        if (writers == 1) {
            for (int i = 0; i < groups; i++) {
                for (int j = i; j < groups; j++) {
                    total = total.plus(writeBucket(bucket[i][j]));
                }
            }
            return total;
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers, r -> {
            Thread t = new Thread(r, "merge-writer");
            t.setDaemon(true);
            return t;
        });
        try {
            for (List<int[]> round : schedule(groups)) {
                List<Future<GraphStore.WriteResult>> running = new ArrayList<>();
                for (int[] pair : round) {
                    Map<Metaedge, List<String[]>> b = bucket[pair[0]][pair[1]];
                    running.add(pool.submit(() -> writeBucket(b)));
                }
                for (Future<GraphStore.WriteResult> f : running) {
                    total = total.plus(f.get());
                }
            }
            return total;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphException("interrupted while writing edges", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new GraphException("edge writer failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Rounds of pairwise-disjoint group pairs {i, j}, i <= j, covering every pair once. */
    static List<List<int[]>> schedule(int groups) {
        List<List<int[]>> rounds = new ArrayList<>();
        // circle method: fix the last group, rotate the others
        int n = groups;
        for (int r = 0; r < n - 1; r++) {
            List<int[]> round = new ArrayList<>();
            for (int k = 0; k < n / 2; k++) {
                int a = k == 0 ? n - 1 : (r + k) % (n - 1);
                int b = (r - k + n - 1) % (n - 1);
                round.add(new int[] {Math.min(a, b), Math.max(a, b)});
            }
            rounds.add(round);
        }
        for (int start = 0; start < n; start += n / 2) {
            List<int[]> diagonal = new ArrayList<>();
            for (int i = start; i < start + n / 2; i++) {
                diagonal.add(new int[] {i, i});
            }
            rounds.add(diagonal);
        }
        return rounds;
    }

    private GraphStore.WriteResult writeBucket(Map<Metaedge, List<String[]>> b) {
        GraphStore.WriteResult total = GraphStore.WriteResult.NONE;
        if (b == null) {
            return total;
        }
        for (var e : b.entrySet()) {
            Metaedge m = e.getKey();
            List<String[]> pairs = e.getValue();
            // group on the end with fewer distinct nodes: fewer groups, fewer lookups
            int k = distinct(pairs, 0) <= distinct(pairs, 1) ? 0 : 1;
            boolean create = absent.contains(m);
            String cypher = String.format(create
                    ? k == 0 ? HetionetImporter.CREATE_EDGES_BY_SOURCE : HetionetImporter.CREATE_EDGES_BY_TARGET
                    : k == 0 ? HetionetImporter.MERGE_EDGES_BY_SOURCE : HetionetImporter.MERGE_EDGES_BY_TARGET,
                    m.source().label(), m.target().label(), m.type());
            pairs.sort(Comparator.<String[], String>comparing(p -> p[k]).thenComparing(p -> p[1 - k]));
            pairs = distinctSorted(pairs);
            for (int i = 0; i < pairs.size(); i += batchSize) {
                List<String[]> batch = pairs.subList(i, Math.min(pairs.size(), i + batchSize));
                total = total.plus(store.writeCommittingAlone(cypher, Map.of("rows", grouped(batch, k),
                        "source", HetionetImporter.SOURCE), commits, COMMIT_WAIT));
                synchronized (progress) {
                    progress.add(batch.size());
                }
            }
        }
        return total;
    }

    private static long distinct(List<String[]> pairs, int end) {
        return pairs.stream().map(p -> p[end]).distinct().count();
    }

    /** Pairs sorted on end {@code k} as rows [node k, [the other ends]]. */
    static List<List<Object>> grouped(List<String[]> sorted, int k) {
        List<List<Object>> rows = new ArrayList<>();
        List<String> others = null;
        String key = null;
        for (String[] p : sorted) {
            if (!p[k].equals(key)) {
                key = p[k];
                others = new ArrayList<>();
                rows.add(List.of(key, others));
            }
            others.add(p[1 - k]);
        }
        return rows;
    }

    /**
     * The sorted pairs without repeats (a line repeated in the edge file is next to its twin once sorted):
     * CREATE must not write a pair twice, and MERGE need not look at it twice.
     */
    static List<String[]> distinctSorted(List<String[]> sorted) {
        List<String[]> out = new ArrayList<>(sorted.size());
        for (String[] p : sorted) {
            String[] last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last == null || !last[0].equals(p[0]) || !last[1].equals(p[1])) {
                out.add(p);
            }
        }
        return out;
    }

    private static int group(NodeKind kind, String identifier, int groups) {
        return Math.floorMod(31 * kind.ordinal() + identifier.hashCode(), groups);
    }
}
