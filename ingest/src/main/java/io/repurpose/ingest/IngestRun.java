package io.repurpose.ingest;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.repurpose.graph.GraphUnavailableException;
import io.repurpose.nlp.AnnotatedDocument;
import io.repurpose.nlp.TextAnnotator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ingestion job: the calling thread reads and parses input and asks the graph which documents it
 * already holds; a bounded queue feeds {@code workers} NLP threads; a second bounded queue feeds the one
 * writer thread, which writes batches of whole documents per transaction. Both queues block when full,
 * so memory stays bounded whatever the input size. Not reusable: one instance per job.
 */
final class IngestRun {
    private static final Logger LOG = LoggerFactory.getLogger(IngestRun.class);
    private static final Object POISON = new Object();
    static final String REQUEST = "request";

    private final IngestConfig config;
    private final EvidenceGraph graph;
    private final TextAnnotator annotator;
    private final String jobId;
    private final Quarantine quarantine;
    private final Consumer<IngestProgress> listener;
    private final Instant started = Instant.now();
    private final long t0 = System.nanoTime();

    private final BlockingQueue<Object> work;
    private final BlockingQueue<Object> toWrite;
    private final Set<String> seenThisJob = ConcurrentHashMap.newKeySet();
    private final Set<String> idsThisJob = ConcurrentHashMap.newKeySet();
    private final List<IngestError> errors = Collections.synchronizedList(new ArrayList<>());
    private volatile Throwable fatal;

    private final AtomicInteger filesSeen = new AtomicInteger();
    private final AtomicInteger filesSkipped = new AtomicInteger();
    private final AtomicInteger filesFailed = new AtomicInteger();
    private final AtomicLong seen = new AtomicLong();
    private final AtomicLong ingested = new AtomicLong();
    private final AtomicLong revised = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong deleted = new AtomicLong();
    private final AtomicLong evidence = new AtomicLong();
    private final AtomicLong positive = new AtomicLong();
    private final AtomicLong negated = new AtomicLong();
    private final AtomicLong unlinked = new AtomicLong();
    private final AtomicLong readNanos = new AtomicLong();
    private final AtomicLong lookupNanos = new AtomicLong();
    private final AtomicLong nlpNanos = new AtomicLong();
    private final AtomicLong writeNanos = new AtomicLong();
    private final AtomicLong bytesTotal = new AtomicLong();
    private final AtomicLong bytesDone = new AtomicLong();

    IngestRun(IngestConfig config, EvidenceGraph graph, TextAnnotator annotator, String jobId,
              Consumer<IngestProgress> listener) {
        this.config = config;
        this.graph = graph;
        this.annotator = annotator;
        this.jobId = jobId;
        this.quarantine = new Quarantine(config.quarantineDir(), jobId);
        this.listener = listener;
        this.work = new ArrayBlockingQueue<>(config.queueCapacity());
        this.toWrite = new ArrayBlockingQueue<>(config.queueCapacity());
    }

    /** A document on its way through the stages. */
    private record Item(SourceDocument doc, String hash, FileTask file, String position, boolean revision,
                        boolean mayExist) {
    }

    /** A document annotated and ready for the writer. */
    private record Annotated(Item item, AnnotatedDocument annotated) {
    }

    /** A document withdrawn by its source. */
    private record Deletion(String documentId, FileTask file, String position) {
    }

    /** Bookkeeping of one input file: the ledger entry is written when its last document is done. */
    private final class FileTask {
        final Path path;
        final String name;
        final String hash;
        final long size;
        final AtomicInteger pending = new AtomicInteger(1); // 1 = still being read
        final AtomicLong written = new AtomicLong();
        final AtomicLong badInput = new AtomicLong();
        final AtomicBoolean retryable = new AtomicBoolean();
        final AtomicBoolean completed = new AtomicBoolean();

        FileTask(Path path, String hash, long size) {
            this.path = path;
            this.name = path == null ? REQUEST : path.toString();
            this.hash = hash;
            this.size = size;
        }

        void release() {
            if (pending.decrementAndGet() == 0 && completed.compareAndSet(false, true)) {
                complete();
            }
        }

        private void complete() {
            if (path == null || fatal != null || retryable.get()) {
                return; // no ledger entry: a later run retries this file (documents already in are skipped)
            }
            String status = badInput.get() > 0 ? "bad-input" : "done";
            try {
                graph.recordFile(path.toAbsolutePath().normalize().toString(), hash, size, status, written.get(),
                        badInput.get(), jobId);
            } catch (GraphUnavailableException e) {
                fail(e);
            }
        }
    }

    IngestReport runFiles(List<Path> inputs) {
        List<Path> files = new ArrayList<>();
        for (Path p : inputs) {
            expand(p, files);
        }
        for (Path f : files) {
            try {
                bytesTotal.addAndGet(Files.size(f));
            } catch (IOException e) {
                // reported when the file is read
            }
        }
        return run(() -> {
            for (Path f : files) {
                if (fatal != null) {
                    break;
                }
                readFile(f);
            }
        });
    }

    IngestReport runDocuments(List<SourceDocument> docs) {
        bytesTotal.set(docs.size());
        return run(() -> {
            FileTask task = new FileTask(null, null, 0);
            Chunk chunk = new Chunk(task);
            int i = 0;
            for (SourceDocument d : docs) {
                i++;
                if (fatal != null) {
                    break;
                }
                accept(chunk, d, "document " + i);
                bytesDone.incrementAndGet();
            }
            chunk.flush();
            task.release();
        });
    }

    private IngestReport run(Runnable reading) {
        ScheduledExecutorService ticker = null;
        if (!config.progressInterval().isZero()) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "ingest-progress-" + jobId));
            long ms = config.progressInterval().toMillis();
            ticker.scheduleAtFixedRate(this::tick, ms, ms, TimeUnit.MILLISECONDS);
        }
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < config.workers(); i++) {
            Thread t = new Thread(this::nlpLoop, "ingest-nlp-" + (i + 1));
            t.setDaemon(true);
            t.start();
            workers.add(t);
        }
        Thread writer = new Thread(this::writeLoop, "ingest-writer");
        writer.setDaemon(true);
        writer.start();
        try {
            reading.run();
        } catch (RuntimeException e) {
            fail(e);
        } finally {
            try {
                for (int i = 0; i < workers.size(); i++) {
                    work.put(POISON);
                }
                for (Thread t : workers) {
                    t.join();
                }
                toWrite.put(POISON);
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(e);
                // daemons: they die with the process if stuck; the report says aborted
            }
            if (ticker != null) {
                ticker.shutdownNow();
            }
        }
        IngestReport report = report();
        LOG.info("{}", report.summary());
        return report;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void fail(Throwable e) {
        if (fatal == null) {
            fatal = e;
            errors.add(new IngestError("job", "", "abort", PubMedXmlReader.rootMessage(e)));
            LOG.error("ingest job {} aborted: {}", jobId, e.toString());
        }
    }

    // ---- reading -------------------------------------------------------------------------------

    private void expand(Path p, List<Path> out) {
        if (Files.isDirectory(p)) {
            try (Stream<Path> s = Files.walk(p)) {
                s.filter(Files::isRegularFile)
                        .filter(f -> !f.getFileName().toString().startsWith("."))
                        .sorted()
                        .forEach(out::add);
            } catch (IOException e) {
                filesFailed.incrementAndGet();
                errors.add(new IngestError(p.toString(), "", "io", "cannot list folder: " + e.getMessage()));
            }
        } else {
            out.add(p);
        }
    }

    private void readFile(Path f) {
        filesSeen.incrementAndGet();
        long start = System.nanoTime();
        String name = f.toString();
        String hash;
        long size;
        try {
            size = Files.size(f);
            hash = sha256(f);
        } catch (IOException e) {
            filesFailed.incrementAndGet();
            errors.add(new IngestError(name, "", "io", "cannot read: " + e));
            readNanos.addAndGet(System.nanoTime() - start);
            return;
        }
        readNanos.addAndGet(System.nanoTime() - start);
        String key = f.toAbsolutePath().normalize().toString();
        long l0 = System.nanoTime();
        String known = graph.fileHash(key);
        lookupNanos.addAndGet(System.nanoTime() - l0);
        if (hash.equals(known)) {
            filesSkipped.incrementAndGet();
            bytesDone.addAndGet(size);
            LOG.info("skipping {}: unchanged since it was ingested", f);
            return;
        }
        FileTask task = new FileTask(f, hash, size);
        Chunk chunk = new Chunk(task);
        long before = bytesDone.get();
        try (InputStream raw = new Counting(Files.newInputStream(f));
             InputStream in = InputFormat.decompress(raw)) {
            InputFormat format = InputFormat.detect(f.getFileName().toString(), in);
            LOG.info("reading {} as {}", f, format);
            format.reader(config).read(in, f.getFileName().toString(), chunk);
            chunk.flush();
        } catch (DocumentReader.BadInputException e) {
            chunk.flush();
            badFile(task, e.position(), e.getMessage());
        } catch (EOFException e) {
            chunk.flush();
            badFile(task, "byte " + (bytesDone.get() - before), "unexpected end of file: " + e.getMessage());
        } catch (IOException | java.io.UncheckedIOException e) {
            chunk.flush();
            badFile(task, "byte " + (bytesDone.get() - before), PubMedXmlReader.rootMessage(e));
        } finally {
            bytesDone.set(before + size);
            task.release();
        }
    }

    private void badFile(FileTask task, String position, String message) {
        filesFailed.incrementAndGet();
        task.badInput.incrementAndGet();
        IngestError e = new IngestError(task.name, position, "parse", message);
        errors.add(e);
        LOG.warn("bad input {}; quarantined, the rest goes on", e);
        quarantine.file(task.path, e);
    }

    private static String sha256(Path f) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(f), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStreamNull.INSTANCE);
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JVM", e);
        }
    }

    /** Content hash of a document as the annotator sees it, with the annotator's version. */
    static String documentHash(SourceDocument d, String modelVersion) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String s : new String[] {d.source(), d.title(), d.text(), String.valueOf(d.year()),
                    String.valueOf(d.journal()), String.join("\u001f", d.mesh()),
                    new java.util.TreeMap<>(d.metadata()).toString(), modelVersion}) {
                md.update(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JVM", e);
        }
    }

    private void accept(Chunk chunk, SourceDocument doc, String position) {
        seen.incrementAndGet();
        if (doc.text().isBlank()) {
            badRecord(chunk.task, position + " (" + doc.id() + ")", "empty", "document has no text", doc.title());
            return;
        }
        if (doc.text().length() > config.maxDocumentChars()) {
            badRecord(chunk.task, position + " (" + doc.id() + ")", "record",
                    "document longer than " + config.maxDocumentChars() + " characters", null);
            return;
        }
        chunk.add(new Item(doc, documentHash(doc, annotator.modelVersion()), chunk.task, position, false, true));
    }

    private void badRecord(FileTask task, String position, String kind, String message, String raw) {
        failed.incrementAndGet();
        task.badInput.incrementAndGet();
        IngestError e = new IngestError(task.name, position, kind, message);
        errors.add(e);
        LOG.warn("bad record {}; quarantined", e);
        quarantine.record(e, raw);
    }

    /** Collects documents of one file, asks the graph which are known, and queues the rest for NLP. */
    private final class Chunk implements DocumentReader.Sink {
        final FileTask task;
        final List<Item> items = new ArrayList<>();
        long lastRead = System.nanoTime();

        Chunk(FileTask task) {
            this.task = task;
        }

        @Override
        public void document(SourceDocument doc, String position) {
            readNanos.addAndGet(System.nanoTime() - lastRead);
            accept(this, doc, position);
            lastRead = System.nanoTime();
        }

        @Override
        public void deleted(String documentId, String position) {
            flush(); // a version read earlier in this file goes first
            task.pending.incrementAndGet();
            try {
                toWrite.put(new Deletion(documentId, task, position));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                task.pending.decrementAndGet();
                fail(e);
            }
        }

        @Override
        public void badRecord(String position, String kind, String message, String rawRecord) {
            seen.incrementAndGet();
            IngestRun.this.badRecord(task, position, kind, message, rawRecord);
        }

        void add(Item item) {
            items.add(item);
            if (items.size() >= config.lookupChunk()) {
                flush();
            }
        }

        void flush() {
            readNanos.addAndGet(System.nanoTime() - lastRead);
            if (items.isEmpty() || fatal != null) {
                items.clear();
                lastRead = System.nanoTime();
                return;
            }
            long l0 = System.nanoTime();
            Map<String, String> known;
            try {
                known = graph.hashes(items.stream().map(i -> i.doc().id()).distinct().toList());
            } catch (RuntimeException e) {
                fail(e);
                items.clear();
                return;
            } finally {
                lookupNanos.addAndGet(System.nanoTime() - l0);
            }
            for (Item i : items) {
                String old = known.get(i.doc().id());
                if (i.hash().equals(old) || !seenThisJob.add(i.doc().id() + "@" + i.hash())) {
                    skipped.incrementAndGet();
                    continue;
                }
                task.pending.incrementAndGet();
                try {
                    boolean repeated = !idsThisJob.add(i.doc().id());
                    work.put(new Item(i.doc(), i.hash(), task, i.position(), old != null, old != null || repeated));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    task.pending.decrementAndGet();
                    fail(e);
                    break;
                }
            }
            items.clear();
            lastRead = System.nanoTime();
        }
    }

    // ---- NLP -----------------------------------------------------------------------------------

    private void nlpLoop() {
        while (true) {
            Object o;
            try {
                o = work.take();
            } catch (InterruptedException e) {
                fail(e);
                return;
            }
            if (o == POISON) {
                return;
            }
            Item item = (Item) o;
            if (fatal != null) {
                item.file().release();
                continue;
            }
            long start = System.nanoTime();
            AnnotatedDocument a;
            try {
                a = annotator.annotate(item.doc().id(), item.doc().text());
            } catch (Throwable e) { // one bad document (even a StackOverflowError in a parser) must not stop the job
                nlpNanos.addAndGet(System.nanoTime() - start);
                failed.incrementAndGet();
                item.file().retryable.set(true);
                IngestError err = new IngestError(item.file().name, item.position() + " (" + item.doc().id() + ")", "nlp",
                        e.getClass().getSimpleName() + ": " + e.getMessage());
                errors.add(err);
                quarantine.record(err, item.doc().text());
                item.file().release();
                continue;
            }
            nlpNanos.addAndGet(System.nanoTime() - start);
            try {
                toWrite.put(new Annotated(item, a));
            } catch (InterruptedException e) {
                fail(e);
                item.file().release();
                return;
            }
        }
    }

    // ---- writing -------------------------------------------------------------------------------

    private void writeLoop() {
        List<Object> batch = new ArrayList<>();
        boolean done = false;
        while (!done) {
            batch.clear();
            try {
                batch.add(toWrite.take());
            } catch (InterruptedException e) {
                fail(e);
                return;
            }
            toWrite.drainTo(batch, config.batchSize() - 1);
            // when NLP is the slow stage, wait a little for the batch to fill: fewer, larger transactions
            long lingerUntil = System.nanoTime() + config.writeLinger().toNanos();
            while (batch.size() < config.batchSize() && !batch.contains(POISON) && fatal == null) {
                long left = lingerUntil - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                Object more;
                try {
                    more = toWrite.poll(left, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    fail(e);
                    break;
                }
                if (more == null) {
                    break;
                }
                batch.add(more);
                toWrite.drainTo(batch, config.batchSize() - batch.size());
            }
            List<Annotated> docs = new ArrayList<>();
            List<Deletion> deletions = new ArrayList<>();
            for (Object o : batch) {
                if (o == POISON) {
                    done = true;
                } else if (o instanceof Deletion d) {
                    deletions.add(d);
                } else {
                    docs.add((Annotated) o);
                }
            }
            if (!docs.isEmpty()) {
                writeBatch(docs);
            }
            if (!deletions.isEmpty()) {
                deleteBatch(deletions);
            }
        }
    }

    private void writeBatch(List<Annotated> docs) {
        if (fatal != null) {
            docs.forEach(d -> d.item().file().release());
            return;
        }
        long start = System.nanoTime();
        try {
            EvidenceGraph.BatchCounts c = graph.write(prepared(docs), jobId);
            writeNanos.addAndGet(System.nanoTime() - start);
            evidence.addAndGet(c.evidence());
            positive.addAndGet(c.positive());
            negated.addAndGet(c.negated());
            unlinked.addAndGet(c.unlinked());
            for (Annotated d : docs) {
                ingested.incrementAndGet();
                if (d.item().revision()) {
                    revised.incrementAndGet();
                }
                d.item().file().written.incrementAndGet();
            }
        } catch (GraphUnavailableException e) {
            writeNanos.addAndGet(System.nanoTime() - start);
            fail(e);
        } catch (RuntimeException e) {
            writeNanos.addAndGet(System.nanoTime() - start);
            if (docs.size() > 1) {
                LOG.warn("batch of {} failed ({}); writing its documents one by one", docs.size(), e.getMessage());
                for (Annotated d : docs) {
                    writeBatch(List.of(d)); // releases d
                }
                return;
            }
            Item item = docs.get(0).item();
            failed.incrementAndGet();
            item.file().retryable.set(true);
            IngestError err = new IngestError(item.file().name, item.position() + " (" + item.doc().id() + ")", "write",
                    PubMedXmlReader.rootMessage(e));
            errors.add(err);
            quarantine.record(err, item.doc().text());
        }
        docs.forEach(d -> d.item().file().release());
    }

    private void deleteBatch(List<Deletion> deletions) {
        if (fatal == null) {
            long start = System.nanoTime();
            try {
                deleted.addAndGet(graph.delete(deletions.stream().map(Deletion::documentId).distinct().toList()));
            } catch (RuntimeException e) {
                fail(e);
            } finally {
                writeNanos.addAndGet(System.nanoTime() - start);
            }
        }
        deletions.forEach(d -> d.file().release());
    }

    private static List<EvidenceGraph.Prepared> prepared(List<Annotated> docs) {
        List<EvidenceGraph.Prepared> out = new ArrayList<>(docs.size());
        for (Annotated d : docs) {
            out.add(new EvidenceGraph.Prepared(d.item().doc(), d.item().hash(), d.item().file().name,
                    d.item().position(), d.annotated(), d.item().mayExist()));
        }
        return out;
    }

    // ---- progress and report -------------------------------------------------------------------

    IngestProgress progress() {
        long done = ingested.get() + skipped.get() + failed.get();
        double elapsed = (System.nanoTime() - t0) / 1e9;
        double rate = elapsed > 0 ? done / elapsed : 0;
        long total = bytesTotal.get();
        double fraction = total > 0 ? Math.min(1.0, (double) bytesDone.get() / total) : 0;
        // the parser runs ahead of NLP by up to two queues: estimate the total from what was read so far,
        // and the time left from the rate at which documents are finished
        Duration eta = null;
        if (fraction > 0.001 && rate > 0) {
            double estimatedTotal = seen.get() / fraction;
            eta = Duration.ofMillis((long) (1000 * Math.max(0, estimatedTotal - done) / rate));
        }
        return new IngestProgress(done, seen.get(), rate, fraction, Duration.ofMillis((long) (elapsed * 1000)), eta);
    }

    private void tick() {
        IngestProgress p = progress();
        LOG.info("ingest {}: {}", jobId, p);
        if (listener != null) {
            try {
                listener.accept(p);
            } catch (RuntimeException e) {
                LOG.warn("progress listener failed: {}", e.toString());
            }
        }
    }

    private IngestReport report() {
        List<IngestError> errs;
        synchronized (errors) {
            errs = List.copyOf(errors);
        }
        return new IngestReport(jobId, started, Duration.ofNanos(System.nanoTime() - t0), filesSeen.get(),
                filesSkipped.get(), filesFailed.get(), seen.get(), ingested.get(), revised.get(), skipped.get(),
                failed.get(), deleted.get(), evidence.get(), positive.get(), negated.get(), unlinked.get(), errs,
                new IngestReport.StageTimings(Duration.ofNanos(readNanos.get()), Duration.ofNanos(lookupNanos.get()),
                        Duration.ofNanos(nlpNanos.get()), Duration.ofNanos(writeNanos.get())),
                fatal != null);
    }

    /** Counts compressed bytes read, for the ETA. */
    private final class Counting extends FilterInputStream {
        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                bytesDone.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                bytesDone.addAndGet(n);
            }
            return n;
        }
    }

    /** Discards bytes. */
    private static final class OutputStreamNull extends java.io.OutputStream {
        static final OutputStreamNull INSTANCE = new OutputStreamNull();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
