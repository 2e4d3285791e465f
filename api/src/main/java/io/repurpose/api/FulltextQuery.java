package io.repurpose.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns what a user typed into a Lucene query for Neo4j's full-text index, so that user input is only
 * ever terms, never query syntax. The input is split on everything but letters and digits (so
 * {@code :}, {@code *}, {@code "}, {@code ~}, parentheses and operators disappear), every term is
 * lower-cased (so {@code AND}/{@code OR}/{@code NOT} are words, not operators) and escaped anyway.
 * Each term matches exactly (boost 4), as a prefix (boost 2, terms of 3+ characters) or within an edit
 * distance of 1 (4-6 characters) or 2 (7+), so "metfromin" finds Metformin; all terms must match, and
 * the whole phrase scores highest.
 */
final class FulltextQuery {
    static final int MAX_TERMS = 8;
    static final int MAX_LENGTH = 200;
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final String SPECIAL = "\\+-!():^[]\"{}~*?|&/";

    private FulltextQuery() {
    }

    /** The terms of {@code input}: lower-case runs of letters and digits, at most {@link #MAX_TERMS}. */
    static List<String> terms(String input) {
        List<String> terms = new ArrayList<>();
        for (String t : NON_WORD.split(input.toLowerCase(Locale.ROOT))) {
            if (!t.isEmpty() && terms.size() < MAX_TERMS) {
                terms.add(t);
            }
        }
        return terms;
    }

    /** The Lucene query for {@code input}; empty when it holds no letters or digits. */
    static String build(String input) {
        List<String> terms = terms(input);
        if (terms.isEmpty()) {
            return "";
        }
        List<String> clauses = new ArrayList<>();
        List<String> escaped = new ArrayList<>();
        for (String t : terms) {
            String e = escape(t);
            escaped.add(e);
            StringBuilder c = new StringBuilder("(").append(e).append("^4");
            if (t.length() >= 3) {
                c.append(" OR ").append(e).append("*^2");
            }
            if (t.length() >= 4) {
                c.append(" OR ").append(e).append('~').append(t.length() >= 7 ? 2 : 1);
            }
            clauses.add(c.append(')').toString());
        }
        String all = String.join(" AND ", clauses);
        return terms.size() == 1 ? all : "(\"" + String.join(" ", escaped) + "\")^8 OR (" + all + ")";
    }

    /** Lucene's classic query parser escaping. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (SPECIAL.indexOf(c) >= 0 || Character.isWhitespace(c)) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }
}
