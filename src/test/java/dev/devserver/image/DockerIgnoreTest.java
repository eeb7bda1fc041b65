package dev.devserver.image;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DockerIgnoreTest {
    private static final DockerIgnore RULES = DockerIgnore.parse(List.of(
            "# comment", "node_modules", "!node_modules/keep.js", "*.log", "!keep.log", "docs/**/*.md", "/build/", "tmp?"));

    @ParameterizedTest
    @CsvSource({
            "node_modules/x/index.js, true",
            "node_modules/keep.js, false",
            "app.log, true",
            "keep.log, false",
            "sub/app.log, false",
            "docs/a/b/readme.md, true",
            "docs/readme.md, true",
            "docs/readme.txt, false",
            "build/out.js, true",
            "tmp1, true",
            "tmp12, false",
            "handler.js, false",
    })
    void followsDockersRules(String path, boolean ignored) {
        assertEquals(ignored, RULES.ignores(path), path);
    }
}
