package dev.devserver.secrets;

import java.util.Map;
import java.util.regex.Pattern;

/** Writes KEY=VALUE lines that {@link EnvFileParser} reads back to the same values (for `secret get --reveal`). */
public final class EnvFileFormat {
    private static final Pattern PLAIN = Pattern.compile("[^\\s\"'#;\\\\]([^\\n\\r\\t\"\\\\]*[^\\s\\\\])?");

    private EnvFileFormat() {
    }

    public static String render(Map<String, String> data) {
        StringBuilder out = new StringBuilder();
        data.forEach((key, value) -> out.append(key).append('=').append(quote(value)).append('\n'));
        return out.toString();
    }

    /** Plain when reading it back gives the same text; else double-quoted with escapes. */
    static String quote(String value) {
        if (value.isEmpty() || PLAIN.matcher(value).matches()) {
            return value;
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
                .replace("\t", "\\t") + '"';
    }
}
