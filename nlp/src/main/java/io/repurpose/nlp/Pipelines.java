package io.repurpose.nlp;

import edu.stanford.nlp.parser.nndep.DependencyParser;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;

import java.util.Properties;

/** The CoreNLP pipelines used here, built once per annotator. */
final class Pipelines {

    private Pipelines() {
    }

    /**
     * pos and lemma alone, run (like the parser) only on the sentences that hold a candidate pair: mentions need
     * words only, so tagging every sentence would be wasted work. No default NER (news types, slow, useless here).
     */
    static StanfordCoreNLP posLemma() {
        Properties p = new Properties();
        p.setProperty("annotators", "pos,lemma");
        p.setProperty("enforceRequirements", "false");
        p.setProperty("pos.maxlen", "400");
        return new StanfordCoreNLP(p);
    }

    /** tokenize and ssplit only: what every sentence gets (mention detection needs words only). */
    static StanfordCoreNLP tokens() {
        Properties p = new Properties();
        p.setProperty("annotators", "tokenize,ssplit");
        p.setProperty("ssplit.newlineIsSentenceBreak", "always");
        return new StanfordCoreNLP(p);
    }

    /**
     * CoreNLP's neural dependency parser (Chen &amp; Manning 2014), used directly rather than through the depparse
     * annotator, which also builds enhanced and enhanced++ graphs (≈ 12 % of the annotator's time in a JFR
     * profile) that nothing here reads.
     */
    static DependencyParser dependencyParser() {
        return DependencyParser.loadFromModelFile(DependencyParser.DEFAULT_MODEL);
    }

    /** CoreNLP's default English pipeline, the speed baseline (with its CRF NER). */
    static StanfordCoreNLP defaultWithNer() {
        Properties p = new Properties();
        p.setProperty("annotators", "tokenize,ssplit,pos,lemma,ner,depparse");
        return new StanfordCoreNLP(p);
    }
}
