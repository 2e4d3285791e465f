package io.repurpose.nlp;

/** The entity kinds Repurpose extracts, and the identifier space each is normalised to. */
public enum EntityType {
    /** Drug or chemical: DrugBank id, e.g. {@code DB00843}; MeSH in xrefs. */
    CHEMICAL,
    /** Disease: Disease Ontology id, e.g. {@code DOID:10652}; MeSH/UMLS in xrefs. */
    DISEASE,
    /** Gene: Entrez gene id, e.g. {@code 2625}; HGNC/Ensembl in xrefs. */
    GENE,
    /**
     * Sequence variant (session 9): a dbSNP id as written ({@code rs74805019}) or tmVar's normalised string
     * ({@code p|SUB|V|600|E}, {@code c|DEL|4153|A}), the ids BioRED uses; no Hetionet node.
     */
    VARIANT
}
