package dev.devserver.observe.query;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The start of a log time range: an age like {@code 90s}, {@code 10m}, {@code 1h}, {@code 2d}, or an instant. */
public final class Since {
    private static final Pattern AGE = Pattern.compile("(\\d{1,9})([smhd])");

    private Since() {
    }

    /** @throws IllegalArgumentException saying what is expected */
    public static Instant parse(String value, Instant now) {
        Matcher age = AGE.matcher(value.trim());
        if (age.matches()) {
            long n = Long.parseLong(age.group(1));
            Duration d = switch (age.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return now.minus(d);
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expected an age like 10m, 1h, 2d or a UTC time like "
                    + "2026-11-25T10:00:00Z, got `" + value + "`");
        }
    }
}
