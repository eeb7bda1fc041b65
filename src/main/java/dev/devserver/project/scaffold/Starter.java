package dev.devserver.project.scaffold;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A new function's first files: those of one {@code sample-functions/} folder, which the build packs into the jar
 * as {@code starters/<sample>/} so that {@code init} works outside a devserver checkout.
 *
 * @param runtime  the runtime alias, or {@link #DOCKERFILE} for a function built from its own Dockerfile
 * @param sample   folder under {@code sample-functions/} (and {@code starters/} in the jar)
 * @param handler  {@code handler:} to write, null when the runtime finds it by convention; {@code {name}} = the function
 * @param files    file paths inside the sample; a {@code {name}} in a target name is replaced by the function name
 */
public record Starter(String runtime, String sample, String handler, List<StarterFile> files) {
    public static final String DOCKERFILE = "dockerfile";

    /** One file: where it is in the sample, and where it goes in the new function's folder. */
    public record StarterFile(String resource, String target) {
        String target(String function) {
            return target.replace("{name}", function);
        }
    }

    /** Keyed by {@code --runtime}; every alias of {@code Runtimes.ALIASES} plus {@code dockerfile}. */
    public static final Map<String, Starter> ALL = Stream.of(
            // The nodejs runtime loads <handler>.js, so the file takes the function's name as GitLab's example does.
            new Starter("gitlab/runtimes/nodejs", "echo-js", "{name}", List.of(new StarterFile("echo-js.js", "{name}.js"))),
            new Starter("gitlab/runtimes/ruby", "echo-rb", "MyEcho.my_function", same("my_echo.rb")),
            new Starter("gitlab/runtimes/go", "echo-go", "Echo", same("echo.go", "go.mod", "vendor/modules.txt",
                    "vendor/example.com/headers/headers.go")),
            new Starter("openfaas/classic/python3", "hello-python3", null, same("handler.py")),
            new Starter("openfaas/classic/python", "hello-python", null, same("handler.py")),
            new Starter("openfaas/classic/node", "hello-node", null, same("handler.js")),
            new Starter("openfaas/classic/ruby", "hello-ruby", null, same("handler.rb")),
            new Starter("openfaas/classic/php7", "hello-php7", null, same("src/Handler.php", "lib/Formatter.php", "composer.json")),
            new Starter("openfaas/classic/go", "hello-go", null, same("handler.go", "go.mod", "vendor/modules.txt",
                    "vendor/example.com/greeting/greeting.go")),
            new Starter("openfaas/classic/csharp", "hello-csharp", null, same("FunctionHandler.cs", "Function.csproj")),
            new Starter(DOCKERFILE, "hello-docker", null, same("Dockerfile", "cgi-bin/index.cgi"))
    ).collect(Collectors.toUnmodifiableMap(Starter::runtime, Function.identity()));

    private static List<StarterFile> same(String... paths) {
        return Stream.of(paths).map(p -> new StarterFile(p, p)).toList();
    }

    /** The {@code runtime:} value to write, null for a Dockerfile function. */
    String runtimeKey() {
        return DOCKERFILE.equals(runtime) ? null : runtime;
    }

    String handler(String function) {
        return handler == null ? null : handler.replace("{name}", function);
    }

    String resourcePath(StarterFile file) {
        return "starters/" + sample + "/" + file.resource();
    }
}
