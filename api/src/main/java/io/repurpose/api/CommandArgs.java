package io.repurpose.api;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The arguments of a one-shot command ({@code start}, {@code import-hetionet}, {@code train},
 * {@code ingest}): its own flags ({@code --retrain}) and options with a value ({@code --data DIR}),
 * {@code --key=value} settings passed on to the configuration ({@code --repurpose.neo4j.home=...}), and,
 * where the command takes them, operands (files). Anything else is a usage error whose message says what
 * is wrong; {@link #usage} prints it with the command's usage and gives exit code 2.
 *
 * <pre>
 *   CommandArgs a;
 *   long seed;
 *   try {
 *       a = CommandArgs.parse(args, Set.of("--demo"), Set.of("--seed"), false);
 *       seed = a.value("--seed", Long::parseLong, 42L);
 *   } catch (IllegalArgumentException e) {
 *       return CommandArgs.usage(err, e, USAGE);
 *   }
 * </pre>
 */
final class CommandArgs {
    private final Set<String> flags;
    private final Map<String, String> options;
    private final List<String> settings;
    private final List<String> operands;

    private CommandArgs(Set<String> flags, Map<String, String> options, List<String> settings, List<String> operands) {
        this.flags = flags;
        this.options = options;
        this.settings = settings;
        this.operands = operands;
    }

    /**
     * Reads {@code args}: {@code flags} stand alone, {@code options} take the next argument as their value
     * (the last one given counts), {@code --key=value} is a setting, and anything else is an operand when
     * {@code operands} is true.
     *
     * @throws IllegalArgumentException an unknown argument, or an option without its value
     */
    static CommandArgs parse(String[] args, Set<String> flags, Set<String> options, boolean operands) {
        Set<String> seen = new HashSet<>();
        Map<String, String> values = new LinkedHashMap<>();
        List<String> settings = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (flags.contains(a)) {
                seen.add(a);
            } else if (options.contains(a)) {
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException("missing value after " + a);
                }
                values.put(a, args[++i]);
            } else if (a.startsWith("--") && a.indexOf('=') > 2) {
                settings.add(a);
            } else if (operands && !a.startsWith("-")) {
                rest.add(a);
            } else {
                throw new IllegalArgumentException("unknown argument '" + a + "'");
            }
        }
        return new CommandArgs(Set.copyOf(seen), values, List.copyOf(settings), List.copyOf(rest));
    }

    /** Whether the flag was given. */
    boolean has(String flag) {
        return flags.contains(flag);
    }

    /**
     * The option's value read by {@code parser}, or {@code otherwise} when it was not given.
     *
     * @throws IllegalArgumentException the parser refused the value (the message names the option)
     */
    <T> T value(String option, Function<String, T> parser, T otherwise) {
        String v = options.get(option);
        if (v == null) {
            return otherwise;
        }
        try {
            return parser.apply(v);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bad value for " + option + ": '" + v + "'", e);
        }
    }

    /** The {@code --key=value} settings, in order: for the configuration. */
    List<String> settings() {
        return settings;
    }

    /** The operands (files, folders), in order. */
    List<String> operands() {
        return operands;
    }

    /** Prints what is wrong and the command's usage; the exit code of a usage error. */
    static int usage(PrintStream err, IllegalArgumentException problem, String usage) {
        err.println(problem.getMessage());
        err.print(usage);
        return 2;
    }
}
