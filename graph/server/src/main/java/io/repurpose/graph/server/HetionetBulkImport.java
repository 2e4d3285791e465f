package io.repurpose.graph.server;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.eclipse.collections.api.factory.Lists;
import org.eclipse.collections.api.factory.Maps;
import org.eclipse.collections.api.factory.Sets;
import org.eclipse.collections.api.factory.SortedMaps;
import org.eclipse.collections.api.factory.primitive.ByteObjectMaps;
import org.eclipse.collections.api.factory.primitive.ObjectIntMaps;

import org.neo4j.batchimport.api.BatchImporter;
import org.neo4j.batchimport.api.Configuration;
import org.neo4j.batchimport.api.IndexConfig;
import org.neo4j.batchimport.api.input.Collector;
import org.neo4j.commandline.dbms.CannotWriteException;
import org.neo4j.commandline.dbms.LockChecker;
import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.importer.PrintingImportLogicMonitor;
import org.neo4j.internal.batchimport.DefaultAdditionalIds;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.io.fs.FileSystemAbstraction;
import org.neo4j.io.layout.DatabaseLayout;
import org.neo4j.io.layout.Neo4jLayout;
import org.neo4j.io.pagecache.context.CursorContextFactory;
import org.neo4j.io.pagecache.context.FixedVersionContextSupplier;
import org.neo4j.io.pagecache.tracing.PageCacheTracer;
import org.neo4j.kernel.impl.index.schema.IndexImporterFactoryImpl;
import org.neo4j.kernel.impl.scheduler.JobSchedulerFactory;
import org.neo4j.kernel.impl.transaction.log.files.TransactionLogInitializer;
import org.neo4j.logging.NullLogProvider;
import org.neo4j.logging.internal.SimpleLogService;
import org.neo4j.memory.EmptyMemoryTracker;
import org.neo4j.scheduler.JobScheduler;
import org.neo4j.storageengine.api.StorageEngineFactory;

/**
 * The bulk import of Hetionet in the importer's JVM: reads and checks both files ({@link HetionetReader}),
 * reports what it read ({@link ImportReport}) and hands nodes and relationships from memory to Neo4j's batch
 * importer ({@link HetionetInput}), the importer {@code neo4j-admin database import full} runs, with the same
 * configuration that command gives it (worker threads, high parallel IO, label and relationship type indexes,
 * actual node ids, a fresh store replacing any existing one). No CSV is written or parsed.
 * <p>In strict mode the first bad line ends the run before any store file is touched (exit code
 * {@value #STRICT_FAILURE}).
 */
final class HetionetBulkImport {
    /** Exit code of a strict-mode failure. */
    static final int STRICT_FAILURE = 4;
    /** The transaction id the importer stamps on a fresh store, as {@code database import full} does. */
    private static final long BASE_TX_ID = 1;

    private HetionetBulkImport() {
    }

    /** Runs the request; returns the process exit code (0: imported). */
    static int run(Path home, BulkImportRequest request, PrintStream out, PrintStream err) throws IOException {
        // the batch importer is set up while this thread reads the files: loading and initialising Neo4j's
        // classes, about a second of CPU, was a gap of 2.4 s between the read and the import (JFR)
        CompletableFuture<Prepared> setup = new CompletableFuture<>();
        Thread setupThread = new Thread(() -> {
            try {
                setup.complete(Prepared.of(home, request.database(), request.threads(), out, err));
            } catch (Throwable e) { // handed to the thread that waits for the setup
                setup.completeExceptionally(e);
            }
        }, "import-setup");
        setupThread.setDaemon(true);
        setupThread.start();
        HetionetReader reader = new HetionetReader(request.kinds(), request.metaedges(), request.strict(), false);
        Edges edges = new Edges();
        try {
            reader.readNodes(request.nodesFile());
            int[] offset = new int[request.kinds().size()];
            for (int k = 1; k < offset.length; k++) {
                offset[k] = offset[k - 1] + reader.nodes(k - 1).size();
            }
            reader.readEdges(request.edgesFile(), request.nodesFile(), (m, s, t) ->
                    edges.add(offset[s.kind()] + s.index(), offset[t.kind()] + t.index(), m));
        } catch (HetionetReader.StrictException e) {
            out.println(ImportReport.strictLine(e.problem()));
            out.flush();
            return STRICT_FAILURE;
        } catch (UncheckedIOException e) {
            err.println(e.getMessage());
            return 1;
        }
        ImportReport report = new ImportReport(reader.nodeCount(), edges.size, reader.skipped(), reader.problems());
        report.lines().forEach(out::println);
        ServerMain.phase("read");
        out.printf("bulk import of %,d nodes and %,d relationships (Neo4j's batch importer, from memory)%n",
                report.nodes(), report.edges());
        HetionetInput input = new HetionetInput(reader, edges.starts, edges.ends, edges.metaedges, edges.size,
                request.source());
        try (Prepared prepared = setup.join()) {
            prepared.importFrom(input);
        } catch (CompletionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException("setting up the import failed", e);
        }
        return 0;
    }

    /**
     * The batch importer, configured as {@code neo4j-admin database import full} configures it: HOME/conf/neo4j.conf
     * without connectors, the given worker threads, high parallel IO, label and relationship type indexes. Made
     * before the files are read; nothing is written until {@link #importFrom}.
     */
    private record Prepared(DatabaseLayout layout, FileSystemAbstraction fs, JobScheduler scheduler,
                            BatchImporter importer) implements AutoCloseable {
        static Prepared of(Path home, String database, int threads, PrintStream out, PrintStream err) {
            Config config = Config.newBuilder().fromFileNoThrow(home.resolve("conf/neo4j.conf"))
                    .set(GraphDatabaseSettings.neo4j_home, home).set(BoltConnector.enabled, false)
                    .set(HttpConnector.enabled, false).set(HttpsConnector.enabled, false).build();
            DatabaseLayout layout = Neo4jLayout.of(config).databaseLayout(database);
            Configuration importConfig = new Configuration.Overridden(Configuration.defaultConfiguration()) {
                @Override
                public int maxNumberOfWorkerThreads() {
                    return threads;
                }

                @Override
                public boolean highIO() {
                    return true;
                }

                @Override
                public IndexConfig indexConfig() {
                    return IndexConfig.create().withLabelIndex().withRelationshipTypeIndex();
                }
            };
            FileSystemAbstraction fs = new DefaultFileSystemAbstraction();
            JobScheduler scheduler = JobSchedulerFactory.createInitialisedScheduler();
            BatchImporter importer = StorageEngineFactory.selectStorageEngine(config).batchImporter(layout, fs,
                    PageCacheTracer.NULL, importConfig,
                    new SimpleLogService(NullLogProvider.getInstance(), NullLogProvider.getInstance()), out, false,
                    DefaultAdditionalIds.EMPTY, config, new PrintingImportLogicMonitor(out, err), scheduler,
                    Collector.STRICT, TransactionLogInitializer.getLogFilesInitializer(),
                    new IndexImporterFactoryImpl(), EmptyMemoryTracker.INSTANCE,
                    new CursorContextFactory(PageCacheTracer.NULL, new FixedVersionContextSupplier(BASE_TX_ID)));
            warmUp();
            return new Prepared(layout, fs, scheduler, importer);
        }

        /**
         * Initialises the eclipse-collections factories the import initialises later on its critical path (JFR of
         * the importer JVM: each finds its implementation with a ServiceLoader, which opens the signed jar afresh
         * and verifies its manifest; 110 of the main thread's 226 samples, most of them in the final post
         * processing): Lists (IndexConfig.entries), ObjectIntMaps (Monitors), Sets (PageCacheOptionsSelector),
         * ByteObjectMaps (KernelVersion), SortedMaps (IndexConfig), Maps (Dependencies).
         */
        private static void warmUp() {
            Objects.requireNonNull(Lists.mutable);
            Objects.requireNonNull(Sets.mutable);
            Objects.requireNonNull(Maps.mutable);
            Objects.requireNonNull(SortedMaps.mutable);
            Objects.requireNonNull(ObjectIntMaps.mutable);
            Objects.requireNonNull(ByteObjectMaps.mutable);
        }

        /** Writes a fresh store from {@code input}, replacing any existing one, holding the database's lock. */
        @SuppressWarnings("try") // the lock is only held
        void importFrom(HetionetInput input) throws IOException {
            fs.deleteRecursively(layout.databaseDirectory());
            fs.deleteRecursively(layout.getTransactionLogsDirectory());
            fs.mkdirs(layout.databaseDirectory());
            try (Closeable lock = LockChecker.checkDatabaseLock(layout)) {
                importer.doImport(input);
            } catch (CannotWriteException e) {
                throw new IOException("cannot lock " + layout.databaseDirectory() + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                scheduler.close();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            } finally {
                fs.close();
            }
        }
    }

    /** The accepted edges as id arrays, grown as they are read. */
    private static final class Edges {
        int[] starts = new int[1 << 16];
        int[] ends = new int[1 << 16];
        byte[] metaedges = new byte[1 << 16];
        int size;

        void add(int start, int end, int metaedge) {
            if (size == starts.length) {
                int capacity = Math.toIntExact(Math.min(Integer.MAX_VALUE - 8L, size * 2L));
                starts = Arrays.copyOf(starts, capacity);
                ends = Arrays.copyOf(ends, capacity);
                metaedges = Arrays.copyOf(metaedges, capacity);
            }
            starts[size] = start;
            ends[size] = end;
            metaedges[size++] = (byte) metaedge;
        }
    }
}
