package io.repurpose.graph.server;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.neo4j.batchimport.api.InputIterable;
import org.neo4j.batchimport.api.InputIterator;
import org.neo4j.batchimport.api.input.Collector;
import org.neo4j.batchimport.api.input.IdType;
import org.neo4j.batchimport.api.input.Input;
import org.neo4j.batchimport.api.input.InputChunk;
import org.neo4j.batchimport.api.input.InputEntityVisitor;
import org.neo4j.batchimport.api.input.PropertySizeCalculator;
import org.neo4j.batchimport.api.input.ReadableGroups;
import org.neo4j.io.pagecache.context.CursorContext;
import org.neo4j.memory.EmptyMemoryTracker;
import org.neo4j.values.storable.Value;
import org.neo4j.values.storable.Values;

/**
 * Hetionet, read and checked ({@link HetionetReader}), as the batch importer's input: nodes and relationships
 * straight from memory, no CSV written or parsed. Node ids are the store's own ({@link IdType#ACTUAL}): the
 * nodes kind by kind in the kind table's order, each kind in file order. Each node has its kind's label and
 * {@code identifier}, {@code name} and {@code source}; each relationship its metaedge's type and {@code source}.
 */
final class HetionetInput implements Input {
    /** Entities per chunk handed to one importer thread. */
    static final int CHUNK = 10_000;
    /** Nodes whose property sizes are computed for the estimate. */
    static final int SIZE_SAMPLE = 4_096;

    private final String[] identifiers;
    private final String[] names;
    private final byte[] kindOfNode;
    private final String[][] labels;
    private final int[] starts;
    private final int[] ends;
    private final byte[] metaedgeOf;
    private final String[] types;
    private final int relationships;
    private final String source;

    /**
     * @param reader        the reader, after both files were read
     * @param starts        per relationship, the start node's id; {@code relationships} of them are used
     * @param ends          per relationship, the end node's id
     * @param metaedgeOf    per relationship, its metaedge (index into the reader's table)
     * @param relationships how many relationships there are
     * @param source        the {@code source} property of every node and relationship
     */
    HetionetInput(HetionetReader reader, int[] starts, int[] ends, byte[] metaedgeOf, int relationships,
                  String source) {
        if (reader.kinds().size() > Byte.MAX_VALUE || reader.metaedges().size() > Byte.MAX_VALUE) {
            throw new IllegalArgumentException("at most " + Byte.MAX_VALUE + " kinds and metaedges");
        }
        int n = Math.toIntExact(reader.nodeCount());
        this.identifiers = new String[n];
        this.names = new String[n];
        this.kindOfNode = new byte[n];
        this.labels = new String[reader.kinds().size()][];
        int id = 0;
        for (int k = 0; k < reader.kinds().size(); k++) {
            labels[k] = new String[] {reader.kinds().get(k).label()};
            for (String[] node : reader.nodes(k)) {
                identifiers[id] = node[0];
                names[id] = node[1];
                kindOfNode[id++] = (byte) k;
            }
        }
        List<HetionetReader.Metaedge> metaedges = reader.metaedges();
        this.types = metaedges.stream().map(HetionetReader.Metaedge::type).toArray(String[]::new);
        this.starts = starts;
        this.ends = ends;
        this.metaedgeOf = metaedgeOf;
        this.relationships = relationships;
        this.source = source;
    }

    @Override
    public InputIterable nodes(Collector badCollector) {
        return () -> new Chunks(identifiers.length) {
            @Override
            void visit(int i, InputEntityVisitor v) {
                v.id(i);
                v.labels(labels[kindOfNode[i]]);
                v.property("identifier", identifiers[i]);
                v.property("name", names[i]);
                v.property("source", source);
            }
        };
    }

    @Override
    public InputIterable relationships(Collector badCollector) {
        return () -> new Chunks(relationships) {
            @Override
            void visit(int i, InputEntityVisitor v) {
                v.startId(starts[i]);
                v.endId(ends[i]);
                v.type(types[metaedgeOf[i]]);
                v.property("source", source);
            }
        };
    }

    @Override
    public IdType idType() {
        return IdType.ACTUAL;
    }

    @Override
    public ReadableGroups groups() {
        return ReadableGroups.EMPTY;
    }

    /**
     * Exact counts; property sizes as the store will encode them, for nodes from an even sample of at most
     * {@value #SIZE_SAMPLE} nodes (the CSV input samples the start of each file), for relationships from one (their
     * only property is the same everywhere).
     */
    @Override
    public Estimates validateAndEstimate(PropertySizeCalculator sizes) {
        Value src = Values.stringValue(source);
        long sampleBytes = 0;
        int sampled = 0;
        Value[] values = new Value[3];
        for (int i = 0; i < identifiers.length; i += Math.max(1, identifiers.length / SIZE_SAMPLE)) {
            values[0] = Values.stringValue(identifiers[i]);
            values[1] = Values.stringValue(names[i]);
            values[2] = src;
            sampleBytes += sizes.calculateSize(values, CursorContext.NULL_CONTEXT, EmptyMemoryTracker.INSTANCE);
            sampled++;
        }
        long nodeBytes = sampled == 0 ? 0 : sampleBytes * identifiers.length / sampled;
        long relationshipBytes = (long) relationships
                * sizes.calculateSize(new Value[] {src}, CursorContext.NULL_CONTEXT, EmptyMemoryTracker.INSTANCE);
        return Input.knownEstimates(identifiers.length, relationships, 3L * identifiers.length, relationships,
                nodeBytes, relationshipBytes, identifiers.length);
    }

    /** Hands out ranges of {@link #CHUNK} entities to the importer's threads. */
    private abstract static class Chunks implements InputIterator {
        private final int count;
        private final AtomicLong next = new AtomicLong();

        Chunks(int count) {
            this.count = count;
        }

        /** Visits entity {@code i}; the caller ends the entity. */
        abstract void visit(int i, InputEntityVisitor visitor);

        @Override
        public InputChunk newChunk() {
            return new Range();
        }

        @Override
        public boolean next(InputChunk chunk) {
            long from = next.getAndAdd(CHUNK);
            if (from >= count) {
                return false;
            }
            Range r = (Range) chunk;
            r.at = (int) from;
            r.end = (int) Math.min(count, from + CHUNK);
            return true;
        }

        @Override
        public void close() {
        }

        private final class Range implements InputChunk {
            private int at;
            private int end;

            @Override
            public boolean next(InputEntityVisitor visitor) throws java.io.IOException {
                if (at >= end) {
                    return false;
                }
                visit(at++, visitor);
                visitor.endOfEntity();
                return true;
            }

            @Override
            public void close() {
            }
        }
    }
}
