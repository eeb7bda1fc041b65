package dev.devserver.secrets;

import dev.devserver.DevserverException;
import dev.devserver.ProblemLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvFileParserTest {
    @TempDir
    Path tmp;

    @Test
    void readsTheIniAndEnvShapes() {
        Map<String, String> values = EnvFileParser.parse("secrets.env", """
                # a comment
                ; an INI comment
                [production]

                MY_SECRET=imverysecure
                export EXPORTED = with spaces around\s\s
                  INDENTED=x
                SINGLE='literal \\n "kept"'   # trailing comment
                DOUBLE="line1\\nline2 \\"quoted\\" back\\\\slash"
                EMPTY=
                EQUALS=a=b=c
                HASH=not#a comment
                dotted.key-name=1
                """);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("MY_SECRET", "imverysecure");
        expected.put("EXPORTED", "with spaces around");
        expected.put("INDENTED", "x");
        expected.put("SINGLE", "literal \\n \"kept\"");
        expected.put("DOUBLE", "line1\nline2 \"quoted\" back\\slash");
        expected.put("EMPTY", "");
        expected.put("EQUALS", "a=b=c");
        expected.put("HASH", "not#a comment");
        expected.put("dotted.key-name", "1");
        assertEquals(expected, values);
    }

    @Test
    void windowsLineEndingsAndBomAreAccepted() {
        assertEquals(Map.of("A", "1", "B", "2"), EnvFileParser.parse("f", "\uFEFFA=1\r\nB=2\r\n"));
    }

    @Test
    void reportsEveryBadLineWithFileAndLineButNeverTheLine() {
        DevserverException e = assertThrows(DevserverException.class, () -> EnvFileParser.parse("conf/secrets.ini", """
                GOOD=1
                canary-no-equals-sign
                BAD KEY=canary1
                =canary2
                Q="canary3
                S='canary4
                T="canary5" trailing
                [broken
                GOOD=2
                """));
        ProblemLines.assertLines(e.getMessage(),
                "conf/secrets.ini:2: expected KEY=VALUE",
                "conf/secrets.ini:3: secret key `BAD KEY` is invalid",
                "conf/secrets.ini:4: a secret key must not be empty",
                "conf/secrets.ini:5: double-quoted value has no closing",
                "conf/secrets.ini:6: single-quoted value has no closing",
                "conf/secrets.ini:7: unexpected text after the closing quote",
                "conf/secrets.ini:8: a section header must end with `]`",
                "conf/secrets.ini:9: key `GOOD` appears twice");
        assertFalse(e.getMessage().contains("canary"), e.getMessage());
    }

    @Test
    void readsFilesAndRejectsNonUtf8() throws IOException {
        Path file = Files.writeString(tmp.resolve("s.env"), "K=v\n");
        assertEquals(Map.of("K", "v"), EnvFileParser.parse(file));
        Path binary = Files.write(tmp.resolve("b.env"), new byte[] {'K', '=', (byte) 0xff, (byte) 0xfe});
        DevserverException e = assertThrows(DevserverException.class, () -> EnvFileParser.parse(binary));
        assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
        DevserverException missing = assertThrows(DevserverException.class, () -> EnvFileParser.parse(tmp.resolve("nope.env")));
        assertTrue(missing.getMessage().startsWith("Cannot read env file"), missing.getMessage());
    }

    @Test
    void revealedOutputReadsBackToTheSameValues() {
        Map<String, String> data = new LinkedHashMap<>();
        for (String v : new String[] {"plain", "", " padded ", "a\"b", "it's", "multi\nline", "tab\there", "back\\slash",
                "#hash", ";semi", "'quoted'", "x #y", "trailing\\"}) {
            data.put("K" + data.size(), v);
        }
        assertEquals(data, EnvFileParser.parse("rendered", EnvFileFormat.render(data)));
    }
}
