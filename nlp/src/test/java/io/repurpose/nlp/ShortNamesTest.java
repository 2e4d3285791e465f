package io.repurpose.nlp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ShortNamesTest {

    private static PubTator.Doc doc(String id, String title, List<PubTator.Annotation> ann) {
        return new PubTator.Doc(id, title, "", ann, List.of());
    }

    @Test
    void learnsShortNamesAnnotatedOftenInSeveralDocuments(@TempDir Path dir) {
        List<PubTator.Doc> docs = new ArrayList<>();
        // "Na" annotated twice in each of two documents; "PD" four times but in one document only; "MAP" mostly not
        docs.add(doc("1", "Na and Na in PD and PD",
                List.of(new PubTator.Annotation(0, 2, "Na", "Chemical", "D012964"),
                        new PubTator.Annotation(7, 9, "Na", "Chemical", "D012964"),
                        new PubTator.Annotation(13, 15, "PD", "Disease", "D010300"),
                        new PubTator.Annotation(20, 22, "PD", "Disease", "D010300"))));
        docs.add(doc("2", "Na or Na , PD or PD , MAP",
                List.of(new PubTator.Annotation(0, 2, "Na", "Chemical", "D012964"),
                        new PubTator.Annotation(6, 8, "Na", "Chemical", "D012964"))));
        docs.add(doc("3", "MAP MAP MAP MAP", List.of(new PubTator.Annotation(0, 3, "MAP", "Chemical", "x"))));
        Map<String, int[]> counts = ShortNames.count(docs, Pipelines.tokens());
        assertArrayEquals(new int[] {4, 0, 4, 2}, counts.get("Na"));
        assertArrayEquals(new int[] {0, 2, 4, 1}, counts.get("PD"));
        ShortNames.write(counts, dir.resolve(ShortNames.FILE));
        ShortNames names = ShortNames.read(dir.resolve(ShortNames.FILE));
        assertEquals(1, names.size());
        assertEquals(EntityType.CHEMICAL, names.type("Na"));
        assertNull(names.type("na"), "case-sensitive");
        assertNull(names.type("PD"), "one document's abbreviation, and annotated in only half of its occurrences");
        assertNull(names.type("MAP"), "annotated in 1 of 5 occurrences");
        assertNull(ShortNames.read(dir.resolve("absent.tsv")));
    }
}
