package io.repurpose.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The one argument parser of the one-shot commands, and the commands' usage errors (nothing starts). */
class CommandArgsTest {

    @Test
    void flagsOptionsSettingsAndOperands() {
        CommandArgs a = CommandArgs.parse(new String[] {"--demo", "--seed", "7", "--repurpose.neo4j.home=/x", "a.xml",
                "--seed", "8", "dir"}, Set.of("--demo", "--bolt"), Set.of("--seed", "--data"), true);
        assertTrue(a.has("--demo"));
        assertFalse(a.has("--bolt"));
        assertEquals(8L, a.value("--seed", Long::parseLong, 42L), "the last value counts");
        assertEquals(Path.of("d"), a.value("--data", Path::of, Path.of("d")), "absent: the default");
        assertEquals(List.of("--repurpose.neo4j.home=/x"), a.settings());
        assertEquals(List.of("a.xml", "dir"), a.operands());
    }

    @Test
    void usageErrorsSayWhatIsWrong() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CommandArgs.parse(new String[] {"--data"}, Set.of(), Set.of("--data"), false));
        assertEquals("missing value after --data", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> CommandArgs.parse(new String[] {"file.xml"}, Set.of(), Set.of(), false));
        assertEquals("unknown argument 'file.xml'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> CommandArgs.parse(new String[] {"-x"}, Set.of(), Set.of(), true));
        assertEquals("unknown argument '-x'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> CommandArgs.parse(new String[] {"--=x"}, Set.of(), Set.of(), false));
        assertEquals("unknown argument '--=x'", e.getMessage());
        CommandArgs a = CommandArgs.parse(new String[] {"--seed", "x"}, Set.of(), Set.of("--seed"), false);
        e = assertThrows(IllegalArgumentException.class, () -> a.value("--seed", Long::parseLong, 1L));
        assertEquals("bad value for --seed: 'x'", e.getMessage());
    }

    @Test
    void everyCommandAnswersAUsageErrorWithExitCode2AndItsUsage() {
        check(StartCommand::execute, StartCommand.USAGE, "missing value after --data", "--data");
        check(StartCommand::execute, StartCommand.USAGE, "--full and --demo exclude each other", "--full", "--demo");
        check(ImportHetionetCommand::execute, ImportHetionetCommand.USAGE, "bad value for --writers: 'two'",
                "--writers", "two");
        check(ImportHetionetCommand::execute, ImportHetionetCommand.USAGE, "unknown argument 'x'", "x");
        check(TrainCommand::execute, TrainCommand.USAGE, "bad value for --embeddings: 'SOME'", "--embeddings", "SOME");
        check(IngestCommand::execute, IngestCommand.USAGE, "no file or folder to ingest", "--demo");
        check(IngestCommand::execute, IngestCommand.USAGE, "unknown argument '-r'", "-r", "docs");
    }

    private static void check(Command command, String usage, String message, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = command.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, rc, String.join(" ", args));
        assertEquals(message + System.lineSeparator() + usage, err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing ran");
    }

    /** A command's {@code execute(args, out, err)}. */
    interface Command {
        int execute(String[] args, PrintStream out, PrintStream err);
    }
}
