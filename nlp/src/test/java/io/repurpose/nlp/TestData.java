package io.repurpose.nlp;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where tests find the shared data (system property set by surefire from the parent pom). */
final class TestData {

    private TestData() {
    }

    static Path sharedData() {
        String p = System.getProperty("repurpose.shared.data");
        Path path = p != null ? Path.of(p) : Path.of("..", "..", "shared", "data");
        if (!Files.isDirectory(path.resolve("lexicons"))) {
            path = Path.of("..", "shared", "data");
        }
        if (!Files.isDirectory(path.resolve("lexicons"))) {
            throw new IllegalStateException("shared data not found: set -Drepurpose.shared.data (tried " + path.toAbsolutePath() + ")");
        }
        return path;
    }
}
