package io.repurpose.nlp;

import edu.stanford.nlp.pipeline.StanfordCoreNLP;

import java.util.Properties;

/** The CoreNLP pipelines used here, built once per annotator. */
final class Pipelines {

    private Pipelines() {
    }

    /** tokenize, ssplit, pos, lemma: no default NER (news types, slow, useless here). */
    static StanfordCoreNLP base() {
        Properties p = new Properties();
        p.setProperty("annotators", "tokenize,ssplit,pos,lemma");
        p.setProperty("ssplit.newlineIsSentenceBreak", "always");
        p.setProperty("pos.maxlen", "400");
        return new StanfordCoreNLP(p);
    }

    /** tokenize and ssplit only, for building training data. */
    static StanfordCoreNLP tokens() {
        Properties p = new Properties();
        p.setProperty("annotators", "tokenize,ssplit");
        p.setProperty("ssplit.newlineIsSentenceBreak", "always");
        return new StanfordCoreNLP(p);
    }

    /** depparse alone, run on the sentences that hold a candidate pair. */
    static StanfordCoreNLP depparse() {
        Properties p = new Properties();
        p.setProperty("annotators", "depparse");
        p.setProperty("enforceRequirements", "false");
        return new StanfordCoreNLP(p);
    }

    /** CoreNLP's default English pipeline, the speed baseline (with its CRF NER). */
    static StanfordCoreNLP defaultWithNer() {
        Properties p = new Properties();
        p.setProperty("annotators", "tokenize,ssplit,pos,lemma,ner,depparse");
        return new StanfordCoreNLP(p);
    }
}
