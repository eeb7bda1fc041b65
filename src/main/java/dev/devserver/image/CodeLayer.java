package dev.devserver.image;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A code edit's image as its base image plus one layer: the code files that differ from the base. A runtime template
 * ends with {@code COPY function/ <dest>}, so when nothing below that line changed (runtime files, Dockerfile, build
 * arguments, the manifests earlier steps copy), copying only the changed files over the base's gives the same files
 * as a full build, without sending, hashing and committing the unchanged ones (a 50 MB asset, a 1 GB folder). The
 * layer holds every change since the base, so images stay one layer above it; deleted files, big changes and bases
 * that are themselves stacked too often take a full build.
 */
final class CodeLayer {
    /** How many code layers an image has above its last full build (absent: none). */
    static final String LAYERS_LABEL = "dev.devserver.code-layers";
    private static final int MAX_LAYERS = 3;
    private static final long MAX_CHANGED_BYTES = 64L << 20;
    private static final Pattern CODE_COPY = Pattern.compile("COPY\\s+" + BuildContext.CODE_DIRECTORY + "/\\s+(\\S+)");
    private static final Pattern CODE_PATH = Pattern.compile("(?<=\\s)" + BuildContext.CODE_DIRECTORY + "/\\S*");

    /** An image with everything below its code as {@code belowCode} says, and these code files. */
    private record Base(String imageId, String belowCode, Map<String, String> code, int layers) {
    }

    /**
     * What to send instead of the whole context: a Dockerfile on the base and the changed files ({@code entries}), or
     * the same files for the template's code {@code destination} (relative to the base's working directory), making
     * the image's {@code layers}-th code layer.
     */
    record Plan(String baseImageId, List<ContextEntry> entries, String destination, int layers) {
        /** The changed files as the code COPY places them: relative to the destination, without the Dockerfile. */
        List<ContextEntry> codeFiles() {
            String prefix = BuildContext.CODE_DIRECTORY + "/";
            return entries.stream().filter(e -> e.path().startsWith(prefix))
                    .map(e -> e.withPath(e.path().substring(prefix.length()))).toList();
        }
    }

    private final Map<String, Base> bases = new ConcurrentHashMap<>();

    /** Records that {@code imageId} (tagged {@code image}) holds what {@code digest} describes. */
    void remember(String image, String imageId, Map<String, String> labels, ContextDigest digest) {
        String layers = labels == null ? null : labels.get(LAYERS_LABEL);
        bases.put(repository(image), new Base(imageId, digest.belowCode(), digest.code(),
                layers == null ? 0 : Integer.parseInt(layers)));
    }

    /** The build of {@code image} on its remembered base, or empty when only a full build gives the right files. */
    Optional<Plan> plan(String image, BuildContext context, ContextDigest digest) {
        Base base = bases.get(repository(image));
        Optional<String> dockerfile = context.dockerfile();
        if (base == null || dockerfile.isEmpty() || base.layers >= MAX_LAYERS || !base.belowCode.equals(digest.belowCode())
                || !digest.code().keySet().containsAll(base.code.keySet())) {
            return Optional.empty();
        }
        List<String> instructions = instructions(dockerfile.get());
        Matcher copy = CODE_COPY.matcher(instructions.get(instructions.size() - 1));
        if (!copy.matches()) {
            return Optional.empty(); // compiled runtimes build after copying the code: nothing to reuse
        }
        List<PathMatcher> copiedEarlier = instructions.subList(0, instructions.size() - 1).stream()
                .flatMap(line -> CODE_PATH.matcher(" " + line).results().map(MatchResult::group))
                .map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + (glob.endsWith("/") ? glob + "**" : glob)))
                .toList();
        List<ContextEntry> changed = new ArrayList<>();
        long bytes = 0;
        for (ContextEntry entry : context.entries()) {
            String fingerprint = digest.code().get(entry.path());
            if (fingerprint == null || fingerprint.equals(base.code.get(entry.path()))) {
                continue;
            }
            if (copiedEarlier.stream().anyMatch(m -> m.matches(Path.of(entry.path())))) {
                return Optional.empty(); // a dependency manifest: the install step below the code must run again
            }
            changed.add(entry);
            bytes += entry.length();
        }
        if (changed.isEmpty() || bytes > MAX_CHANGED_BYTES) {
            return Optional.empty();
        }
        String top = "FROM " + base.imageId + "\nLABEL " + LAYERS_LABEL + "=\"" + (base.layers + 1) + "\"\n" + copy.group();
        changed.add(ContextEntry.generated("Dockerfile", top.getBytes(StandardCharsets.UTF_8)));
        return Optional.of(new Plan(base.imageId, changed, copy.group(1), base.layers + 1));
    }

    /** What the next code edit of {@code image}'s function would go on, unless it takes a full build. */
    Optional<LayerBase> nextBase(String image) {
        Base base = bases.get(repository(image));
        return base == null || base.layers >= MAX_LAYERS ? Optional.empty()
                : Optional.of(new LayerBase(base.imageId, Map.of(LAYERS_LABEL, Integer.toString(base.layers + 1))));
    }

    /** The image a remembered base names, to check it still exists. */
    Optional<String> baseOf(String image) {
        return Optional.ofNullable(bases.get(repository(image))).map(Base::imageId);
    }

    void forget(String image) {
        bases.remove(repository(image));
    }

    /** Dockerfile instructions, continuation lines joined, comments and blank lines dropped. */
    static List<String> instructions(String dockerfile) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : dockerfile.split("\n")) {
            String stripped = line.strip();
            if (current.isEmpty() && (stripped.isEmpty() || stripped.startsWith("#"))) {
                continue;
            }
            if (stripped.endsWith("\\")) {
                current.append(stripped.substring(0, stripped.length() - 1).strip()).append(' ');
            } else {
                out.add(current.append(stripped).toString().strip());
                current.setLength(0);
            }
        }
        return out;
    }

    private static String repository(String image) {
        return Objects.requireNonNull(image).replaceFirst(":[^:/]*$", "");
    }
}
