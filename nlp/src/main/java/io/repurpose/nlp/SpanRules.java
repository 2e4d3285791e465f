package io.repurpose.nlp;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Two mention-extent rules from the corpora's annotation conventions (session 9), applied to the words of a sentence
 * after the CRF and the lexicon fill; both follow the held-out train half's boundary errors (fold 1).
 * <ul>
 *   <li><b>Salt forms</b>: a chemical mention followed by a counter-ion word takes it in ("dothiepin hydrochloride",
 *   "Galanthamine hydrobromide", "cinacalcet HCl", "clomiphene citrate"); in BC5CDR train such a word ends 58 chemical mentions and
 *   stands just outside one 13 times (BioRED train: 20 and 0).</li>
 *   <li><b>Coordinated modifiers</b>: a disease mention that starts with a modifier ("pericardial effusion") and stands
 *   after "MODIFIER and|or" takes the first modifier in, as the corpora annotate a composite mention ("pleural and
 *   pericardial effusion", "hepatic and renal dysfunction"); both modifiers adjective-shaped (-al, -ic, -ar, -ous,
 *   -ive, ...): in the two train splits 31 such pairs are one composite mention, 3 are not.</li>
 * </ul>
 * The word list and the shape pattern were written before measuring; the mention keeps its identifier (the salt names
 * the same substance; a composite's id is that of its last part).
 */
final class SpanRules {

    /** Counter-ions and hydrates that name a salt form of the chemical before them. */
    static final Set<String> SALT_WORDS = Set.of("hydrochloride", "dihydrochloride", "hcl", "hydrobromide", "hbr",
            "citrate", "maleate", "mesylate", "mesilate", "besylate", "tartrate", "bitartrate", "sulfate", "sulphate",
            "hemisulfate", "fumarate", "succinate", "acetate", "phosphate", "sodium", "potassium", "calcium", "bromide",
            "chloride", "lactate", "gluconate", "nitrate", "dipropionate", "propionate", "valerate", "heptylate",
            "decanoate", "enanthate", "palmitate", "oxalate", "hyclate", "tosylate", "malate", "monohydrate", "dihydrate");

    private static final Set<String> CONJUNCTIONS = Set.of("and", "or", "and/or");

    /** A lower-case adjective-shaped modifier: "pleural", "hepatic", "intraoperative", "cardiovascular". */
    private static final Pattern MODIFIER = Pattern.compile("[a-z][a-z-]*(al|ic|ar|ary|ory|ous|ive)");

    private SpanRules() {
    }

    /** True when the word is a counter-ion or hydrate ({@link #SALT_WORDS}), any case. */
    static boolean saltWord(String word) {
        return SALT_WORDS.contains(word.toLowerCase(Locale.ROOT));
    }

    /** True when the word is an adjective-shaped lower-case modifier. */
    static boolean modifier(String word) {
        return MODIFIER.matcher(word).matches();
    }

    /**
     * The new start of a disease mention [start, end) of the sentence's words under the coordinated-modifier rule, or
     * {@code start} when it does not apply; {@code taken} marks words other mentions hold.
     */
    static int coordinatedStart(List<String> words, int start, int end, boolean[] taken) {
        if (end - start < 2 || start < 2 || taken[start - 1] || taken[start - 2]) {
            return start;
        }
        String first = words.get(start - 2);
        boolean applies = CONJUNCTIONS.contains(words.get(start - 1).toLowerCase(Locale.ROOT))
                && modifier(first) && modifier(words.get(start)) && !first.equals(words.get(start));
        return applies ? start - 2 : start;
    }
}
