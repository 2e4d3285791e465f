package io.repurpose.graph;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The eleven Hetionet node kinds, each a Neo4j label with a unique {@code identifier}. */
public enum NodeKind {
    ANATOMY("Anatomy", "Anatomy", "A"),
    BIOLOGICAL_PROCESS("BiologicalProcess", "Biological Process", "BP"),
    CELLULAR_COMPONENT("CellularComponent", "Cellular Component", "CC"),
    COMPOUND("Compound", "Compound", "C"),
    DISEASE("Disease", "Disease", "D"),
    GENE("Gene", "Gene", "G"),
    MOLECULAR_FUNCTION("MolecularFunction", "Molecular Function", "MF"),
    PATHWAY("Pathway", "Pathway", "PW"),
    PHARMACOLOGIC_CLASS("PharmacologicClass", "Pharmacologic Class", "PC"),
    SIDE_EFFECT("SideEffect", "Side Effect", "SE"),
    SYMPTOM("Symptom", "Symptom", "S");

    private final String label;
    private final String hetionetName;
    private final String abbreviation;

    NodeKind(String label, String hetionetName, String abbreviation) {
        this.label = label;
        this.hetionetName = hetionetName;
        this.abbreviation = abbreviation;
    }

    /** The Neo4j label, e.g. {@code SideEffect}. */
    public String label() {
        return label;
    }

    /** The kind as Hetionet's TSV names it, e.g. {@code Side Effect}. */
    public String hetionetName() {
        return hetionetName;
    }

    /** The metagraph abbreviation, e.g. {@code SE}. */
    public String abbreviation() {
        return abbreviation;
    }

    /** By label ({@code SideEffect}), Hetionet name ({@code Side Effect}) or enum name, case-insensitive. */
    public static Optional<NodeKind> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        String key = s.replace(" ", "").replace("_", "").toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(k -> k.label.toLowerCase(Locale.ROOT).equals(key))
                .findFirst();
    }
}
