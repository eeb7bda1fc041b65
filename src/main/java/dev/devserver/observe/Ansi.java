package dev.devserver.observe;

/** Terminal colours, only when a console is attached and NO_COLOR is unset. */
public final class Ansi {
    private static final boolean ENABLED = System.console() != null && System.getenv("NO_COLOR") == null;

    private Ansi() {
    }

    public static String dim(String s) {
        return wrap("2", s);
    }

    public static String green(String s) {
        return wrap("32", s);
    }

    public static String red(String s) {
        return wrap("31", s);
    }

    public static String yellow(String s) {
        return wrap("33", s);
    }

    private static String wrap(String code, String s) {
        return ENABLED ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
