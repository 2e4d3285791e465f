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
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.util.CharTokenizer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * An in-memory Lucene index of the graph's entities (identifier, kind, name, synonyms, degree), and the
 * search over it. Immutable once built and safe for concurrent searches; a changed graph means a new
 * instance ({@link EntityIndex} swaps them).
 *
 * <p>What a user types only ever becomes terms, never query syntax: the text goes through the same
 * analyzer as the names (runs of letters and digits, lower-cased, accents folded; everything else
 * separates words), and the query is assembled from {@link TermQuery}, {@link PrefixQuery},
 * {@link FuzzyQuery} and {@link PhraseQuery} objects — there is no query parser to inject into.
 *
 * <p>Every word must match the name or a synonym: exactly (boost 4 on the name, 3 on a synonym), as a
 * prefix (3+ characters, boost 1.5) or, for a word that no name holds, within an edit distance of 1 (4-6
 * characters) or 2 (7+), so "metfromin" finds Metformin. (Building the edit-distance automaton is most of
 * a search's cost, about 3 ms of CPU for a 2-edit word against Hetionet, 0.1-0.4 ms without: words that
 * exist are taken as meant.) The whole phrase, a whole name or synonym, or the identifier itself
 * score extra, and the entity's degree breaks near-ties (a saturating bonus below 1, so that a
 * well-connected entity comes before an obscure one with a similar name, never before a better match).
 */
final class EntitySearch {
    static final int MAX_TERMS = 8;
    static final int MAX_LENGTH = 200;

    static final String ID = "id";
    static final String KIND = "kind";
    static final String NAME = "name";
    static final String TEXT = "text";
    static final String EXACT = "exact";
    static final String KEY = "key";
    static final String FEATURES = "features";
    static final String DEGREE = "degree";

    /** Splits on everything but letters and digits, lower-cases, folds accents (ö → o). */
    static final Analyzer ANALYZER = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer words = CharTokenizer.fromTokenCharPredicate(Character::isLetterOrDigit);
            return new TokenStreamComponents(words, new ASCIIFoldingFilter(new LowerCaseFilter(words)));
        }
    };

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
    private final int size;

    private EntitySearch(IndexSearcher searcher, int size) {
        this.searcher = searcher;
        this.size = size;
    }

    /** Indexes {@code entries} in memory. */
    static EntitySearch build(Iterable<Entry> entries) {
        ByteBuffersDirectory dir = new ByteBuffersDirectory();
        int n = 0;
        try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(ANALYZER).setRAMBufferSizeMB(64))) {
            for (Entry e : entries) {
                w.addDocument(document(e));
                n++;
            }
            w.forceMerge(1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the entity index: " + e.getMessage(), e);
        }
        try {
            return new EntitySearch(new IndexSearcher(DirectoryReader.open(dir)), n);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the entity index: " + e.getMessage(), e);
        }
    }

    private static Document document(Entry e) {
        Document d = new Document();
        d.add(new StoredField(ID, e.id()));
        d.add(new StringField(KIND, e.kind().label(), Field.Store.YES));
        d.add(new StringField(KEY, e.id().toLowerCase(Locale.ROOT), Field.Store.NO));
        if (e.name() != null) {
            d.add(new StoredField(NAME, e.name()));
            d.add(new TextField(NAME, e.name(), Field.Store.NO));
            d.add(new TextField(TEXT, e.name(), Field.Store.NO));
            d.add(new StringField(EXACT, String.join(" ", terms(e.name(), Integer.MAX_VALUE)), Field.Store.NO));
        }
        for (String s : e.synonyms()) {
            d.add(new TextField(TEXT, s, Field.Store.NO));
            d.add(new StringField(EXACT, String.join(" ", terms(s, Integer.MAX_VALUE)), Field.Store.NO));
        }
        // FeatureField values must be positive; log-like saturation happens at query time
        d.add(new FeatureField(FEATURES, DEGREE, 1f + (float) Math.min(e.degree(), 1_000_000)));
        return d;
    }

    /** How many entities the index holds. */
    int size() {
        return size;
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
            if (t.length() >= 3) {
                ways.add(new BoostQuery(new PrefixQuery(new Term(TEXT, t)), 1.5f));
            }
            if (t.length() >= 4 && !known(t)) {
                // only a word no name holds is a typo: building the edit-distance automaton costs milliseconds
                ways.add(new FuzzyQuery(new Term(TEXT, t), t.length() >= 7 ? 2 : 1, 0, 50, true));
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

    /** Whether some name or synonym holds the word {@code term} (a term-dictionary lookup). */
    private boolean known(String term) {
        try {
            return searcher.getIndexReader().docFreq(new Term(TEXT, term)) > 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
            StoredFields stored = searcher.storedFields();
            List<EntitySummary> items = new ArrayList<>();
            for (int i = offset; i < top.scoreDocs.length; i++) {
                ScoreDoc sd = top.scoreDocs[i];
                Document d = stored.document(sd.doc);
                items.add(new EntitySummary(d.get(ID), d.get(KIND), d.get(NAME), (double) sd.score));
            }
            return new Page<>(items, top.totalHits.value, limit, offset);
        } catch (IOException e) {
            throw new UncheckedIOException("entity search failed: " + e.getMessage(), e);
        }
    }
}
