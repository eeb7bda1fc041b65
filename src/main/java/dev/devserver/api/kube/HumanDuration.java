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
            long s = seconds % 60;
            return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
        }
        if (minutes < 180) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 8) {
            long m = minutes % 60;
            return m == 0 ? hours + "h" : hours + "h" + m + "m";
        }
        if (hours < 48) {
            return hours + "h";
        }
        long days = hours / 24;
        if (days < 8) {
            long h = hours % 24;
            return h == 0 ? days + "d" : days + "d" + h + "h";
        }
        return days < 365 * 2 ? days + "d" : days / 365 + "y" + (days % 365 == 0 ? "" : days % 365 + "d");
    }
}
