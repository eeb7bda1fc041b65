package dev.devserver.cli;

/**
 * The one colour policy of every line devserver prints: colours only when a console is attached and {@code NO_COLOR}
 * is unset or empty (no-color.org); a pipe or a log file gets plain text.
 */
public final class Ansi {
    static final boolean ENABLED = System.console() != null
            && (System.getenv("NO_COLOR") == null || System.getenv("NO_COLOR").isEmpty());

    enum Colour {
        DIM("2"), RED("31"), GREEN("32"), YELLOW("33"), CYAN("36");

        private final String code;

        Colour(String code) {
            this.code = code;
        }
    }

    private Ansi() {
    }

    public static String dim(String s) {
        return paint(ENABLED, Colour.DIM, s);
    }

    public static String green(String s) {
        return paint(ENABLED, Colour.GREEN, s);
    }

    public static String red(String s) {
        return paint(ENABLED, Colour.RED, s);
    }

    public static String yellow(String s) {
        return paint(ENABLED, Colour.YELLOW, s);
    }

    /** For printers told explicitly whether to colour (tests, a stream that is not stdout). */
    static String paint(boolean enabled, Colour colour, String s) {
        return enabled ? "\u001b[" + colour.code + "m" + s + "\u001b[0m" : s;
    }
}
