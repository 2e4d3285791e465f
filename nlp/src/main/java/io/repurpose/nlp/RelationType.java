package io.repurpose.nlp;

/** Extracted relation types, with the entity types they join. */
public enum RelationType {
    /** drug → disease: the drug treats the disease. */
    TREATS(EntityType.CHEMICAL, EntityType.DISEASE),
    /** drug → disease: adverse effect, drug-induced disease. */
    CAUSES(EntityType.CHEMICAL, EntityType.DISEASE),
    /** drug → gene: binds, inhibits, activates. */
    TARGETS(EntityType.CHEMICAL, EntityType.GENE),
    /** gene → disease. */
    ASSOCIATED_WITH(EntityType.GENE, EntityType.DISEASE),
    /** gene – gene: binding, regulation, association (unordered; decided per document by the pair model). */
    GENE_INTERACTS(EntityType.GENE, EntityType.GENE),
    /** chemical – chemical: co-treatment, interaction, one changing the other's level (unordered; per document). */
    CHEMICAL_INTERACTS(EntityType.CHEMICAL, EntityType.CHEMICAL),
    /** variant → disease: the variant is associated with, causes or protects from the disease (per document; session 9). */
    VARIANT_ASSOCIATED_WITH(EntityType.VARIANT, EntityType.DISEASE),
    /** chemical → variant: the response to the drug differs with the variant (per document; session 9). */
    VARIANT_RESPONSE(EntityType.CHEMICAL, EntityType.VARIANT);

    private final EntityType subject;
    private final EntityType object;

    RelationType(EntityType subject, EntityType object) {
        this.subject = subject;
        this.object = object;
    }

    public EntityType subjectType() {
        return subject;
    }

    public EntityType objectType() {
        return object;
    }
}
