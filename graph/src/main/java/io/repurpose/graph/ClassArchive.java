package io.repurpose.graph;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A class-data-sharing archive (AppCDS, static) of the embedded server's dependency jars, kept in a cache
 * directory and shared by the server's and the bulk importer's JVMs: with it they map the Neo4j, GDS and
 * netty classes a bulk import, start, schema and first queries load (22,192 class-list lines; classes of
 * signed jars such as eclipse-collections are skipped by CDS) already parsed and verified, instead of reading
 * them from 349 jars at each start. Measured: the server JVM's CPU to the first answered query 31.7 against
 * 39.4 s in a same-window pair (load 24-32); the dump costs about 56 CPU s once and the archive is 168 MB.
 * <p>The archive is made once per classpath and JDK: a JVM launched without one records the classes it
 * loads ({@code -XX:DumpLoadedClassList}), and when the server stops a detached background JVM at low
 * priority dumps the archive from those lists ({@code -Xshare:dump}), written to a temporary file and moved
 * into place, so that a half-written archive is never used. The file name holds a hash of the JDK and the
 * classpath; the JVM itself also checks each jar's size and time and silently runs without the archive if
 * any changed. The server module's own jar or classes directory is not archived (CDS refuses directories)
 * and goes last on the classpath.
 */
final class ClassArchive {
    private static final Logger LOG = LoggerFactory.getLogger(ClassArchive.class);
    /**
     * JDK 17's {@code -Xshare:dump} stops at a class-list line of 4,096 characters or more ("input line too
     * long"): a few {@code @lambda-proxy} lines of Neo4j's are; they are left out (those lambdas are then
     * linked at run time as without an archive).
     */
    static final int MAX_LINE = 4096;
    /** A lock older than this belongs to a dump that died. */
    static final Duration STALE_LOCK = Duration.ofMinutes(15);

    private final Path dir;
    private final String classpath;
    private final String key;

    /**
     * @param dir       the cache directory (created when needed)
     * @param classpath the jars to archive, as a class path
     */
    ClassArchive(Path dir, String classpath) {
        this.dir = dir.toAbsolutePath();
        this.classpath = classpath;
        this.key = hash(System.getProperty("java.home") + "\n" + System.getProperty("java.vm.version") + "\n"
                + classpath);
    }

    Path archive() {
        return dir.resolve("neo4j-server-" + key + ".jsa");
    }

    private Path lock() {
        return dir.resolve("neo4j-server-" + key + ".lock");
    }

    /**
     * JVM options for one child JVM: the archive if there is one, otherwise where to record the classes it
     * loads (a file of its own, {@code list}, to be passed to {@link #dumpInBackground}).
     */
    List<String> options(Path list) {
        if (Files.isRegularFile(archive())) {
            return List.of("-XX:SharedArchiveFile=" + archive(), "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
        }
        return List.of("-XX:DumpLoadedClassList=" + list);
    }

    /** A fresh file name for a JVM's class list (the cache directory is created: the JVM does not). */
    Path newList(String what) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            LOG.debug("{}: {}", dir, e.toString());
        }
        return dir.resolve("neo4j-server-" + key + "-" + what + "-" + UUID.randomUUID() + ".classlist");
    }

    boolean exists() {
        return Files.isRegularFile(archive());
    }

    /**
     * Dumps the archive from the recorded class lists in a detached background JVM at low priority (it
     * outlives this one: it is started when the server stops), unless an archive exists or another dump is
     * running. The lists are merged and deleted. Returns the dump process, or null if none was started.
     */
    Process dumpInBackground(List<Path> lists) {
        try {
            Files.createDirectories(dir);
            if (exists() || !Files.isExecutable(Path.of("/bin/sh")) || !takeLock()) {
                deleteAll(lists);
                return null;
            }
        } catch (IOException e) {
            LOG.warn("no class-data-sharing archive: {}", e.toString());
            deleteAll(lists);
            return null;
        }
        try {
            Path merged = dir.resolve("neo4j-server-" + key + ".classlist");
            Files.write(merged, mergedLines(lists), StandardCharsets.UTF_8);
            deleteAll(lists);
            Path tmp = dir.resolve("neo4j-server-" + key + "-" + UUID.randomUUID() + ".jsa.tmp");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            // $1 java, $2 class list, $3 temporary archive, $4 class path, $5 archive, $6 lock
            String script = "nice -n 15 \"$1\" -Xshare:dump -XX:SharedClassListFile=\"$2\" "
                    + "-XX:SharedArchiveFile=\"$3\" -cp \"$4\" && mv -f \"$3\" \"$5\"; rm -f \"$3\" \"$6\"";
            Process p = new ProcessBuilder("/bin/sh", "-c", script, "sh", java, merged.toString(), tmp.toString(),
                    classpath, archive().toString(), lock().toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("neo4j-server-" + key + ".dump.log").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            LOG.info("dumping a class-data-sharing archive of the Neo4j classpath to {} in the background", archive());
            return p;
        } catch (IOException e) {
            LOG.warn("no class-data-sharing archive: {}", e.toString());
            releaseLock();
            return null;
        }
    }

    /**
     * The lists' complete lines, in order, each once (a JVM still running may be mid-line at the end), without
     * lines too long for the dump ({@link #MAX_LINE}).
     */
    static List<String> mergedLines(List<Path> lists) throws IOException {
        Set<String> lines = new LinkedHashSet<>();
        for (Path list : lists) {
            if (!Files.isRegularFile(list)) {
                continue;
            }
            String text = Files.readString(list, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            if (end < 0) {
                continue;
            }
            for (String line : text.substring(0, end).split("\n")) {
                if (!line.isBlank() && line.length() < MAX_LINE) {
                    lines.add(line);
                }
            }
        }
        return new ArrayList<>(lines);
    }

    private boolean takeLock() throws IOException {
        Path lock = lock();
        try {
            Files.createFile(lock);
            return true;
        } catch (FileAlreadyExistsException e) {
            if (Files.getLastModifiedTime(lock).toInstant().isBefore(Instant.now().minus(STALE_LOCK))) {
                Files.deleteIfExists(lock);
                return takeLock();
            }
            return false;
        }
    }

    private void releaseLock() {
        try {
            Files.deleteIfExists(lock());
        } catch (IOException e) {
            LOG.debug("lock {}: {}", lock(), e.toString());
        }
    }

    private static void deleteAll(List<Path> files) {
        for (Path f : files) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                LOG.debug("{}: {}", f, e.toString());
            }
        }
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
