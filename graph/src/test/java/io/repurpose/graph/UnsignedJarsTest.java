package io.repurpose.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnsignedJarsTest {
    @TempDir
    Path dir;

    private static final String MANIFEST = "Manifest-Version: 1.0\r\nAutomatic-Module-Name: org.example\r\n\r\n"
            + "Name: a/B.class\r\nSHA-256-Digest: AAAA\r\n\r\n";

    private Path jar(String name, boolean signed) throws Exception {
        Path jar = dir.resolve(name);
        try (OutputStream raw = Files.newOutputStream(jar); ZipOutputStream out = new ZipOutputStream(raw)) {
            put(out, "META-INF/MANIFEST.MF", MANIFEST);
            if (signed) {
                put(out, "META-INF/EXAMPLE.SF", "Signature-Version: 1.0\r\n");
                put(out, "META-INF/EXAMPLE.RSA", "not really a signature");
            }
            put(out, "META-INF/services/org.example.Factory", "a.B\n");
            put(out, "a/B.class", "class bytes");
        }
        return jar;
    }

    private static void put(ZipOutputStream out, String name, String text) throws Exception {
        out.putNextEntry(new ZipEntry(name));
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

    private static List<String> names(Path jar) throws Exception {
        try (JarFile f = new JarFile(jar.toFile(), false)) {
            List<String> names = new ArrayList<>(Collections.list(f.entries()).stream().map(ZipEntry::getName).toList());
            Collections.sort(names);
            return names;
        }
    }

    @Test
    void signedJarsAreReplacedByCopiesWithoutSignaturesAndDigests() throws Exception {
        Path signed = jar("signed.jar", true);
        Path plain = jar("plain.jar", false);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        assertTrue(UnsignedJars.signed(signed));
        assertFalse(UnsignedJars.signed(plain));

        UnsignedJars jars = new UnsignedJars(dir.resolve("cache"));
        String classpath = String.join(File.pathSeparator, signed.toString(), plain.toString(), classes.toString());
        String[] mapped = jars.map(classpath).split(File.pathSeparator);
        assertEquals(3, mapped.length);
        Path copy = Path.of(mapped[0]);
        assertNotEquals(signed, copy);
        assertTrue(copy.startsWith(dir.resolve("cache")), copy.toString());
        assertEquals(plain.toString(), mapped[1]);
        assertEquals(classes.toString(), mapped[2]);

        assertFalse(UnsignedJars.signed(copy));
        assertEquals(List.of("META-INF/MANIFEST.MF", "META-INF/services/org.example.Factory", "a/B.class"), names(copy));
        try (JarFile f = new JarFile(copy.toFile(), true)) {
            assertArrayEquals("class bytes".getBytes(StandardCharsets.UTF_8),
                    f.getInputStream(f.getEntry("a/B.class")).readAllBytes());
            Manifest m = f.getManifest();
            assertEquals("org.example", m.getMainAttributes().getValue("Automatic-Module-Name"));
            assertTrue(m.getEntries().isEmpty(), "per-entry digest sections are dropped: " + m.getEntries().keySet());
        }
    }

    @Test
    void theMappingIsRememberedAndACopyIsNotWrittenTwice() throws Exception {
        Path signed = jar("signed.jar", true);
        UnsignedJars jars = new UnsignedJars(dir.resolve("cache"));
        Path copy = Path.of(jars.map(signed.toString()));
        FileTime written = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(copy, written);
        assertEquals(copy.toString(), new UnsignedJars(dir.resolve("cache")).map(signed.toString()));
        assertEquals(written, Files.getLastModifiedTime(copy), "the copy was written again");

        Files.delete(copy); // a copy gone from the cache is made again
        assertEquals(copy.toString(), new UnsignedJars(dir.resolve("cache")).map(signed.toString()));
        assertFalse(UnsignedJars.signed(copy));
    }

    @Test
    void aClasspathThatCannotBeMappedIsKeptAsItIs() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        String classpath = jar("signed.jar", true).toString();
        assertEquals(classpath, new UnsignedJars(notADirectory.resolve("cache")).map(classpath));
    }
}
