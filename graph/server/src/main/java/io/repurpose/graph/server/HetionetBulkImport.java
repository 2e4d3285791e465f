package io.repurpose.graph.server;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;

import org.neo4j.batchimport.api.BatchImporter;
import org.neo4j.batchimport.api.Configuration;
import org.neo4j.batchimport.api.IndexConfig;
import org.neo4j.batchimport.api.input.Collector;
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
        HetionetReader reader = new HetionetReader(request.kinds(), request.metaedges(), request.strict());
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
        ImportReport report = new ImportReport(reader.nodeCount(), edges.size, reader.skipped(), reader.problems(),
                reader.digest());
        report.lines().forEach(out::println);
        ServerMain.phase("read");
        out.printf("bulk import of %,d nodes and %,d relationships (Neo4j's batch importer, from memory)%n",
                report.nodes(), report.edges());
        HetionetInput input = new HetionetInput(reader, edges.starts, edges.ends, edges.metaedges, edges.size,
                request.source());
        importInto(home, request.database(), request.threads(), input, out, err);
        return 0;
    }

    /**
     * Writes a fresh store of {@code database} from {@code input}, replacing any existing one; the database's
     * lock is held meanwhile, as neo4j-admin holds it.
     */
    @SuppressWarnings("try") // the lock is only held
    private static void importInto(Path home, String database, int threads, HetionetInput input, PrintStream out,
                                   PrintStream err) throws IOException {
        // as neo4j-admin's commands load it: HOME/conf/neo4j.conf, no connectors
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
        try (FileSystemAbstraction fs = new DefaultFileSystemAbstraction()) {
            fs.deleteRecursively(layout.databaseDirectory());
            fs.deleteRecursively(layout.getTransactionLogsDirectory());
            fs.mkdirs(layout.databaseDirectory());
            try (Closeable lock = LockChecker.checkDatabaseLock(layout);
                 JobScheduler scheduler = JobSchedulerFactory.createInitialisedScheduler()) {
                StorageEngineFactory engine = StorageEngineFactory.selectStorageEngine(config);
                BatchImporter importer = engine.batchImporter(layout, fs, PageCacheTracer.NULL, importConfig,
                        new SimpleLogService(NullLogProvider.getInstance(), NullLogProvider.getInstance()), out,
                        false, DefaultAdditionalIds.EMPTY, config, new PrintingImportLogicMonitor(out, err), scheduler,
                        Collector.STRICT, TransactionLogInitializer.getLogFilesInitializer(),
                        new IndexImporterFactoryImpl(), EmptyMemoryTracker.INSTANCE,
                        new CursorContextFactory(PageCacheTracer.NULL, new FixedVersionContextSupplier(BASE_TX_ID)));
                importer.doImport(input);
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
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
