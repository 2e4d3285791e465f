package io.repurpose.api;

import java.io.IOException;
import java.util.List;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.Encoder;
import io.micronaut.serde.Serializer;
import io.repurpose.linkpred.Explanation;
import jakarta.inject.Singleton;

/**
 * Writes an explanation (about 26 kB: ~100 feature contributions, 25 paths with their nodes and edges) straight
 * to the encoder, in the same form as the introspection-based serializer it replaces (record component order,
 * nulls left out as {@code inclusion: non_absent} says, empty lists kept): that one resolved a serializer and
 * checked absence per property and per list element, about half of the JSON time of a varied explanation.
 * Evidence lists are rarely non-empty and go to Micronaut's serializer for {@code List<Evidence>}.
 */
@Singleton
final class ExplanationSerializer implements Serializer<CandidateController.ExplanationResponse> {
    private static final Argument<List<EvidenceRepository.Evidence>> EVIDENCE =
            Argument.listOf(EvidenceRepository.Evidence.class);

    @Override
    public void serialize(Encoder encoder, EncoderContext context,
                          Argument<? extends CandidateController.ExplanationResponse> type,
                          CandidateController.ExplanationResponse x) throws IOException {
        Encoder o = encoder.encodeObject(type);
        string(o, "drugId", x.drugId());
        string(o, "drugName", x.drugName());
        string(o, "diseaseId", x.diseaseId());
        string(o, "diseaseName", x.diseaseName());
        number(o, "score", x.score());
        number(o, "linearScore", x.linearScore());
        number(o, "baseline", x.baseline());
        if (x.features() != null) {
            o.encodeKey("features");
            Encoder a = o.encodeArray(Argument.OBJECT_ARGUMENT);
            for (Explanation.FeatureContribution f : x.features()) {
                Encoder fo = a.encodeObject(Argument.OBJECT_ARGUMENT);
                string(fo, "feature", f.feature());
                number(fo, "value", f.value());
                number(fo, "contribution", f.contribution());
                fo.finishStructure();
            }
            a.finishStructure();
        }
        number(o, "otherFeaturesContribution", x.otherFeaturesContribution());
        o.encodeKey("otherFeatures");
        o.encodeInt(x.otherFeatures());
        if (x.paths() != null) {
            o.encodeKey("paths");
            Encoder a = o.encodeArray(Argument.OBJECT_ARGUMENT);
            for (CandidateController.PathView p : x.paths()) {
                path(a, context, p);
            }
            a.finishStructure();
        }
        number(o, "otherPathsContribution", x.otherPathsContribution());
        o.encodeKey("otherPaths");
        o.encodeInt(x.otherPaths());
        evidence(o, context, "literature", x.literature());
        string(o, "modelVersion", x.modelVersion());
        o.finishStructure();
    }

    private static void path(Encoder a, EncoderContext context, CandidateController.PathView p) throws IOException {
        Encoder po = a.encodeObject(Argument.OBJECT_ARGUMENT);
        string(po, "metapath", p.metapath());
        if (p.nodes() != null) {
            po.encodeKey("nodes");
            Encoder na = po.encodeArray(Argument.OBJECT_ARGUMENT);
            for (Explanation.PathNode n : p.nodes()) {
                Encoder no = na.encodeObject(Argument.OBJECT_ARGUMENT);
                string(no, "label", n.label());
                string(no, "identifier", n.identifier());
                string(no, "name", n.name());
                no.finishStructure();
            }
            na.finishStructure();
        }
        if (p.edges() != null) {
            po.encodeKey("edges");
            Encoder ea = po.encodeArray(Argument.OBJECT_ARGUMENT);
            for (CandidateController.EdgeView e : p.edges()) {
                Encoder eo = ea.encodeObject(Argument.OBJECT_ARGUMENT);
                string(eo, "type", e.type());
                string(eo, "sourceId", e.sourceId());
                string(eo, "targetId", e.targetId());
                eo.encodeKey("literature");
                eo.encodeBoolean(e.literature());
                if (e.documentIds() != null) {
                    eo.encodeKey("documentIds");
                    Encoder da = eo.encodeArray(Argument.OBJECT_ARGUMENT);
                    for (String d : e.documentIds()) {
                        if (d == null) {
                            da.encodeNull();
                        } else {
                            da.encodeString(d);
                        }
                    }
                    da.finishStructure();
                }
                evidence(eo, context, "evidence", e.evidence());
                eo.finishStructure();
            }
            ea.finishStructure();
        }
        number(po, "pathDegreeProduct", p.pathDegreeProduct());
        number(po, "contribution", p.contribution());
        po.finishStructure();
    }

    private static void evidence(Encoder o, EncoderContext context, String key, List<EvidenceRepository.Evidence> list)
            throws IOException {
        if (list == null) {
            return;
        }
        o.encodeKey(key);
        if (list.isEmpty()) {
            o.encodeArray(EVIDENCE).finishStructure();
            return;
        }
        Serializer<? super List<EvidenceRepository.Evidence>> s = context.findSerializer(EVIDENCE)
                .createSpecific(context, EVIDENCE);
        s.serialize(o, context, EVIDENCE, list);
    }

    private static void string(Encoder o, String key, String value) throws IOException {
        if (value != null) {
            o.encodeKey(key);
            o.encodeString(value);
        }
    }

    private static void number(Encoder o, String key, double value) throws IOException {
        o.encodeKey(key);
        o.encodeDouble(value);
    }
}
