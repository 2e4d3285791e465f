import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Maintainer tool (not run by the application): writes the demo graph in demo/graph/ — a hand-picked
 * slice of Hetionet v1.0 (CC0) around well-known drugs and diseases, with Hetionet's own identifiers,
 * in Hetionet's node TSV + edge SIF.gz layout.
 * <pre>
 *   java demo/tools/BuildDemoGraph.java ../shared/data/hetionet demo/graph
 * </pre>
 * Selection: the drugs and diseases named below; the genes most connected to both (bound by the chosen
 * drugs and associated with the chosen diseases) plus a few named ones; the anatomy, symptoms,
 * pharmacologic classes and pathways most connected to those. Every Hetionet edge among the chosen nodes
 * is kept, except that the gene-gene and anatomy-gene types are thinned to a fixed number per type
 * (deterministically, by a hash of the edge) to keep the demo small. The output is deterministic.
 */
public final class BuildDemoGraph {
    static final List<String> DISEASES = List.of("hypertension", "hematologic cancer", "asthma", "breast cancer",
            "coronary artery disease", "epilepsy syndrome", "type 2 diabetes mellitus", "prostate cancer",
            "glaucoma", "psoriasis", "atopic dermatitis", "lung cancer", "ulcerative colitis", "allergic rhinitis",
            "osteoporosis", "rheumatoid arthritis", "acquired immunodeficiency syndrome",
            "systemic lupus erythematosus", "multiple sclerosis", "obesity", "malaria", "gout", "Crohn's disease",
            "migraine", "Alzheimer's disease", "atherosclerosis", "chronic obstructive pulmonary disease",
            "pancreatic cancer", "kidney cancer", "melanoma", "Parkinson's disease", "hepatitis B",
            "psoriatic arthritis", "ankylosing spondylitis", "polycystic ovary syndrome", "metabolic syndrome X",
            "leprosy", "Kawasaki disease", "colon cancer", "type 1 diabetes mellitus");

    static final List<String> COMPOUNDS = List.of(
            // diabetes and metabolism
            "Metformin", "Glipizide", "Glyburide", "Glimepiride", "Pioglitazone", "Rosiglitazone", "Sitagliptin",
            "Acarbose", "Repaglinide", "Nateglinide", "Orlistat",
            // cardiovascular
            "Atorvastatin", "Simvastatin", "Rosuvastatin", "Lovastatin", "Pravastatin", "Fluvastatin",
            "Acetylsalicylic acid", "Clopidogrel", "Losartan", "Valsartan", "Lisinopril", "Enalapril", "Captopril",
            "Ramipril", "Amlodipine", "Nifedipine", "Diltiazem", "Verapamil", "Hydrochlorothiazide", "Furosemide",
            "Spironolactone", "Propranolol", "Metoprolol", "Atenolol", "Carvedilol", "Timolol", "Warfarin",
            "Ezetimibe", "Gemfibrozil", "Fenofibrate", "Niacin", "Doxazosin", "Prazosin", "Minoxidil",
            // oncology
            "Imatinib", "Dasatinib", "Nilotinib", "Bortezomib", "Thalidomide", "Lenalidomide", "Tamoxifen",
            "Raloxifene", "Letrozole", "Anastrozole", "Exemestane", "Methotrexate", "Gefitinib", "Erlotinib",
            "Bicalutamide", "Flutamide", "Cisplatin", "Carboplatin", "Paclitaxel", "Docetaxel", "Doxorubicin",
            "Cyclophosphamide", "Fluorouracil", "Gemcitabine", "Sorafenib", "Sunitinib", "Vincristine", "Etoposide",
            "Melphalan", "Chlorambucil", "Everolimus", "Sirolimus",
            // respiratory and allergy
            "Salbutamol", "Montelukast", "Fluticasone Propionate", "Budesonide", "Salmeterol", "Formoterol",
            "Theophylline", "Ipratropium bromide", "Tiotropium", "Roflumilast", "Zafirlukast", "Cetirizine",
            "Loratadine",
            // immunology and dermatology
            "Prednisone", "Dexamethasone", "Hydrocortisone", "Prednisolone", "Sulfasalazine", "Mesalazine",
            "Azathioprine", "Cyclosporine", "Hydroxychloroquine", "Chloroquine", "Leflunomide", "Tacrolimus",
            "Mycophenolate mofetil", "Calcipotriol", "Acitretin", "Pimecrolimus", "Fingolimod",
            // neurology
            "Levetiracetam", "Valproic Acid", "Carbamazepine", "Lamotrigine", "Phenytoin", "Topiramate",
            "Gabapentin", "Donepezil", "Memantine", "Galantamine", "Rivastigmine", "Sumatriptan", "Amantadine",
            "Pramipexole", "Ropinirole",
            // infection, bone, gout, urology, pain
            "Zidovudine", "Lamivudine", "Tenofovir", "Entecavir", "Efavirenz", "Quinine", "Mefloquine", "Primaquine",
            "Atovaquone", "Proguanil", "Dapsone", "Clofazimine", "Rifampicin", "Allopurinol", "Colchicine",
            "Probenecid", "Alendronate", "Risedronate", "Calcitriol", "Latanoprost", "Sildenafil", "Tadalafil",
            "Finasteride", "Tamsulosin", "Ibuprofen", "Celecoxib", "Naproxen", "Acetaminophen");

    /** Genes every walkthrough mentions: ABL1, KIT, HMGCR, ESR1, PDE5A, PTGS1, PTGS2, PPARG, DHFR, EGFR, AR, ACE. */
    static final List<String> GENES = List.of("25", "3815", "3156", "2099", "8654", "5742", "5743", "5468", "1719",
            "1956", "367", "1636");

    static final int MAX_GENES = 120;
    static final int MAX_ANATOMY = 20;
    static final int MAX_SYMPTOMS = 20;
    static final int MAX_CLASSES = 30;
    static final int MAX_PATHWAYS = 20;
    /** Thinned types: at most this many edges each. */
    static final Map<String, Integer> CAP = Map.of("GiG", 250, "GcG", 150, "Gr>G", 250, "AdG", 120, "AuG", 120,
            "GpPW", 200, "CuG", 200, "CdG", 200, "DuG", 150, "DdG", 150);

    record Edge(String s, String m, String t) {
    }

    public static void main(String[] args) throws IOException {
        Path in = Path.of(args.length > 0 ? args[0] : "../shared/data/hetionet");
        Path out = Path.of(args.length > 1 ? args[1] : "demo/graph");
        Map<String, String[]> nodes = new LinkedHashMap<>();
        Map<String, String> byKindName = new HashMap<>();
        try (BufferedReader r = Files.newBufferedReader(in.resolve("hetionet-v1.0-nodes.tsv"))) {
            r.readLine();
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split("\t");
                nodes.put(f[0], f);
                byKindName.putIfAbsent(f[2] + "|" + f[1].toLowerCase(Locale.ROOT), f[0]);
            }
        }
        List<Edge> edges = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(in.resolve("hetionet-v1.0-edges-19of24.sif.gz"))), StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split("\t");
                edges.add(new Edge(f[0], f[1], f[2]));
            }
        }
        Set<String> diseases = resolve(DISEASES, "Disease", byKindName);
        Set<String> compounds = resolve(COMPOUNDS, "Compound", byKindName);

        // genes: connected to the chosen drugs and diseases
        Map<String, int[]> geneScore = new HashMap<>();
        for (Edge e : edges) {
            if (e.m().equals("CbG") && compounds.contains(e.s())) {
                geneScore.computeIfAbsent(e.t(), k -> new int[2])[0]++;
            } else if (e.m().equals("DaG") && diseases.contains(e.s())) {
                geneScore.computeIfAbsent(e.t(), k -> new int[2])[1]++;
            }
        }
        Set<String> genes = new LinkedHashSet<>();
        GENES.forEach(g -> genes.add("Gene::" + g));
        geneScore.entrySet().stream().filter(en -> en.getValue()[0] > 0 && en.getValue()[1] > 0)
                .sorted(Comparator.<Map.Entry<String, int[]>>comparingInt(en -> -(en.getValue()[0] + en.getValue()[1]))
                        .thenComparing(Map.Entry::getKey))
                .limit(MAX_GENES - genes.size()).forEach(en -> genes.add(en.getKey()));

        Set<String> anatomy = top(edges, "DlA", diseases, MAX_ANATOMY, false);
        Set<String> symptoms = top(edges, "DpS", diseases, MAX_SYMPTOMS, false);
        Set<String> classes = top(edges, "PCiC", compounds, MAX_CLASSES, true);
        Set<String> pathways = top(edges, "GpPW", genes, MAX_PATHWAYS, false);

        Set<String> chosen = new TreeSet<>();
        for (Set<String> s : List.of(diseases, compounds, genes, anatomy, symptoms, classes, pathways)) {
            chosen.addAll(s);
        }
        Map<String, List<Edge>> byType = new TreeMap<>();
        for (Edge e : edges) {
            if (chosen.contains(e.s()) && chosen.contains(e.t())) {
                byType.computeIfAbsent(e.m(), k -> new ArrayList<>()).add(e);
            }
        }
        List<Edge> kept = new ArrayList<>();
        byType.forEach((type, list) -> {
            int cap = CAP.getOrDefault(type, Integer.MAX_VALUE);
            List<Edge> l = new ArrayList<>(list);
            if (l.size() > cap) {
                l.sort(Comparator.comparingInt((Edge e) -> (e.s() + "|" + e.t()).hashCode() * 0x9E3779B1)
                        .thenComparing(e -> e.s() + "|" + e.t()));
                l = l.subList(0, cap);
            }
            kept.addAll(l);
            System.out.printf("%-6s %5d of %5d%n", type, l.size(), list.size());
        });
        // only nodes with at least one kept edge
        Set<String> used = new TreeSet<>();
        kept.forEach(e -> {
            used.add(e.s());
            used.add(e.t());
        });
        used.addAll(diseases);
        used.addAll(compounds);
        kept.sort(Comparator.comparing(Edge::m).thenComparing(Edge::s).thenComparing(Edge::t));

        Files.createDirectories(out);
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("nodes.tsv"), StandardCharsets.UTF_8))) {
            w.print("id\tname\tkind\n");
            for (String id : used) {
                String[] f = nodes.get(id);
                w.print(f[0] + "\t" + f[1] + "\t" + f[2] + "\n");
            }
        }
        try (Writer w = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(out.resolve("edges.sif.gz"))),
                StandardCharsets.UTF_8)) {
            w.write("source\tmetaedge\ttarget\n");
            for (Edge e : kept) {
                w.write(e.s() + "\t" + e.m() + "\t" + e.t() + "\n");
            }
        }
        Map<String, Integer> kinds = new TreeMap<>();
        used.forEach(id -> kinds.merge(nodes.get(id)[2], 1, Integer::sum));
        System.out.println(used.size() + " nodes " + kinds + ", " + kept.size() + " edges -> " + out);
    }

    static Set<String> resolve(List<String> names, String kind, Map<String, String> byKindName) {
        Set<String> ids = new LinkedHashSet<>();
        for (String n : names) {
            String id = byKindName.get(kind + "|" + n.toLowerCase(Locale.ROOT));
            if (id == null) {
                throw new IllegalArgumentException("no " + kind + " named '" + n + "' in Hetionet");
            }
            ids.add(id);
        }
        return ids;
    }

    /** The nodes at the other end of {@code type} edges from {@code from}, most connected first. */
    static Set<String> top(List<Edge> edges, String type, Set<String> from, int max, boolean reversed) {
        Map<String, Integer> count = new HashMap<>();
        for (Edge e : edges) {
            if (e.m().equals(type) && from.contains(reversed ? e.t() : e.s())) {
                count.merge(reversed ? e.s() : e.t(), 1, Integer::sum);
            }
        }
        Set<String> out = new LinkedHashSet<>();
        count.entrySet().stream().filter(en -> !reversed || en.getValue() >= 2)
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry::getKey))
                .limit(max).forEach(en -> out.add(en.getKey()));
        return out;
    }
}
