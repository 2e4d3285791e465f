package io.repurpose.graph.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The lines between the graph module's JVM and the bulk importer's: what they say is what the other reads. */
class BulkImportProtocolTest {
    private static final List<HetionetReader.Kind> KINDS = List.of(new HetionetReader.Kind("Side Effect", "SideEffect"),
            new HetionetReader.Kind("Compound", "Compound"));
    private static final List<HetionetReader.Metaedge> METAEDGES = List.of(
            new HetionetReader.Metaedge("CcSE", "CAUSES_CcSE", 1, 0));

    @Test
    void aRequestReadsBackAsSent() {
        BulkImportRequest request = new BulkImportRequest("staging", Path.of("/d/nodes.tsv"), Path.of("/d/e.sif.gz"),
                true, "Hetionet v1.0", 2, KINDS, METAEDGES);
        List<String> lines = request.lines();
        assertEquals(BulkImportRequest.FIRST_LINE, lines.get(0));
        assertTrue(lines.stream().noneMatch(String::isEmpty), lines.toString());
        assertEquals(request, BulkImportRequest.parse(lines));
        assertEquals(new BulkImportRequest("staging", Path.of("/d/nodes.tsv"), Path.of("/d/e.sif.gz"), false,
                "Hetionet v1.0", 2, KINDS, METAEDGES), BulkImportRequest.parse(lines.stream()
                .map(l -> l.startsWith("strict\t") ? "strict\tfalse" : l).toList()));
    }

    @Test
    void aBadRequestFailsByName() {
        List<String> lines = new ArrayList<>(new BulkImportRequest("staging", Path.of("/n"), Path.of("/e"), false, "s",
                1, KINDS, METAEDGES).lines());
        lines.add("strcit\ttrue");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BulkImportRequest.parse(lines));
        assertTrue(e.getMessage().contains("strcit"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BulkImportRequest.parse(List.of("database\tx")));
        assertThrows(IllegalArgumentException.class, () -> BulkImportRequest.parse(List.of("hetionet", "database\tx")));
        assertThrows(IllegalArgumentException.class, () -> new BulkImportRequest("a\tb", Path.of("/n"), Path.of("/e"),
                false, "s", 1, KINDS, METAEDGES));
    }

    @Test
    void aReportReadsBackAsPrintedAmongOtherLines() {
        List<HetionetReader.Problem> problems = List.of(
                new HetionetReader.Problem(Path.of("/data/edges.sif"), 3, "unknown metaedge 'X\tY'"),
                new HetionetReader.Problem(Path.of("/data/nodes.tsv"), 7, "duplicate node id 'Gene::1'"));
        ImportReport report = new ImportReport(47_031, 854_554, 2, problems);
        ImportReport.Collector collector = new ImportReport.Collector();
        assertFalse(collector.accept("Import starting"));
        for (String line : report.lines()) {
            assertTrue(collector.accept(line), line);
            assertFalse(collector.report().isPresent() && !line.startsWith(ImportReport.READ), line);
        }
        assertFalse(collector.accept("IMPORT DONE in 7s"));
        assertEquals(report, collector.report().orElseThrow());
        assertEquals("edges.sif:3: unknown metaedge 'X\tY'", collector.report().orElseThrow().problems().get(0).toString());
        assertTrue(collector.strictFailure().isEmpty());
    }

    @Test
    void aStrictFailureReadsBackWithFileAndLine() {
        ImportReport.Collector collector = new ImportReport.Collector();
        HetionetReader.Problem p = new HetionetReader.Problem(Path.of("/data/edges.sif"), 3, "missing node 'D::0'");
        assertTrue(collector.accept(ImportReport.strictLine(p)));
        assertEquals(p, collector.strictFailure().orElseThrow());
        assertTrue(collector.report().isEmpty());
    }
}
