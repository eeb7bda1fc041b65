package dev.devserver.project;

import dev.devserver.DevserverException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Finds and reads a project: {@code serverless.yml} (FUNCTIONS mode) or a lone root Dockerfile (APPLICATION). */
public final class ProjectLoader {
    public static final String SERVERLESS_FILE = "serverless.yml";

    private ProjectLoader() {
    }

    /**
     * @param fileOrDir a serverless.yml path, or a project directory
     * @throws DevserverException exit code 2 listing every problem, one per line, as FILE:LINE:COLUMN: message
     */
    public static Project load(Path fileOrDir, Settings settings) {
        if (Files.isDirectory(fileOrDir)) {
            Path yml = fileOrDir.resolve(SERVERLESS_FILE);
            if (Files.isRegularFile(yml)) {
                return loadFile(yml, fileOrDir, settings);
            }
            if (Files.isRegularFile(fileOrDir.resolve("Dockerfile"))) {
                return application(fileOrDir, settings);
            }
            throw noProject(fileOrDir, List.of(fileOrDir));
        }
        if (!Files.exists(fileOrDir)) {
            throw new DevserverException(DevserverException.INVALID_PROJECT, fileOrDir + ": no such file");
        }
        Path parent = fileOrDir.toAbsolutePath().getParent();
        return loadFile(fileOrDir, parent, settings);
    }

    /** Validates text without touching the YAML file itself (source and runtime paths are still checked). */
    public static Project parse(String yamlText, Path projectDir, Path fileForMessages, Settings settings) {
        Settings s = settings == null ? Settings.defaults() : settings;
        ProjectDir dir = new ProjectDir(projectDir);
        Problems problems = new Problems(fileForMessages == null ? SERVERLESS_FILE : fileForMessages.toString());
        try {
            var root = YamlTree.compose(yamlText, problems);
            Project project = root == null ? null
                    : new ServerlessReader(problems, dir).read(root, fileForMessages, namespace(dir, s), domain(s));
            if (problems.any() || project == null) {
                throw problems.exception();
            }
            return project;
        } catch (RuntimeException | StackOverflowError e) {
            if (e instanceof DevserverException d) {
                throw d;
            }
            // A bug of ours must still reach the user as one line, never as a stack trace.
            throw new DevserverException(DevserverException.FAILURE, "internal error while reading "
                    + (fileForMessages == null ? SERVERLESS_FILE : fileForMessages) + ": " + e);
        }
    }

    private static Project loadFile(Path file, Path dir, Settings settings) {
        try {
            if (Files.size(file) > YamlTree.MAX_CODE_POINTS) {
                throw new DevserverException(DevserverException.INVALID_PROJECT, file
                        + ":1:1: file is larger than 3 MB; a serverless.yml is a few lines long - is this the right file?");
            }
            return parse(decodeUtf8(file, Files.readAllBytes(file)), dir, file, settings);
        } catch (IOException e) {
            throw new DevserverException(DevserverException.FAILURE, file + ": cannot read: " + e.getMessage());
        }
    }

    /** Strict UTF-8: a binary or Latin-1 file is reported at the first bad byte instead of read as garbage. */
    private static String decodeUtf8(Path file, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            String before = new String(bytes, 0, in.position(), StandardCharsets.UTF_8);
            int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
            int column = before.length() - before.lastIndexOf('\n');
            throw new DevserverException(DevserverException.INVALID_PROJECT, String.format(
                    "%s:%d:%d: file is not UTF-8 text (byte 0x%02X); is this a binary file? save serverless.yml as UTF-8",
                    file, line, column, bytes[in.position()] & 0xFF));
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    private static Project application(Path dirPath, Settings settings) {
        Settings s = settings == null ? Settings.defaults() : settings;
        ProjectDir dir = new ProjectDir(dirPath);
        String name = Names.sanitizeLabel(dirName(dir));
        name = name.isEmpty() ? "app" : name;
        FunctionSpec app = new FunctionSpec(name, name, null, dir.real(), null, null, Map.of(), List.of(), Map.of(),
                Map.of(), null, 0);
        return new Project(dir.real(), null, Mode.APPLICATION, name, null, namespace(dir, s), domain(s), null,
                Map.of(), List.of(), Map.of(), List.of(app), List.of());
    }

    private static String dirName(ProjectDir dir) {
        Path name = dir.real().getFileName();
        return name == null ? "" : name.toString();
    }

    /** {@code --namespace}/KUBE_NAMESPACE if given, else {@code <project-dir>-local} made a DNS label. */
    private static String namespace(ProjectDir dir, Settings s) {
        if (s.namespace() != null) {
            if (!Names.isLabel(s.namespace())) {
                throw new DevserverException(DevserverException.FAILURE, "namespace `" + s.namespace()
                        + "` is not a valid Kubernetes namespace: use at most 63 lowercase letters, digits and `-`,"
                        + " starting and ending with a letter or digit (check --namespace and KUBE_NAMESPACE)");
            }
            return s.namespace();
        }
        return localNamespace(dir.real());
    }

    /** The namespace of a project in {@code dir} when neither --namespace nor KUBE_NAMESPACE gives one. */
    public static String localNamespace(Path dir) {
        Path name = dir.getFileName();
        String ns = Names.sanitizeLabel((name == null ? "" : name) + "-local");
        return ns.isEmpty() ? "devserver-local" : ns;
    }

    private static String domain(Settings s) {
        if (!Names.isSubdomain(s.domain())) {
            throw new DevserverException(DevserverException.FAILURE, "domain `" + s.domain()
                    + "` is not a valid DNS name: use lowercase letters, digits, `-` and `.` (check --domain)");
        }
        return s.domain();
    }

    /** @param looked the folders searched, {@code dir} first (more than one when discovery walked up) */
    static DevserverException noProject(Path dir, List<Path> looked) {
        Path yamlDir = looked.stream().filter(d -> Files.isRegularFile(d.resolve("serverless.yaml"))).findFirst().orElse(null);
        String yaml = yamlDir == null ? "" : " (found " + yamlDir.resolve("serverless.yaml")
                + ": GitLab Serverless reads serverless.yml, so rename it)";
        String where = looked.size() == 1 ? " here" : " here or in any folder above (looked in "
                + String.join(", ", looked.stream().map(Path::toString).toList()) + ")";
        return new DevserverException(DevserverException.INVALID_PROJECT, dir.toAbsolutePath().normalize()
                + ": no serverless.yml and no Dockerfile" + where + yaml + ". Add a serverless.yml, for example:\n"
                + "  service: functions\n"
                + "  functions:\n"
                + "    echo:\n"
                + "      handler: echo\n"
                + "      source: ./echo\n"
                + "      runtime: gitlab/runtimes/nodejs\n"
                + "or add a Dockerfile at the project root to run it as a single application.");
    }
}
