package io.repurpose.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Keeps bad input for people to look at: {@code <dir>/<jobId>/} holds a copy of each file that could not
 * be read to the end, one file per bad record or document ({@code <file>@<position>.txt}), and
 * {@code errors.tsv} listing every error with file and position. The input itself is left in place.
 */
final class Quarantine {
    private final Path dir;

    Quarantine(Path root, String jobId) {
        this.dir = root.resolve(jobId);
    }

    Path dir() {
        return dir;
    }

    synchronized void file(Path file, IngestError error) {
        try {
            Files.createDirectories(dir);
            Files.copy(file, dir.resolve(file.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            log(error);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot quarantine " + file + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    synchronized void record(IngestError error, String raw) {
        try {
            Files.createDirectories(dir);
            String name = safe(Path.of(error.file()).getFileName() + "@" + error.position()) + ".txt";
            Files.writeString(dir.resolve(name), "# " + error + System.lineSeparator() + (raw == null ? "" : raw),
                    StandardCharsets.UTF_8);
            log(error);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot quarantine a record of " + error.file() + " in " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    private void log(IngestError e) throws IOException {
        Files.writeString(dir.resolve("errors.tsv"),
                String.join("\t", e.file(), e.position(), e.kind(), e.message().replace('\t', ' ').replace('\n', ' '))
                        + System.lineSeparator(),
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String safe(String s) {
        String t = s.replaceAll("[^A-Za-z0-9._@-]+", "_");
        return t.length() > 150 ? t.substring(0, 150) : t;
    }
}
