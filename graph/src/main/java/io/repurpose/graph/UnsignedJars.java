package io.repurpose.graph;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.UUID;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server classpath with its signed jars replaced by unsigned copies kept in a cache directory. Neo4j
 * depends on eclipse-collections, whose two jars are signed: every class loaded from them is digested and
 * checked against a manifest of some 10,000 entry digests, and each of eclipse-collections' factories finds
 * its implementation with a {@code ServiceLoader}, which opens the jar anew and parses and verifies that
 * manifest again. JFR of a bulk import (session 8): jar verification and manifest parsing were 20 % of the
 * server JVM's samples and 17 % of the importer JVM's. Class-data sharing also skips classes of signed jars.
 * The copies hold the same entries without the signature files ({@code META-INF/*.SF|RSA|DSA|EC}) and
 * without the manifest's per-entry digest sections (its main attributes are kept). A jar's copy is named by
 * a hash of the jar's path, size and time, written to a temporary file and moved into place; the mapped
 * classpath is remembered per classpath, so later launches read one small file instead of opening every jar.
 */
final class UnsignedJars {
    private static final Logger LOG = LoggerFactory.getLogger(UnsignedJars.class);

    private final Path dir;

    /** @param dir the cache directory (created when needed) */
    UnsignedJars(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    /**
     * {@code classpath} with every signed jar replaced by its unsigned copy (made when missing). On any
     * failure the original classpath is returned: a signed jar still works, only slower.
     */
    String map(String classpath) {
        Path remembered = dir.resolve("classpath-" + ClassArchive.hash(classpath) + ".txt");
        try {
            if (Files.isRegularFile(remembered)) {
                String mapped = Files.readString(remembered, StandardCharsets.UTF_8).trim();
                if (allExist(mapped)) {
                    return mapped;
                }
            }
            Files.createDirectories(dir);
            List<String> out = new ArrayList<>();
            for (String entry : classpath.split(File.pathSeparator)) {
                Path jar = Path.of(entry);
                out.add(entry.endsWith(".jar") && Files.isRegularFile(jar) && signed(jar)
                        ? unsignedCopy(jar).toString() : entry);
            }
            String mapped = String.join(File.pathSeparator, out);
            Path tmp = dir.resolve(remembered.getFileName() + "." + UUID.randomUUID() + ".tmp");
            Files.writeString(tmp, mapped, StandardCharsets.UTF_8);
            Files.move(tmp, remembered, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return mapped;
        } catch (IOException | RuntimeException e) {
            LOG.warn("server classpath kept with its signed jars (slower class loading): {}", e.toString());
            return classpath;
        }
    }

    private static boolean allExist(String classpath) {
        for (String entry : classpath.split(File.pathSeparator)) {
            if (!Files.exists(Path.of(entry))) {
                return false;
            }
        }
        return true;
    }

    /** Whether the jar carries a signature file. */
    static boolean signed(Path jar) throws IOException {
        try (JarFile f = new JarFile(jar.toFile(), false)) {
            Enumeration<JarEntry> entries = f.entries();
            while (entries.hasMoreElements()) {
                if (signatureFile(entries.nextElement().getName())) {
                    return true;
                }
            }
            return false;
        }
    }

    private static boolean signatureFile(String name) {
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        return upper.startsWith("META-INF/") && upper.indexOf('/', "META-INF/".length()) < 0
                && (upper.endsWith(".SF") || upper.endsWith(".RSA") || upper.endsWith(".DSA") || upper.endsWith(".EC"));
    }

    /** The unsigned copy of {@code jar}, written unless it is there. */
    Path unsignedCopy(Path jar) throws IOException {
        String name = jar.getFileName().toString();
        String key = ClassArchive.hash(jar.toAbsolutePath() + "\n" + Files.size(jar) + "\n" + Files.getLastModifiedTime(jar).toMillis());
        Path copy = dir.resolve(name.substring(0, name.length() - ".jar".length()) + "-unsigned-" + key + ".jar");
        if (Files.isRegularFile(copy)) {
            return copy;
        }
        Path tmp = dir.resolve(copy.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try (JarFile in = new JarFile(jar.toFile(), false);
             OutputStream raw = Files.newOutputStream(tmp);
             JarOutputStream out = new JarOutputStream(raw)) {
            Manifest manifest = in.getManifest();
            if (manifest != null) {
                Manifest main = new Manifest();
                main.getMainAttributes().putAll(manifest.getMainAttributes());
                if (main.getMainAttributes().getValue(Attributes.Name.MANIFEST_VERSION) == null) {
                    main.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
                }
                out.putNextEntry(new ZipEntry(JarFile.MANIFEST_NAME));
                main.write(out);
                out.closeEntry();
            }
            byte[] buffer = new byte[1 << 16];
            Enumeration<JarEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                JarEntry e = entries.nextElement();
                if (signatureFile(e.getName()) || JarFile.MANIFEST_NAME.equalsIgnoreCase(e.getName())) {
                    continue;
                }
                ZipEntry copied = new ZipEntry(e.getName());
                copied.setTime(e.getTime());
                out.putNextEntry(copied);
                try (InputStream data = in.getInputStream(e)) {
                    int n;
                    while ((n = data.read(buffer)) > 0) {
                        out.write(buffer, 0, n);
                    }
                }
                out.closeEntry();
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        LOG.info("unsigned copy of {} for the embedded Neo4j classpath: {}", jar, copy);
        return copy;
    }
}
