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
        String version = git.getProperty("version", "unknown");
        String[] commit = git.getProperty("commit", "").trim().split(" "); // abbreviated hash and commit date
        if (commit.length != 2) {
            return new String[]{"devserver " + version + " (built outside a git checkout: commit unknown)"};
        }
        return new String[]{"devserver " + version + " (commit " + commit[0] + " of " + commit[1] + ")"};
    }
}
