package dev.devserver.api.kube;

/** Durations as kubectl prints ages (apimachinery's HumanDuration): 45s, 12m, 3h20m, 5d. */
final class HumanDuration {
    private HumanDuration() {
    }

    static String of(long seconds) {
        if (seconds < 120) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 10) {
            return pair(minutes, "m", seconds % 60, "s");
        }
        if (minutes < 180) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 8) {
            return pair(hours, "h", minutes % 60, "m");
        }
        if (hours < 48) {
            return hours + "h";
        }
        long days = hours / 24;
        if (days < 8) {
            return pair(days, "d", hours % 24, "h");
        }
        return days < 365 * 2 ? days + "d" : pair(days / 365, "y", days % 365, "d");
    }

    /** "3h20m", or "3h" when the smaller unit is zero, as kubectl prints it. */
    private static String pair(long big, String bigUnit, long small, String smallUnit) {
        return small == 0 ? big + bigUnit : big + bigUnit + small + smallUnit;
    }
}
