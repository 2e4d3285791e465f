package io.repurpose.nlp;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end on the real lexicons, with a relation model trained in setup on a slice of the train splits only
 * (no CRF: mention detection by the lexicon, including the train-split names).
 */
class CoreNlpAnnotatorTest {

    @TempDir
    static Path models;

    static NlpConfig config;
    static CoreNlpAnnotator annotator;
    static AnnotatedDocument sentenceLevel;

    static final String INDUCED = "Cisplatin induced nephrotoxicity in most of the treated patients.";

    @BeforeAll
    static void trainAndLoad() throws Exception {
        config = new NlpConfig(TestData.sharedData(), models).withUseCrf(false);
        List<PubTator.Doc> bc5 = NlpTrain.limit(PubTator.read(NlpTrain.bc5cdrTrain(config)), 100);
        List<PubTator.Doc> biored = NlpTrain.limit(PubTator.read(NlpTrain.bioredTrain(config)), 60);
        NlpTrain.writeTrainLexicon(NlpTrain.concat(PubTator.read(NlpTrain.bc5cdrTrain(config)),
                PubTator.read(NlpTrain.bioredTrain(config))), config.trainLexicon());
        RelationTrainer.Result r;
        try (Lexicon lexicon = Lexicon.load(config)) {
            r = RelationTrainer.train(config, lexicon, bc5, biored, 7L);
        }
        assertTrue(Files.size(config.relationModel()) > 0);
        assertTrue(Files.size(config.surfaceRelationModel()) > 0);
        try (CoreNlpAnnotator sentenceOnly = CoreNlpAnnotator.load(config)) {
            assertFalse(sentenceOnly.modelVersion().contains("pairs.model"), "no pair model yet: sentence-level relations");
            sentenceLevel = sentenceOnly.annotate("s0", INDUCED);
            PairTrainer.train(config, sentenceOnly, NlpTrain.limit(bc5, 50), NlpTrain.limit(biored, 20), r.folds(),
                    PairTrainer.SAME_TYPE, 7L);
        }
        assertTrue(Files.size(config.pairModel()) > 0);
        annotator = CoreNlpAnnotator.load(config);
        assertTrue(annotator.modelVersion().contains("pairs.model"), annotator.modelVersion());
    }

    @AfterAll
    static void close() {
        annotator.close();
    }

    private static Mention find(AnnotatedDocument d, String text) {
        return d.mentions().stream().filter(m -> m.text().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no mention '" + text + "' in " + d.mentions()));
    }

    @Test
    void normalisesSynonymsCaseAndPlural() {
        AnnotatedDocument d = annotator.annotate("n1", "PARACETAMOL overdose and acetaminophen toxicity in migraines.");
        Mention p = find(d, "PARACETAMOL");
        assertEquals(EntityType.CHEMICAL, p.type());
        assertEquals("DB00316", p.identifier());
        assertEquals("DB00316", find(d, "acetaminophen").identifier());
        Mention mig = find(d, "migraines");
        assertEquals(EntityType.DISEASE, mig.type());
        assertNotNull(mig.identifier());
        assertEquals(d.sentences().get(0).text().substring(p.start(), p.end()), p.text());
    }

    @Test
    void abbreviationResolvesToLongForm() {
        AnnotatedDocument d = annotator.annotate("a1",
                "Patients with non-small cell lung cancer (NSCLC) were enrolled. NSCLC progressed in ten.");
        Mention longForm = find(d, "non-small cell lung cancer");
        List<Mention> shortForms = d.mentions().stream().filter(m -> m.text().equals("NSCLC")).toList();
        assertEquals(2, shortForms.size(), d.mentions().toString());
        for (Mention m : shortForms) {
            assertEquals(EntityType.DISEASE, m.type());
            assertEquals(longForm.identifier(), m.identifier());
        }
        assertEquals(1, shortForms.get(1).sentenceIndex());
    }

    @Test
    void saltFormsAndCoordinatedModifiersOnlyWhenSwitchedOn() {
        String text = "Haloperidol decanoate caused hepatic and renal failure.";
        AnnotatedDocument off = annotator.annotate("r0", text);
        Mention core = find(off, "Haloperidol");
        assertEquals(EntityType.CHEMICAL, core.type());
        assertEquals(EntityType.DISEASE, find(off, "renal failure").type());
        CoreNlpAnnotator on = annotator.withOptions(annotator.options().with(
                new NlpTrain.Args(new String[] {"--salt-forms", "true", "--coordination", "true"})));
        AnnotatedDocument d = on.annotate("r1", text);
        Mention salt = find(d, "Haloperidol decanoate");
        assertEquals(EntityType.CHEMICAL, salt.type());
        assertEquals(core.identifier(), salt.identifier(), "the salt form keeps the substance's id");
        Mention composite = find(d, "hepatic and renal failure");
        assertEquals(EntityType.DISEASE, composite.type());
        assertEquals(find(off, "renal failure").identifier(), composite.identifier());
        assertTrue(d.mentions().stream().noneMatch(m -> m.text().equals("renal failure")), d.mentions().toString());
    }

    @Test
    void geneSymbolsDefinedByAProteinNameWeDoNotKnowStayGenesWithTheOption() {
        String text = "The gene for human hydroxyacid oxidase 1 (HAO1) was cloned. HAO1 protein levels rose. "
                + "In the Childhood Adenotonsillectomy Trial (CHAT), expression of each gene was measured.";
        java.util.function.Function<String, List<String>> genes = value -> annotator.withOptions(annotator.options()
                .with(new NlpTrain.Args(new String[] {"--gene-short-forms", value}))).annotate("r", text).mentions()
                .stream().filter(m -> m.type() == EntityType.GENE).map(Mention::text).toList();
        assertEquals(List.of(), genes.apply("none"), "before session 14: a short form of an unknown long form is no gene");
        assertEquals(List.of("HAO1", "HAO1"), genes.apply("protein"), "an oxidase is a protein; a trial is not");
        assertEquals(List.of("HAO1", "HAO1", "CHAT"), genes.apply("all"));
        assertTrue(Abbreviations.namesAProtein("Dopamine b-hydroxylase"));
        assertTrue(Abbreviations.namesAProtein("tumor necrosis factor"));
        assertFalse(Abbreviations.namesAProtein("Childhood Adenotonsillectomy Trial"));
        assertFalse(Abbreviations.namesAProtein("base excess"), "a word ending in -ase must be longer than 4 letters");
    }

    @Test
    void abbreviationFindAndListsDefineShortFormsTheSessionTwoRuleMissed() {
        String text = "Rats were given Atorvastatin (Ato) or cisplatin (CisPt, n = 8). Ato and CisPt lowered it.";
        AnnotatedDocument off = annotator.annotate("b0", text);
        String atorvastatin = find(off, "Atorvastatin").identifier();
        String cisplatin = find(off, "cisplatin").identifier();
        assertTrue(off.mentions().stream().noneMatch(m -> m.text().equals("Ato") && atorvastatin.equals(m.identifier())),
                off.mentions().toString());
        assertTrue(off.mentions().stream().noneMatch(m -> m.text().equals("CisPt") && cisplatin.equals(m.identifier())),
                off.mentions().toString());
        CoreNlpAnnotator on = annotator.withOptions(annotator.options().with(
                new NlpTrain.Args(new String[] {"--abbreviation-find", "true", "--abbreviation-lists", "true"})));
        AnnotatedDocument d = on.annotate("b1", text);
        List<Mention> ato = d.mentions().stream().filter(m -> m.text().equals("Ato")).toList();
        assertEquals(2, ato.size(), d.mentions().toString());
        assertTrue(ato.stream().allMatch(m -> m.type() == EntityType.CHEMICAL && atorvastatin.equals(m.identifier())));
        List<Mention> cispt = d.mentions().stream().filter(m -> m.text().equals("CisPt")).toList();
        assertEquals(2, cispt.size(), d.mentions().toString());
        assertTrue(cispt.stream().allMatch(m -> m.type() == EntityType.CHEMICAL && cisplatin.equals(m.identifier())));
    }

    @Test
    void bracketSynonymsNameTheWordInBracketsAfterAChemical() {
        String text = "Rats were given benzylpenicillin (PG) daily. PG raised the level of copper (II) in them.";
        AnnotatedDocument off = annotator.annotate("p0", text);
        String penicillin = find(off, "benzylpenicillin").identifier();
        assertNotNull(penicillin, off.mentions().toString());
        assertTrue(off.mentions().stream().noneMatch(m -> m.text().equals("PG")), off.mentions().toString());
        CoreNlpAnnotator on = annotator.withOptions(annotator.options().with(
                new NlpTrain.Args(new String[] {"--bracket-synonyms", "CHEMICAL"})));
        AnnotatedDocument d = on.annotate("p1", text);
        List<Mention> pg = d.mentions().stream().filter(m -> m.text().equals("PG")).toList();
        assertEquals(2, pg.size(), d.mentions().toString());
        assertTrue(pg.stream().allMatch(m -> m.type() == EntityType.CHEMICAL && penicillin.equals(m.identifier())),
                d.mentions().toString());
        assertTrue(d.mentions().stream().noneMatch(m -> m.text().equals("II")), d.mentions().toString());
        CoreNlpAnnotator diseases = annotator.withOptions(annotator.options().with(
                new NlpTrain.Args(new String[] {"--bracket-synonyms", "DISEASE"})));
        assertTrue(diseases.annotate("p2", text).mentions().stream().noneMatch(m -> m.text().equals("PG")),
                "only after a mention of a listed type");
    }

    @Test
    void bracketSynonymsSkipVariantsAndDosesAndKeepTheWordsOwnMeshId() {
        CoreNlpAnnotator on = annotator.withOptions(annotator.options().with(
                new NlpTrain.Args(new String[] {"--bracket-synonyms", "CHEMICAL"})));
        String text = "The change of arginine to glutamine (R227Q) was seen in rats given cocaine (20mg/kg) or"
                + " lasmiditan (L-NAME). R227Q lowered it and L-NAME raised it.";
        AnnotatedDocument d = on.annotate("p3", text);
        assertEquals(EntityType.CHEMICAL, find(d, "glutamine").type(), d.mentions().toString());
        assertEquals(EntityType.CHEMICAL, find(d, "cocaine").type(), d.mentions().toString());
        assertTrue(d.mentions().stream().noneMatch(m -> m.type() == EntityType.CHEMICAL
                && (m.text().equals("R227Q") || m.text().contains("mg/kg"))), d.mentions().toString());
        // lasmiditan has no MeSH id in the lexicon, L-NAME has one from the train names: the word keeps its own
        assertNull(find(d, "lasmiditan").xrefs().get("MESH"), d.mentions().toString());
        String lname = find(annotator.annotate("p4", text), "L-NAME").xrefs().get("MESH");
        assertNotNull(lname);
        List<Mention> named = d.mentions().stream().filter(m -> m.text().equals("L-NAME")).toList();
        assertEquals(2, named.size(), d.mentions().toString());
        assertTrue(named.stream().allMatch(m -> m.type() == EntityType.CHEMICAL && lname.equals(m.xrefs().get("MESH"))),
                d.mentions().toString());
    }

    @Test
    void ambiguousSymbolsNeedContextOrDefinition() {
        AnnotatedDocument plain = annotator.annotate("g1", "ALL patients received a CAT scan and we SET the dose.");
        assertTrue(plain.mentions().stream().noneMatch(m -> m.type() == EntityType.GENE), plain.mentions().toString());
        AnnotatedDocument defined = annotator.annotate("g2",
                "Children with acute lymphoblastic leukemia (ALL) were treated. ALL relapsed in two.");
        assertTrue(defined.mentions().stream().filter(m -> m.text().equals("ALL"))
                .allMatch(m -> m.type() == EntityType.DISEASE), defined.mentions().toString());
        AnnotatedDocument gene = annotator.annotate("g3", "Expression of the TP53 gene and BRCA1 protein was measured.");
        assertEquals("7157", find(gene, "TP53").identifier());
        assertEquals("672", find(gene, "BRCA1").identifier());
    }

    @Test
    void extractsInducedDiseaseAsCauses() {
        assertInducedCauses(annotator.annotate("r1", INDUCED));
    }

    @Test
    void sentenceLevelRelationsWithoutPairModel() {
        assertInducedCauses(sentenceLevel);
    }

    @Test
    void documentLevelRelationAcrossSentences() {
        AnnotatedDocument d = annotator.annotate("r3", "Cisplatin nephrotoxicity.\nWe studied 40 patients given cisplatin."
                + " Nephrotoxicity developed after cisplatin in 12 patients.");
        assertTrue(d.relations().stream().anyMatch(x -> x.type() == RelationType.CAUSES && !x.negated()
                && x.subject().text().equalsIgnoreCase("cisplatin") && x.object().text().equalsIgnoreCase("nephrotoxicity")),
                d.relations() + " / " + d.mentions());
    }

    private static void assertInducedCauses(AnnotatedDocument d) {
        Relation r = d.relations().stream().filter(x -> x.subject().text().equals("Cisplatin")
                && x.object().text().equals("nephrotoxicity")).findFirst()
                .orElseThrow(() -> new AssertionError("no relation in " + d.relations() + " / " + d.mentions()));
        assertEquals(RelationType.CAUSES, r.type());
        assertFalse(r.negated());
        assertTrue(r.confidence() >= config.relationThreshold());
        assertTrue(r.triggers().contains("induced"), r.triggers().toString());
        assertEquals(0, r.sentenceIndex());
    }

    @Test
    void givenMentionsReplaceDetectionAndCarryTheirIds() {
        String text = "Cisplatin induced nephrotoxicity in most of the treated patients.";
        List<PubTator.Annotation> gold = List.of(new PubTator.Annotation(0, 9, "Cisplatin", "Chemical", "D002945"),
                new PubTator.Annotation(18, 32, "nephrotoxicity", "Disease", "MESH:D007674"));
        AnnotatedDocument d = annotator.analyseGiven("g1", text, gold).document();
        assertEquals(List.of("Cisplatin", "nephrotoxicity"), d.mentions().stream().map(Mention::text).toList());
        assertEquals("D002945", Evaluation.evalId(d.mentions().get(0)));
        assertEquals("D007674", Evaluation.evalId(d.mentions().get(1)));
        assertTrue(d.relations().stream().anyMatch(r -> r.type() == RelationType.CAUSES
                && Evaluation.evalId(r.subject()).equals("D002945") && Evaluation.evalId(r.object()).equals("D007674")),
                d.relations().toString());
        // an empty list means no mentions at all, not "detect them"
        assertTrue(annotator.analyseGiven("g2", text, List.of()).document().mentions().isEmpty());
    }

    @Test
    void atLeastOnePairAcceptsTheBestChemicalDiseasePairOnlyWhenNoneWasAccepted() {
        String text = "Serum aspirin was measured in the cohort.\nSeveral children of the cohort had asthma years earlier.";
        AnnotatedDocument off = annotator.annotate("a1", text);
        assertTrue(off.relations().stream().noneMatch(r -> r.subject().type() == EntityType.CHEMICAL
                && r.object().type() == EntityType.DISEASE), "precondition: no pair accepted " + off.relations());
        CoreNlpAnnotator on = annotator.withOptions(annotator.options().with(new NlpTrain.Args(
                new String[] {"--at-least-one-pair", "true"})));
        List<Relation> forced = on.annotate("a1", text).relations().stream().filter(r -> r.subject().type() == EntityType.CHEMICAL
                && r.object().type() == EntityType.DISEASE).toList();
        assertEquals(1, forced.size(), forced.toString());
        assertEquals("aspirin", forced.get(0).subject().text());
        assertEquals("asthma", forced.get(0).object().text());
        assertTrue(forced.get(0).confidence() < 0.5, "a fallback pair keeps its low probability: " + forced.get(0));
        // a document whose pair is accepted anyway is unchanged by the option
        assertEquals(annotator.annotate("r1", INDUCED).relations(), on.annotate("r1", INDUCED).relations());
    }

    @Test
    void sequenceVariantsOnlyWithTheOptionAndWithBioredIds() {
        String text = "The BRAF V600E mutation and rs2476601 were found in melanoma; the c.1799T>A change was rare.";
        assertTrue(annotator.annotate("v1", text).mentions().stream().noneMatch(m -> m.type() == EntityType.VARIANT),
                "off by default (older model dirs)");
        CoreNlpAnnotator on = annotator.withOptions(annotator.options().with(new NlpTrain.Args(
                new String[] {"--sequence-variants", "true"})));
        List<Mention> variants = on.annotate("v1", text).mentions().stream()
                .filter(m -> m.type() == EntityType.VARIANT).toList();
        assertEquals(List.of("V600E", "rs2476601", "c.1799T>A"), variants.stream().map(Mention::text).toList(), variants.toString());
        assertEquals(List.of("p|SUB|V|600|E", "rs2476601", "c|SUB|T|1799|A"),
                variants.stream().map(Mention::identifier).toList());
        assertEquals("p|SUB|V|600|E", Evaluation.evalId(variants.get(0)));
        // the pair model of this dir learned no variant families: no variant pairs are proposed
        assertTrue(on.annotate("v1", text).relations().stream().noneMatch(r -> r.subject().type() == EntityType.VARIANT
                || r.object().type() == EntityType.VARIANT));
    }

    /**
     * Session 13, {@code pairs.treatsModel}: NlpTrain writes the TREATS model and its threshold; at run time it decides
     * chemical→disease TREATS alone and leaves the shared pair model's CAUSES relations exactly as they are. And
     * {@code pairs.otherFamiliesLearner}: a second model decides every family but chemical→disease, which it leaves alone.
     */
    @Test
    void aTreatsModelDecidesTreatsAndLeavesCauses(@TempDir Path dir) throws Exception {
        try (var files = Files.walk(models)) {
            for (Path f : files.toList()) {
                Path to = dir.resolve(models.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        NlpConfig c = new NlpConfig(config.sharedData(), dir).withUseCrf(false);
        AnnotatorOptions on = annotator.options().with(new NlpTrain.Args(new String[] {"--treats-model", "true",
                "--other-families-learner", "xgboost:trees=5,depth=2"}));
        try (CoreNlpAnnotator trainer = CoreNlpAnnotator.load(c, on)) {
            PairTrainer.train(c, trainer, NlpTrain.limit(PubTator.read(NlpTrain.bc5cdrTrain(c)), 50),
                    NlpTrain.limit(PubTator.read(NlpTrain.bioredTrain(c)), 20), RelationTrainer.readFolds(c),
                    PairTrainer.SAME_TYPE, 7L);
        }
        java.util.Map<String, Double> thresholds = PairTrainer.readThresholds(c.pairThresholds());
        assertTrue(Files.size(c.pairTreatsModel()) > 0);
        assertTrue(thresholds.containsKey(PairTrainer.TREATS_MODEL), thresholds.toString());
        try (CoreNlpAnnotator treats = CoreNlpAnnotator.load(c, on)) {
            assertTrue(treats.modelVersion().contains(" treats=pairs-treats.model"), treats.modelVersion());
            assertTrue(treats.modelVersion().contains(" others=pairs-others.model"), treats.modelVersion());
            AnnotatorOptions treatsOnly = annotator.options().with(new NlpTrain.Args(new String[] {"--treats-model", "true"}));
            CoreNlpAnnotator shared = treats.withOptions(annotator.options());
            assertFalse(shared.modelVersion().contains(" treats="), "option off: the TREATS model is not read");
            assertFalse(treats.withOptions(treatsOnly).modelVersion().contains(" others="), "option off: not read");
            // the other families' model: gene pairs are its own, chemical→disease pairs are not
            CoreNlpAnnotator.Analysis g = treats.analyse("g1", "BRCA1 mutations cause breast cancer. Tamoxifen inhibits ESR1"
                    + " and treats breast cancer.");
            RelationModel shared0 = RelationModel.load(c.pairModel());
            java.util.function.Function<List<Relation>, List<Relation>> chemDis = rs -> rs.stream()
                    .filter(r -> r.subject().type() == EntityType.CHEMICAL && r.object().type() == EntityType.DISEASE).toList();
            java.util.Map<String, Double> none = new java.util.HashMap<>(thresholds);
            thresholds.keySet().stream().filter(k -> k.startsWith(PairTrainer.OTHERS)).forEach(k -> none.put(k, 1.01));
            List<Relation> routedNone = treats.documentRelations(g, shared0, none, Set.of());
            assertTrue(routedNone.stream().allMatch(r -> r.subject().type() == EntityType.CHEMICAL
                    && r.object().type() == EntityType.DISEASE), "unreachable others' thresholds: " + routedNone);
            assertEquals(chemDis.apply(treats.withOptions(treatsOnly).documentRelations(g, shared0, thresholds, Set.of())),
                    chemDis.apply(treats.documentRelations(g, shared0, thresholds, Set.of())), "chemical→disease as before");
            assertTrue(thresholds.keySet().stream().anyMatch(k -> k.startsWith(PairTrainer.OTHERS + "GENE>")), thresholds.toString());
            assertTrue(thresholds.keySet().stream().noneMatch(k -> k.startsWith(PairTrainer.OTHERS + "CHEMICAL>DISEASE")));
            CoreNlpAnnotator.Analysis a = treats.analyse("t1", "Metformin is used to treat type 2 diabetes and obesity. "
                    + INDUCED + " Lithium caused tremor.");
            RelationModel pairs = RelationModel.load(c.pairModel());
            java.util.function.Function<List<Relation>, List<Relation>> causes =
                    rs -> rs.stream().filter(r -> r.type() == RelationType.CAUSES).toList();
            List<Relation> without = shared.documentRelations(a, pairs, thresholds, Set.of());
            assertEquals(causes.apply(without), causes.apply(treats.documentRelations(a, pairs, thresholds, Set.of())),
                    "CAUSES as the shared pair model decides them");
            java.util.Map<String, Double> all = new java.util.HashMap<>(thresholds);
            all.put(PairTrainer.TREATS_MODEL, 0.0);
            List<Relation> every = treats.documentRelations(a, pairs, all, Set.of());
            assertEquals(causes.apply(without), causes.apply(every));
            assertTrue(every.stream().anyMatch(r -> r.type() == RelationType.TREATS
                    && r.subject().text().equals("Metformin")), "threshold 0: every other chemical→disease pair: " + every);
            all.put(PairTrainer.TREATS_MODEL, 1.01);
            assertTrue(treats.documentRelations(a, pairs, all, Set.of()).stream()
                    .noneMatch(r -> r.type() == RelationType.TREATS), "an unreachable TREATS threshold");
            java.util.Map<String, Double> plain = new java.util.HashMap<>(thresholds); // e.g. PairExperiment's own fit
            plain.keySet().removeIf(k -> k.equals(PairTrainer.TREATS_MODEL) || k.startsWith(PairTrainer.OTHERS));
            for (CoreNlpAnnotator.Analysis x : List.of(a, g)) {
                assertEquals(shared.documentRelations(x, shared0, plain, Set.of()),
                        treats.documentRelations(x, shared0, plain, Set.of()), "without their thresholds: the shared model");
            }
        }
    }

    @Test
    void anotherPairModelDecidesOverTheSameAnalysis() throws Exception {
        String text = "Cisplatin nephrotoxicity.\nWe studied 40 patients given cisplatin. Nephrotoxicity developed after"
                + " cisplatin in 12 patients.";
        CoreNlpAnnotator.Analysis a = annotator.analyse("r3", text);
        // the model dir's own pair model over the analysis: the relations annotate gives
        assertEquals(a.document().relations(), annotator.documentRelations(a, RelationModel.load(config.pairModel()),
                PairTrainer.readThresholds(config.pairThresholds()), Set.of()));
        // a pair model fitted with the session-9 families (PairExperiment's path) reads them
        List<PairTrainer.Analysed> docs = PairTrainer.analyse(annotator,
                NlpTrain.limit(PubTator.read(NlpTrain.bc5cdrTrain(config)), 50), List.of(), RelationTrainer.readFolds(config));
        List<PairTrainer.Row> rows = PairTrainer.rows(docs, Set.of(), null, true, PairFeatures.FAMILIES,
                annotator.knowledge(PairFeatures.FAMILIES), AnnotatorOptions.DEFAULTS);
        assertTrue(rows.stream().allMatch(r -> r.family().equals("CHEMICAL>DISEASE")), "BC5CDR: chemical→disease only");
        assertTrue(rows.stream().anyMatch(r -> java.util.stream.StreamSupport.stream(r.example().spliterator(), false)
                .anyMatch(x -> x.getName().startsWith("CHEMICAL>DISEASE|cue="))), "family and cue features in the rows");
        PairTrainer.Fitted fitted = PairTrainer.fit(rows, "test", 7L);
        assertEquals(Set.of("CHEMICAL>DISEASE"), fitted.thresholds().keySet());
        List<Relation> rel = annotator.documentRelations(a, fitted.model(), fitted.thresholds(), PairFeatures.FAMILIES);
        assertTrue(rel.stream().anyMatch(r -> r.type() == RelationType.CAUSES && !r.negated()
                && r.subject().text().equalsIgnoreCase("cisplatin") && r.object().text().equalsIgnoreCase("nephrotoxicity")),
                rel.toString());
        // session 10: per-type thresholds and competition decide at run time only when the options say so
        AnnotatorOptions typed = annotator.options().with(new NlpTrain.Args(new String[] {"--type-thresholds", "true"}));
        PairTrainer.Fitted perType = PairTrainer.fit(rows, "test", 7L, typed);
        assertTrue(perType.thresholds().containsKey("CHEMICAL>DISEASE:CAUSES"), perType.thresholds().toString());
        java.util.Map<String, Double> strict = new java.util.HashMap<>(fitted.thresholds());
        strict.put("CHEMICAL>DISEASE:CAUSES", 1.01);
        assertTrue(annotator.withOptions(typed).documentRelations(a, fitted.model(), strict, PairFeatures.FAMILIES).stream()
                .noneMatch(r -> r.type() == RelationType.CAUSES), "an unreachable CAUSES threshold");
        assertEquals(rel, annotator.documentRelations(a, fitted.model(), strict, PairFeatures.FAMILIES), "option off: key unread");
        AnnotatorOptions compete = annotator.options().with(new NlpTrain.Args(new String[] {"--pairs-compete", "subject"}));
        java.util.Map<String, Double> best = new java.util.HashMap<>(fitted.thresholds());
        best.put(PairTrainer.RELATIVE + "CHEMICAL>DISEASE", 1.0);
        best.put("CHEMICAL>DISEASE", 0.0);
        CoreNlpAnnotator.Analysis two = annotator.analyse("r4", "Cisplatin nephrotoxicity.\nWe studied 40 patients with"
                + " hypertension given cisplatin. Nephrotoxicity developed after cisplatin in 12 patients.");
        List<Relation> all = annotator.documentRelations(two, fitted.model(), best, PairFeatures.FAMILIES);
        assertEquals(2, all.stream().map(r -> PairFeatures.entityKey(r.object())).distinct().count(),
                "threshold 0, option off: both diseases: " + all);
        List<Relation> one = annotator.withOptions(compete).documentRelations(two, fitted.model(), best, PairFeatures.FAMILIES);
        assertEquals(1, one.stream().map(r -> PairFeatures.entityKey(r.object())).distinct().count(),
                "relative 1.0: only the best disease of the one chemical: " + one);
    }

    @Test
    void negatedMentionNeverYieldsPositiveRelation() {
        AnnotatedDocument d = annotator.annotate("r2", "The patient denies any nephrotoxicity after cisplatin.");
        assertTrue(find(d, "nephrotoxicity").flags().contains(ContextFlag.NEGATED));
        assertTrue(d.relations().stream().allMatch(Relation::negated), d.relations().toString());
    }

    @Test
    void badInputGivesResultOrClearError() {
        assertTrue(annotator.annotate("e", "").mentions().isEmpty());
        assertTrue(annotator.annotate("e2", "   \n ").sentences().isEmpty());
        AnnotatedDocument markup = annotator.annotate("m", "<p>Aspirin &amp; <b>asthma</b>\u0000\uFFFD</p>");
        assertFalse(markup.mentions().isEmpty());
        String longSentence = "aspirin and asthma ".repeat(700);
        long[] before = annotator.parseCounts();
        AnnotatedDocument big = annotator.annotate("long", longSentence);
        assertTrue(big.mentions().size() >= 1000, "2,100-token sentence annotated");
        assertEquals(before[1], annotator.parseCounts()[1], "no parse above maxParseTokens");
        assertTrue(big.relations().size() <= 1, "at most one document-level relation for one entity pair: " + big.relations().size());
        NlpConfig small = new NlpConfig(config.sharedData(), config.modelDir(), 100, 80, 0.5, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> annotator.annotate("x", "a".repeat(config.maxTextChars() + 1)));
        assertTrue(e.getMessage().contains("maxTextChars"));
        assertEquals(100, small.maxTextChars());
    }

    @Test
    void threadSafeSameResultsInParallel() throws Exception {
        String text = "Haloperidol-induced catalepsy was reduced by clozapine in rats with Parkinson disease.";
        AnnotatedDocument expected = annotator.annotate("t", text);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<AnnotatedDocument>> fs = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                fs.add(pool.submit(() -> annotator.annotate("t", text)));
            }
            for (Future<AnnotatedDocument> f : fs) {
                assertEquals(expected, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void evaluationOnDevSliceReachesFloor() {
        List<PubTator.Doc> dev = NlpTrain.limit(readDev(), 40);
        Evaluation.Scores s = Evaluation.evaluate(annotator, dev, null, 1);
        System.out.print("dev slice, dictionary mentions + relation models trained on 160 train docs, pair model on 70: "
                + s.report());
        assertTrue(s.get("NER CHEMICAL").f1() >= FLOOR_CHEMICAL, s.report());
        assertTrue(s.get("NER DISEASE").f1() >= FLOOR_DISEASE, s.report());
        assertTrue(s.get("CID pairs").f1() >= FLOOR_CID, s.report());
    }

    /**
     * Floors a little under what this setup measured on the first 40 dev documents (docs/history/nlp.md, "Measured
     * figures, session 2").
     */
    static final double FLOOR_CHEMICAL = 0.75;
    static final double FLOOR_DISEASE = 0.75;
    static final double FLOOR_CID = 0.25;

    private static List<PubTator.Doc> readDev() {
        try {
            return PubTator.read(config.sharedData().resolve("corpora/bc5cdr/CDR_DevelopmentSet.PubTator.txt"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Gene CRF spans (session 8) resolve as symbol, joined symbol, lexicon name, then upper-cased rodent symbol. */
    @Test
    void geneSpansResolveToEntrez() {
        assertEquals("672", annotator.geneId("BRCA1").id());
        assertEquals("3558", annotator.geneId("IL 2").id(), "the spaced form of IL2");
        assertEquals("7157", annotator.geneId("tumor protein p53").id(), "gene_info full name");
        assertEquals("9132", annotator.geneId("Kcnq4").id(), "rodent capitalisation falls back to the human symbol");
        assertNull(annotator.geneId("zzqx unknown"));
    }
}
