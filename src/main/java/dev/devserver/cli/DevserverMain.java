package dev.devserver.cli;

import dev.devserver.docker.Docker;
import io.quarkus.runtime.ApplicationLifecycleManager;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.lang.reflect.Field;
import java.util.function.BiConsumer;

/**
 * devserver's entry point. Booting Quarkus (Vert.x, config, CDI, Jackson: some 3,900 classes) costs most of a second,
 * and only the verbs that serve ({@code up}, {@code cluster}) need its container, for the Vert.x it manages and its
 * ordered shutdown. Every other verb runs on plain picocli here, with the same error handling and exit codes.
 */
@QuarkusMain
public class DevserverMain {
    public static void main(String... args) {
        CommandLine commandLine = withoutContainer(args);
        if (needsContainer(commandLine, args)) {
            Docker.connectAhead(); // the serving verbs all need the engine: connect while Quarkus boots
            Quarkus.run(WithContainer.class, args);
        } else {
            exit(commandLine.execute(args));
        }
    }

    /**
     * Under Quarkus' test launcher ({@code @QuarkusMainTest}) the exit code goes to the test's handler; in a packaged
     * run straight to System.exit, not through Quarkus' own handler, which first starts JBoss Logging to log it.
     * On bin/devserver's plain class path (the application class loader, neither Quarkus' runner nor its test class
     * loader) nothing can have set a handler, and looking it up would load Quarkus' lifecycle classes for nothing.
     */
    private static void exit(int exitCode) {
        if (DevserverMain.class.getClassLoader() == ClassLoader.getSystemClassLoader()) {
            System.exit(exitCode);
        }
        BiConsumer<Integer, Throwable> handler = ApplicationLifecycleManager.getDefaultExitCodeHandler();
        if (handler.getClass().getEnclosingClass() == ApplicationLifecycleManager.class) {
            System.exit(exitCode);
        }
        handler.accept(exitCode, null);
    }

    /** picocli alone, with the verbs these arguments can reach. */
    static CommandLine withoutContainer(String... args) {
        System.setProperty("picocli.disable.closures", "true"); // else a lookup of Groovy's Closure in every jar
        // picocli's own converters for java.time and java.sql types are found by reflection, which initialises much
        // of java.time (a tenth of --version's time); every devserver option of such a type has its own converter.
        System.setProperty("picocli.converters.excludes", "java\\.(time|sql)\\..*");
        return CommandLineSetup.forArgs(CommandLine.defaultFactory(), args);
    }

    /** The verb's command injects something: only Quarkus' CDI factory can make it. */
    static boolean needsContainer(CommandLine commandLine, String... args) {
        ParseResult parsed;
        try {
            parsed = commandLine.parseArgs(args);
        } catch (ParameterException e) {
            return false; // picocli reports it again, the same way, when the light path executes
        }
        while (parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        for (Class<?> c = parsed.commandSpec().userObject().getClass(); c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.isAnnotationPresent(Inject.class)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The serving verbs: picocli through Quarkus' CDI factory, which injects what they need. */
    public static class WithContainer implements QuarkusApplication {
        @Inject
        CommandLine.IFactory factory;

        @Override
        public int run(String... args) {
            return CommandLineSetup.forArgs(factory, args).execute(args);
        }
    }
}
