package dev.devserver.session;

/** What to tell the user about a failure wrapped in layers of futures and Vert.x exceptions: its innermost message. */
final class Failures {
    private Failures() {
    }

    static String rootMessage(Throwable e) {
        while (e.getCause() != null) {
            e = e.getCause();
        }
        return e.getMessage();
    }
}
