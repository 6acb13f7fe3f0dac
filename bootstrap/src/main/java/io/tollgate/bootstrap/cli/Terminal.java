package io.tollgate.bootstrap.cli;

import java.io.Console;
import java.util.Locale;
import java.util.Optional;

/** Asks the operator a yes/no question (Kong's {@code confirm_prompt}), when there is a terminal to ask on. */
interface Terminal {

    /**
     * Asks {@code question} with {@code [Y/n]}, up to three times until the answer is one of y, yes, n, no (any case).
     *
     * @return the answer (no answer counts as no); empty when standard input and output are not a terminal
     */
    Optional<Boolean> confirm(String question);

    /** The process's terminal: {@link System#console()} when it is an interactive one. */
    static Terminal system() {
        return question -> {
            Console console = System.console();
            if (console == null || !isTerminal(console)) {
                return Optional.empty();
            }
            for (int tries = 0; tries < 3; tries++) {
                String answer = console.readLine("> %s [Y/n] ", question);
                if (answer == null) {
                    return Optional.of(false);
                }
                switch (answer.strip().toLowerCase(Locale.ROOT)) {
                    case "y", "yes" -> {
                        return Optional.of(true);
                    }
                    case "n", "no" -> {
                        return Optional.of(false);
                    }
                    default -> {
                        // ask again
                    }
                }
            }
            return Optional.of(false);
        };
    }

    /**
     * Whether the console is an interactive terminal: from JDK 22 {@code System.console()} may return one for
     * redirected streams, and {@code Console.isTerminal()} (JDK 22+, called reflectively as Tollgate builds for 21)
     * tells; on JDK 21 a non-null console is a terminal.
     */
    private static boolean isTerminal(Console console) {
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
