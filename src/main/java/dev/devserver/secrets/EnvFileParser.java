package dev.devserver.secrets;

import dev.devserver.DevserverException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the INI/.env files GitLab's Serverless document passes to {@code --from-env-file}: {@code KEY=VALUE} lines,
 * {@code #} and {@code ;} comments, blank lines, an optional {@code export } prefix, {@code [section]} headers (ignored),
 * and 'single' (literal) or "double" quoted values (escapes \n \t \r \" \\). Unquoted values are taken as they are,
 * trimmed, with no inline comments, as kubectl and docker do. Every bad line is reported at once as FILE:LINE, and
 * no message quotes a line: it might hold a value.
 */
public final class EnvFileParser {
    private final String file;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, String> values = new LinkedHashMap<>();

    private EnvFileParser(String file) {
        this.file = file;
    }

    public static Map<String, String> parse(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new DevserverException("Cannot read env file " + path + ": " + e.getMessage());
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return parse(path.toString(), text);
        } catch (CharacterCodingException e) {
            throw new DevserverException(path + ": not UTF-8 text; save the env file as UTF-8");
        }
    }

    /** @param file how messages name the file */
    public static Map<String, String> parse(String file, String text) {
        EnvFileParser parser = new EnvFileParser(file);
        String[] lines = text.replace("\uFEFF", "").split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            parser.line(i + 1, lines[i]);
        }
        if (!parser.problems.isEmpty()) {
            throw new DevserverException(String.join("\n", parser.problems));
        }
        return parser.values;
    }

    private void line(int number, String raw) {
        String line = raw.strip();
        if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
            return;
        }
        if (line.startsWith("[")) {
            if (!line.endsWith("]")) {
                problem(number, "a section header must end with `]`");
            }
            return;
        }
        if (line.startsWith("export ") || line.startsWith("export\t")) {
            line = line.substring("export".length()).strip();
        }
        int equals = line.indexOf('=');
        if (equals < 0) {
            problem(number, "expected KEY=VALUE (or a comment starting with # or ;)");
            return;
        }
        String key = line.substring(0, equals).strip();
        String keyProblem = SecretNames.keyProblem(key);
        if (keyProblem != null) {
            problem(number, keyProblem);
            return;
        }
        String value = value(number, line.substring(equals + 1).strip());
        if (value != null && values.putIfAbsent(key, value) != null) {
            problem(number, "key `" + key + "` appears twice; keep one of them");
        }
    }

    /** The value, or null after reporting a problem. */
    private String value(int number, String text) {
        if (text.startsWith("'")) {
            int close = text.indexOf('\'', 1);
            if (close < 0) {
                return problem(number, "single-quoted value has no closing ' (values cannot span lines)");
            }
            return afterQuote(number, text, close) ? text.substring(1, close) : null;
        }
        if (text.startsWith("\"")) {
            return doubleQuoted(number, text);
        }
        return text;
    }

    private String doubleQuoted(int number, String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                return afterQuote(number, text, i) ? out.toString() : null;
            }
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                switch (next) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case '"', '\\' -> out.append(next);
                    default -> out.append('\\').append(next); // unknown escapes stay as written, as in dotenv
                }
            } else {
                out.append(c);
            }
        }
        return problem(number, "double-quoted value has no closing \" (use \\n for a line break inside it)");
    }

    /** Only blanks or a comment may follow a closing quote. */
    private boolean afterQuote(int number, String text, int close) {
        String rest = text.substring(close + 1).strip();
        if (rest.isEmpty() || rest.startsWith("#") || rest.startsWith(";")) {
            return true;
        }
        problem(number, "unexpected text after the closing quote; quote the whole value");
        return false;
    }

    private String problem(int number, String message) {
        problems.add(file + ":" + number + ": " + message);
        return null;
    }
}
