package io.repurpose.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.micronaut.core.annotation.Nullable;
import io.repurpose.graph.NodeKind;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.util.CharTokenizer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BlendedTermQuery;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.SingleInstanceLockFactory;
import org.apache.lucene.util.BytesRef;

/**
 * An in-memory Lucene index of the graph's entities (identifier, kind, name, synonyms, degree), and the
 * search over it. Immutable once built and safe for concurrent searches; a changed graph means a new
 * instance ({@link EntityIndex} swaps them).
 *
 * <p>What a user types only ever becomes terms, never query syntax: the text goes through the same
 * analyzer as the names (runs of letters and digits, lower-cased, accents folded; everything else
 * separates words), and the query is assembled from {@link TermQuery}, {@link BlendedTermQuery} and
 * {@link PhraseQuery} objects — there is no query parser to inject into.
 *
 * <p>Every word must match the name or a synonym: exactly (boost 4 on the name, 3 on a synonym), as a
 * prefix (3+ characters, a constant 1.5; every word's prefixes are indexed as terms of their own, so a
 * prefix match is one term lookup instead of a prefix automaton built per query) or, for a word that no
 * name holds, within an edit distance of 1 (4-6 characters) or 2 (7+), so "metfromin" finds Metformin;
 * words that exist are taken as meant. The words within reach come from a {@link TypoIndex}
 * (microseconds) rather than {@link FuzzyQuery}'s edit-distance automaton (about 3 ms of CPU for a 2-edit
 * word against Hetionet, most of a search's cost), and are scored as {@code FuzzyQuery} scores them (a
 * blended term query, boosted by closeness, at most {@value #MAX_EXPANSIONS} words). The whole phrase, a whole name or synonym, or the identifier itself
 * score extra, and the entity's degree breaks near-ties (a saturating bonus below 1, so that a
 * well-connected entity comes before an obscure one with a similar name, never before a better match).
 *
 * <p>Results are built from plain arrays indexed by Lucene document id, not from stored fields
 * (decompressing a stored-field block per hit was half of a search's CPU time).
 */
final class EntitySearch {
    static final int MAX_TERMS = 8;
    static final int MAX_LENGTH = 200;
    /** At most this many index words stand for one typed word with a typo (as FuzzyQuery's maxExpansions). */
    static final int MAX_EXPANSIONS = 50;

    static final String KIND = "kind";
    static final String NAME = "name";
    static final String TEXT = "text";
    static final String EXACT = "exact";
    static final String KEY = "key";
    /** Every prefix of 3+ characters of every word of the name and synonyms. */
    static final String PREFIX = "prefix";
    static final int MIN_PREFIX = 3;
    static final String FEATURES = "features";
    static final String DEGREE = "degree";
    /** Doc values: the entry's position in the build order, to find it by document id. */
    static final String ORD = "ord";

    /**
     * Splits on everything but letters and digits, lower-cases, folds accents (ö → o); in {@link #PREFIX},
     * each word becomes its prefixes of {@value #MIN_PREFIX}+ characters.
     */
    static final Analyzer ANALYZER = new Analyzer(Analyzer.PER_FIELD_REUSE_STRATEGY) {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer words = CharTokenizer.fromTokenCharPredicate(Character::isLetterOrDigit);
            TokenStream folded = new ASCIIFoldingFilter(new LowerCaseFilter(words));
            return new TokenStreamComponents(words, PREFIX.equals(fieldName)
                    ? new EdgeNGramTokenFilter(folded, MIN_PREFIX, MAX_LENGTH, false) : folded);
        }
    };

    /** {@link #PREFIX}: matched or not (no frequencies, positions or norms: a prefix match scores a constant). */
    private static final FieldType PREFIX_TYPE = prefixType();

    private static FieldType prefixType() {
        FieldType t = new FieldType();
        t.setIndexOptions(IndexOptions.DOCS);
        t.setTokenized(true);
        t.setOmitNorms(true);
        t.freeze();
        return t;
    }

    /**
     * One entity to index.
     *
     * @param id       identifier within its kind
     * @param kind     node kind
     * @param name     preferred name, if any
     * @param synonyms other names (may be empty)
     * @param degree   number of relationships, for ranking
     */
    record Entry(String id, NodeKind kind, @Nullable String name, List<String> synonyms, long degree) {
        Entry {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(kind, "kind");
            synonyms = synonyms == null ? List.of() : List.copyOf(synonyms);
            if (degree < 0) {
                throw new IllegalArgumentException("degree must be >= 0, got " + degree);
            }
        }
    }

    private final IndexSearcher searcher;
    /** What a hit shows, by document id. */
    private final String[] ids;
    private final String[] kinds;
    private final String[] names;
    private final TypoIndex vocabulary;

    private EntitySearch(IndexSearcher searcher, String[] ids, String[] kinds, String[] names, TypoIndex words) {
        this.searcher = searcher;
        this.ids = ids;
        this.kinds = kinds;
        this.names = names;
        this.vocabulary = words;
    }

    /** Indexes {@code entries} in memory. */
    static EntitySearch build(Iterable<Entry> entries) {
        // each file as one byte array: cheaper to clone and slice per term lookup than a list of buffers
        // (measured: 1.6x faster searches than the default list of buffers; as fast as an mmapped file)
        ByteBuffersDirectory dir = new ByteBuffersDirectory(new SingleInstanceLockFactory(), ByteBuffersDataOutput::new,
                ByteBuffersDirectory.OUTPUT_AS_BYTE_ARRAY);
        List<Entry> all = new ArrayList<>();
        try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(ANALYZER).setRAMBufferSizeMB(64))) {
            for (Entry e : entries) {
                w.addDocument(document(e, all.size()));
                all.add(e);
            }
            w.forceMerge(1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the entity index: " + e.getMessage(), e);
        }
        try {
            DirectoryReader reader = DirectoryReader.open(dir);
            String[] ids = new String[reader.maxDoc()];
            String[] kinds = new String[reader.maxDoc()];
            String[] names = new String[reader.maxDoc()];
            for (LeafReaderContext leaf : reader.leaves()) {
                NumericDocValues ord = leaf.reader().getNumericDocValues(ORD);
                for (int doc = ord == null ? DocIdSetIterator.NO_MORE_DOCS : ord.nextDoc();
                     doc != DocIdSetIterator.NO_MORE_DOCS; doc = ord.nextDoc()) {
                    Entry e = all.get((int) ord.longValue());
                    ids[leaf.docBase + doc] = e.id();
                    kinds[leaf.docBase + doc] = e.kind().label();
                    names[leaf.docBase + doc] = e.name();
                }
            }
            IndexSearcher searcher = new IndexSearcher(reader);
            // an in-memory index this small gains nothing from caching clauses, and the cache's bookkeeping
            // (usage tracking under a lock) runs on every search
            searcher.setQueryCache(null);
            return new EntitySearch(searcher, ids, kinds, names, TypoIndex.of(words(reader)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the entity index: " + e.getMessage(), e);
        }
    }

    /** Every word of the names and synonyms (the {@link #TEXT} field's terms). */
    private static List<String> words(DirectoryReader reader) throws IOException {
        List<String> out = new ArrayList<>();
        Terms terms = MultiTerms.getTerms(reader, TEXT);
        if (terms != null) {
            TermsEnum te = terms.iterator();
            for (BytesRef t = te.next(); t != null; t = te.next()) {
                out.add(t.utf8ToString());
            }
        }
        return out;
    }

    private static Document document(Entry e, int ord) {
        Document d = new Document();
        d.add(new NumericDocValuesField(ORD, ord));
        d.add(new StringField(KIND, e.kind().label(), Field.Store.NO));
        d.add(new StringField(KEY, e.id().toLowerCase(Locale.ROOT), Field.Store.NO));
        if (e.name() != null) {
            d.add(new TextField(NAME, e.name(), Field.Store.NO));
            d.add(new TextField(TEXT, e.name(), Field.Store.NO));
            d.add(new StringField(EXACT, String.join(" ", terms(e.name(), Integer.MAX_VALUE)), Field.Store.NO));
        }
        if (e.name() != null) {
            d.add(new Field(PREFIX, e.name(), PREFIX_TYPE));
        }
        for (String s : e.synonyms()) {
            d.add(new TextField(TEXT, s, Field.Store.NO));
            d.add(new StringField(EXACT, String.join(" ", terms(s, Integer.MAX_VALUE)), Field.Store.NO));
            d.add(new Field(PREFIX, s, PREFIX_TYPE));
        }
        // FeatureField values must be positive; log-like saturation happens at query time
        d.add(new FeatureField(FEATURES, DEGREE, 1f + (float) Math.min(e.degree(), 1_000_000)));
        return d;
    }

    /** How many entities the index holds. */
    int size() {
        return ids.length;
    }

    /** The words of {@code text} as the index sees them; at most {@code max}. */
    static List<String> terms(String text, int max) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = ANALYZER.tokenStream(TEXT, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (out.size() < max && ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
        return out;
    }

    /** The query for what the user typed; null when it holds no letters or digits. */
    @Nullable
    Query query(String input) {
        List<String> terms = terms(input, MAX_TERMS);
        if (terms.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder words = new BooleanQuery.Builder();
        for (String t : terms) {
            List<Query> ways = new ArrayList<>();
            ways.add(new BoostQuery(new TermQuery(new Term(NAME, t)), 4f));
            ways.add(new BoostQuery(new TermQuery(new Term(TEXT, t)), 3f));
            if (t.length() >= MIN_PREFIX) {
                ways.add(new BoostQuery(new ConstantScoreQuery(new TermQuery(new Term(PREFIX, t))), 1.5f));
            }
            if (t.length() >= 4 && !vocabulary.contains(t)) {
                // only a word no name holds is a typo
                Query near = typo(t);
                if (near != null) {
                    ways.add(near);
                }
            }
            words.add(new DisjunctionMaxQuery(ways, 0.1f), Occur.MUST);
        }
        if (terms.size() > 1) {
            words.add(new BoostQuery(new PhraseQuery(TEXT, terms.toArray(String[]::new)), 6f), Occur.SHOULD);
        }
        words.add(new BoostQuery(new TermQuery(new Term(EXACT, String.join(" ", terms))), 8f), Occur.SHOULD);
        // or the identifier as typed (DB00331, DOID:9352): a literal term, no parsing
        Query id = new BoostQuery(new TermQuery(new Term(KEY, input.strip().toLowerCase(Locale.ROOT))), 40f);
        return new BooleanQuery.Builder()
                .add(new BooleanQuery.Builder().add(words.build(), Occur.SHOULD).add(id, Occur.SHOULD).build(),
                        Occur.MUST)
                .add(FeatureField.newSaturationQuery(FEATURES, DEGREE, 0.9f, 20f), Occur.SHOULD)
                .build();
    }

    /**
     * The index words within an edit distance of 1 (4-6 characters) or 2 (7+) of {@code word}, as one
     * query scored the way {@code FuzzyQuery(term, edits, 0, 50, true)} scores them: a blended term query
     * (document frequencies blended so that a rare misspelling-like word does not win on rarity alone),
     * each word boosted by 1 - edits / the shorter length; null when there is none.
     */
    @Nullable
    private Query typo(String word) {
        List<TypoIndex.Match> near = vocabulary.near(word, word.length() >= 7 ? 2 : 1, MAX_EXPANSIONS);
        if (near.isEmpty()) {
            return null;
        }
        BlendedTermQuery.Builder b = new BlendedTermQuery.Builder().setRewriteMethod(BlendedTermQuery.BOOLEAN_REWRITE);
        for (TypoIndex.Match m : near) {
            b.add(new Term(TEXT, m.word()), TypoIndex.boost(word, m));
        }
        return b.build();
    }

    /** One page of matches for {@code input}, best first, with the exact total; 400 when it has no words. */
    Page<EntitySummary> search(String input, @Nullable NodeKind kind, int limit, int offset) {
        Query q = query(input);
        if (q == null) {
            throw ApiException.badRequest("invalid-parameter", "q must contain letters or digits");
        }
        if (kind != null) {
            q = new BooleanQuery.Builder().add(q, Occur.MUST)
                    .add(new TermQuery(new Term(KIND, kind.label())), Occur.FILTER).build();
        }
        try {
            TopDocs top = searcher.search(q, new TopScoreDocCollectorManager(offset + limit, Integer.MAX_VALUE));
            List<EntitySummary> items = new ArrayList<>(Math.max(0, top.scoreDocs.length - offset));
            for (int i = offset; i < top.scoreDocs.length; i++) {
                ScoreDoc sd = top.scoreDocs[i];
                items.add(new EntitySummary(ids[sd.doc], kinds[sd.doc], names[sd.doc], (double) sd.score));
            }
            return new Page<>(items, top.totalHits.value, limit, offset);
        } catch (IOException e) {
            throw new UncheckedIOException("entity search failed: " + e.getMessage(), e);
        }
    }
}
