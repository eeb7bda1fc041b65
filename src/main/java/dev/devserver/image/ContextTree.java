package dev.devserver.image;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * One folder's part of a build context, walked as Docker's CLI walks a context: symbolic links are entries of their
 * own and never followed, ignored folders are skipped unless a {@code !} rule may bring something back, and
 * devserver's {@code .devserver/} state never goes in. A link whose target lies outside the folder is left out (in the
 * image it would point at nothing, or at the image's own file of that name) and reported.
 */
final class ContextTree {
    /** Kept out of runtime builds by default: the image installs its own dependencies, and history is not code. */
    static final List<String> RUNTIME_IGNORES = List.of("**/node_modules", "**/.git");

    /** A link leaving the walked folder: where it is and what it points at, both as the user would write them. */
    record OutsideLink(String link, String target) {
        /** @param folder how the user names the walked folder, e.g. {@code ./hello} */
        String message(String folder) {
            return folder + "/" + link + " -> " + target + ": a symbolic link to outside the function's folder is left"
                    + " out of the image (Docker archives links, never what they point at); copy the file into the"
                    + " folder if the function needs it";
        }
    }

    final List<ContextEntry> entries = new ArrayList<>();
    final List<OutsideLink> outsideLinks = new ArrayList<>();

    private ContextTree() {
    }

    static ContextTree walk(Path root, String prefix, DockerIgnore ignore) throws IOException {
        ContextTree tree = new ContextTree();
        Path top = root.toRealPath();
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String relative = relative(top, dir);
                if (relative.equals(".devserver")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                boolean skip = !relative.isEmpty() && ignore.ignores(relative) && !ignore.reincludes();
                return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String relative = relative(top, file);
                if (ignore.ignores(relative)) {
                    return FileVisitResult.CONTINUE;
                }
                if (attrs.isSymbolicLink()) {
                    String target = Files.readSymbolicLink(file).toString();
                    if (file.getParent().resolve(target).normalize().startsWith(top)) {
                        tree.entries.add(ContextEntry.link(prefix + relative, target));
                    } else {
                        tree.outsideLinks.add(new OutsideLink(relative, target));
                    }
                } else if (attrs.isRegularFile()) {
                    tree.entries.add(ContextEntry.of(prefix + relative, file, attrs));
                }
                return FileVisitResult.CONTINUE; // sockets, fifos and devices: Docker's context has no use for them
            }
        });
        return tree;
    }

    private static String relative(Path top, Path path) {
        return top.relativize(path).toString().replace('\\', '/');
    }
}
