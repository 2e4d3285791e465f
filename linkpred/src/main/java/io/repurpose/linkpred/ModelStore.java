package io.repurpose.linkpred;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The files of a saved model: {@code tribuo-model.pb} (Tribuo's protobuf, with its provenance),
 * {@code model.tsv} (features, DWPC scales, standardisation, weights), {@code model.properties}
 * (provenance and configuration) and {@code embeddings.tsv} (source and target vectors by identifier).
 */
final class ModelStore {
    static final String TRIBUO = "tribuo-model.pb";
    /** The Rephetio-style part of a mixed model ({@link ModelTrainer#REPHETIO_MIX}; session 6). */
    static final String TRIBUO_REPHETIO = "tribuo-rephetio.pb";
    /** The metric that records how many bags a model has ({@link ModelTrainer#BAGS}; absent = 1). */
    static final String BAGS_METRIC = "train.bags";

    /** Bag {@code b}'s Tribuo model file: {@value #TRIBUO} for the first, {@code tribuo-model-b.pb} after it. */
    static String tribuoFile(int b, boolean rephetio) {
        String name = rephetio ? TRIBUO_REPHETIO : TRIBUO;
        return b == 0 ? name : name.replace(".pb", "-" + b + ".pb");
    }
    static final String TABLE = "model.tsv";
    static final String PROPERTIES = "model.properties";
    static final String EMBEDDINGS = "embeddings.tsv";

    private ModelStore() {
    }

    /**
     * A saved model as read back; the embeddings are parsed only when asked for (explanations need them,
     * candidate lists do not).
     */
    record Saved(ModelInfo info, List<String> features, double[] means, double[] sds, double[] weights, double bias,
                 List<String> metapathNames, double[] scales, List<String> types, Path dir, double rephetioMix) {

        /** The linear model as written in {@value #TABLE} (the same numbers as the Tribuo model's). */
        LinearModel linear() {
            return new LinearModel(features, means, sds, weights, bias);
        }

        Embeddings embeddings(HetGraph g, int sourceKind, int targetKind) {
            String source = "none";
            int dim = 0;
            float[][] s = null;
            float[][] t = null;
            try {
                for (String line : Files.readAllLines(dir.resolve(EMBEDDINGS), StandardCharsets.UTF_8)) {
                    if (line.startsWith("#")) {
                        String[] h = line.substring(1).split("\t");
                        source = h[0];
                        dim = Integer.parseInt(h[1]);
                        s = new float[g.count(sourceKind)][dim];
                        t = new float[g.count(targetKind)][dim];
                        continue;
                    }
                    String[] f = line.split("\t", -1);
                    int i = g.node(f[0].equals("S") ? sourceKind : targetKind, f[1]);
                    if (i < 0 || dim == 0) {
                        continue;
                    }
                    float[] v = new float[dim];
                    String[] xs = f[2].split(",");
                    for (int j = 0; j < dim; j++) {
                        v[j] = Float.parseFloat(xs[j]);
                    }
                    (f[0].equals("S") ? s : t)[i] = v;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the embeddings in " + dir + ": " + e.getMessage(), e);
            }
            if (s == null) {
                throw new IllegalStateException("no embedding header in " + dir.resolve(EMBEDDINGS));
            }
            return new Embeddings(source, dim, s, t);
        }
    }

    static void write(Path dir, ModelInfo info, LinearModel model, FeatureSpace space, List<String> types,
                      double rephetioMix) throws IOException {
        try (Writer w = Files.newBufferedWriter(dir.resolve(TABLE), StandardCharsets.UTF_8)) {
            w.write("feature\tdwpc_scale\tmean\tsd\tweight\n");
            for (int f = 0; f < model.features().size(); f++) {
                String name = model.features().get(f);
                String scale = "";
                if (name.startsWith(FeatureSpace.DWPC)) {
                    int m = space.metapathOf(space.indexes(List.of(name))[0]);
                    scale = Double.toString(space.scale(m));
                }
                w.write(name + "\t" + scale + "\t" + model.means()[f] + "\t" + model.sds()[f] + "\t"
                        + model.weights()[f] + "\n");
            }
            w.write("(intercept)\t\t\t\t" + model.bias() + "\n");
        }
        Properties p = new Properties();
        p.setProperty("version", info.version());
        p.setProperty("dataSnapshotHash", info.dataSnapshotHash());
        p.setProperty("created", info.created().toString());
        p.setProperty("seed", Long.toString(info.seed()));
        p.setProperty("embeddingSource", info.embeddingSource());
        p.setProperty("types", String.join(",", types));
        LinkPredConfig c = info.config();
        p.setProperty("config.damping", Double.toString(c.damping()));
        p.setProperty("config.minMetapathLength", Integer.toString(c.minMetapathLength()));
        p.setProperty("config.maxMetapathLength", Integer.toString(c.maxMetapathLength()));
        p.setProperty("config.relationshipTypes", String.join(",", c.relationshipTypes()));
        p.setProperty("config.treatsType", c.treatsType());
        p.setProperty("config.embeddings", c.embeddings().name());
        p.setProperty("config.embeddingDimension", Integer.toString(c.embeddingDimension()));
        p.setProperty("config.negativesPerPositive", Integer.toString(c.negativesPerPositive()));
        p.setProperty("config.epochs", Integer.toString(c.epochs()));
        p.setProperty("config.learningRate", Double.toString(c.learningRate()));
        p.setProperty("config.minibatchSize", Integer.toString(c.minibatchSize()));
        p.setProperty("config.writeTopPerDrug", Integer.toString(c.writeTopPerDrug()));
        p.setProperty("config.writeTopPerDisease", Integer.toString(c.writeTopPerDisease()));
        p.setProperty("config.folds", Integer.toString(c.folds()));
        info.metrics().forEach((k, v) -> p.setProperty("metric." + k, Double.toString(v)));
        p.setProperty("tribuoProvenance", info.tribuoProvenance());
        p.setProperty("rephetioMix", Double.toString(rephetioMix));
        try (Writer w = Files.newBufferedWriter(dir.resolve(PROPERTIES), StandardCharsets.UTF_8)) {
            p.store(w, "Repurpose link-prediction model");
        }
        Embeddings e = space.embeddings();
        try (Writer w = Files.newBufferedWriter(dir.resolve(EMBEDDINGS), StandardCharsets.UTF_8)) {
            w.write("#" + e.source() + "\t" + e.dimension() + "\n");
            writeVectors(w, "S", space.sourceIds, e.sources());
            writeVectors(w, "T", space.targetIds, e.targets());
        }
    }

    private static void writeVectors(Writer w, String side, String[] ids, float[][] vectors) throws IOException {
        for (int i = 0; i < ids.length; i++) {
            StringBuilder sb = new StringBuilder(side).append('\t').append(ids[i]).append('\t');
            for (int j = 0; j < vectors[i].length; j++) {
                if (j > 0) {
                    sb.append(',');
                }
                sb.append(vectors[i][j]);
            }
            w.write(sb.append('\n').toString());
        }
    }

    static Saved read(Path dir) {
        if (!Files.isRegularFile(dir.resolve(TABLE))) {
            throw new IllegalArgumentException("no link-prediction model in " + dir.toAbsolutePath()
                    + " (missing " + TABLE + "); train one first");
        }
        try {
            List<String> features = new ArrayList<>();
            List<Double> means = new ArrayList<>();
            List<Double> sds = new ArrayList<>();
            List<Double> weights = new ArrayList<>();
            double bias = 0;
            List<String> metapaths = new ArrayList<>();
            List<Double> scales = new ArrayList<>();
            List<String> lines = Files.readAllLines(dir.resolve(TABLE), StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split("\t", -1);
                if (f[0].equals("(intercept)")) {
                    bias = Double.parseDouble(f[4]);
                    continue;
                }
                weights.add(Double.parseDouble(f[4]));
                features.add(f[0]);
                means.add(Double.parseDouble(f[2]));
                sds.add(Double.parseDouble(f[3]));
                if (f[0].startsWith(FeatureSpace.DWPC)) {
                    metapaths.add(f[0].substring(FeatureSpace.DWPC.length()));
                    scales.add(Double.parseDouble(f[1]));
                }
            }
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(dir.resolve(PROPERTIES), StandardCharsets.UTF_8)) {
                p.load(r);
            }
            LinkPredConfig config = new LinkPredConfig(dir, Long.parseLong(p.getProperty("seed")),
                    Double.parseDouble(p.getProperty("config.damping")),
                    Integer.parseInt(p.getProperty("config.minMetapathLength")),
                    Integer.parseInt(p.getProperty("config.maxMetapathLength")),
                    split(p.getProperty("config.relationshipTypes")), p.getProperty("config.treatsType"),
                    LinkPredConfig.EmbeddingSource.valueOf(p.getProperty("config.embeddings")),
                    Integer.parseInt(p.getProperty("config.embeddingDimension")),
                    Integer.parseInt(p.getProperty("config.negativesPerPositive")),
                    Integer.parseInt(p.getProperty("config.epochs")),
                    Double.parseDouble(p.getProperty("config.learningRate")),
                    Integer.parseInt(p.getProperty("config.minibatchSize")),
                    Integer.parseInt(p.getProperty("config.writeTopPerDrug")),
                    Integer.parseInt(p.getProperty("config.writeTopPerDisease")),
                    Integer.parseInt(p.getProperty("config.folds")));
            Map<String, Double> metrics = new LinkedHashMap<>();
            for (String k : p.stringPropertyNames().stream().sorted().toList()) {
                if (k.startsWith("metric.")) {
                    metrics.put(k.substring("metric.".length()), Double.parseDouble(p.getProperty(k)));
                }
            }
            ModelInfo info = new ModelInfo(p.getProperty("version"), p.getProperty("dataSnapshotHash"), features,
                    config, config.seed(), p.getProperty("embeddingSource"), metrics,
                    Instant.parse(p.getProperty("created")), p.getProperty("tribuoProvenance", ""));
            return new Saved(info, features, toArray(means), toArray(sds), toArray(weights), bias, metapaths,
                    toArray(scales), split(p.getProperty("types")), dir,
                    Double.parseDouble(p.getProperty("rephetioMix", "0")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static List<String> split(String s) {
        return s == null || s.isBlank() ? List.of() : Arrays.asList(s.split(","));
    }

    private static double[] toArray(List<Double> list) {
        return list.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
