package dev.devserver.api.kube;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePathScanner;

import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The descriptions of fabric8's model classes and their JSON properties, read at build time from the Javadoc in
 * fabric8's sources jars (the pom copies them): fabric8 generates the classes from Kubernetes' and Knative's own
 * OpenAPI schemas and writes each schema's description as the class's and each getter's Javadoc. Parsed with the
 * JDK's compiler API, one source file per model class that a document uses.
 */
final class ModelDocs {
    /** A type's description and its properties' by JSON name; empty where the sources say nothing. */
    record Doc(String type, Map<String, String> properties) {
        static final Doc NONE = new Doc(null, Map.of());
    }

    private static final Pattern ENTITY = Pattern.compile("&(#\\d+|lt|gt|amp|quot|apos);");
    private final List<FileSystem> jars = new ArrayList<>();
    private final Map<Class<?>, Doc> docs = new HashMap<>();

    /** Without sources: schemas get no descriptions. */
    static ModelDocs none() {
        return new ModelDocs(List.of());
    }

    ModelDocs(List<Path> sourcesJars) {
        for (Path jar : sourcesJars) {
            try {
                jars.add(FileSystems.newFileSystem(jar));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the sources jar " + jar, e);
            }
        }
    }

    Doc of(Class<?> model) {
        return docs.computeIfAbsent(model, this::read);
    }

    private Doc read(Class<?> model) {
        String file = model.getName().replace('.', '/') + ".java";
        for (FileSystem jar : jars) {
            Path source = jar.getPath(file);
            if (Files.exists(source)) {
                try {
                    return parse(model.getSimpleName(), Files.readString(source, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + source, e);
                }
            }
        }
        return Doc.NONE;
    }

    private static Doc parse(String className, String source) throws IOException {
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + className + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        JavacTask task = (JavacTask) ToolProvider.getSystemJavaCompiler()
                .getTask(null, null, null, List.of("-proc:none"), null, List.of(file));
        DocTrees trees = DocTrees.instance(task);
        String[] type = new String[1];
        Map<String, String> properties = new HashMap<>();
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitClass(ClassTree tree, Void unused) {
                if (tree.getSimpleName().contentEquals(className)) {
                    type[0] = text(trees.getDocComment(getCurrentPath()));
                    return super.visitClass(tree, unused);
                }
                return null; // a nested class describes something else
            }

            @Override
            public Void visitMethod(MethodTree tree, Void unused) {
                String property = jsonProperty(tree);
                String doc = text(trees.getDocComment(getCurrentPath()));
                // fabric8 gives a property whose schema is a $ref the enclosing class's description: not the field's
                if (property != null && doc != null && tree.getName().toString().startsWith("get") && !doc.equals(type[0])) {
                    properties.put(property, doc);
                }
                return null;
            }
        }.scan(task.parse(), null);
        return new Doc(type[0], properties);
    }

    /** The name in the method's {@code @JsonProperty("…")}, if it has one. */
    private static String jsonProperty(MethodTree method) {
        for (AnnotationTree annotation : method.getModifiers().getAnnotations()) {
            if (annotation.getAnnotationType().toString().endsWith("JsonProperty") && annotation.getArguments().size() == 1) {
                ExpressionTree argument = annotation.getArguments().get(0);
                if (argument instanceof AssignmentTree assignment) {
                    argument = assignment.getExpression();
                }
                if (argument instanceof LiteralTree literal && literal.getValue() instanceof String name) {
                    return name;
                }
            }
        }
        return null;
    }

    /**
     * The comment as the schema's text again: the generator writes its line breaks as {@code <br><p>} and
     * {@code < > & *} as HTML entities.
     */
    private static String text(String comment) {
        if (comment == null || comment.isBlank()) {
            return null;
        }
        Matcher m = ENTITY.matcher(comment.strip().replace("<br><p> ", "\n").replace("<br><p>", "\n"));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String entity = m.group(1);
            String decoded = switch (entity) {
                case "lt" -> "<";
                case "gt" -> ">";
                case "amp" -> "&";
                case "quot" -> "\"";
                case "apos" -> "'";
                default -> String.valueOf((char) Integer.parseInt(entity.substring(1)));
            };
            m.appendReplacement(out, Matcher.quoteReplacement(decoded));
        }
        m.appendTail(out);
        return out.toString();
    }
}
