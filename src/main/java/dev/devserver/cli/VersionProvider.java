package dev.devserver.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code devserver --version}: the Maven version and the commit the build came from (git.properties, made at build time). */
public class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties git = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/git.properties")) {
            if (in != null) {
                git.load(in);
            }
        }
        String version = git.getProperty("git.build.version", "unknown");
        String commit = git.getProperty("git.commit.id.abbrev", "");
        if (commit.isEmpty()) {
            return new String[]{"devserver " + version + " (built outside a git checkout: commit unknown)"};
        }
        return new String[]{"devserver " + version + " (commit " + commit + " of " + git.getProperty("git.commit.time", "?") + ")"};
    }
}
