package dev.devserver.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.time.Duration;

/** The packaged `devserver` command (target/quarkus-app/quarkus-run.jar) run as a user runs it, output in a file. */
public final class DevserverProcess implements AutoCloseable {
    public static final Path JAR = Engine.CHECKOUT.resolve("target/quarkus-app/quarkus-run.jar");

    private final Process process;
    private final Path output;

    private DevserverProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts {@code devserver ARGS} in {@code dir}; its output (stdout and stderr) goes to {@code output}. */
    public static DevserverProcess start(Path dir, Path output, String... args) throws IOException {
        return start(List.of(), dir, output, args);
    }

    /** Like {@link #start(Path, Path, String...)} with JVM options (what bin/devserver takes from DEVSERVER_JAVA_OPTS). */
    public static DevserverProcess start(List<String> jvmOptions, Path dir, Path output, String... args) throws IOException {
        // A shell starts background jobs with SIGINT ignored, and a JVM keeps an ignored SIGINT ignored: without the
        // reset, a suite run as `bin/test &` sees Ctrl-C do nothing. The user's terminal never has it ignored.
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT", "java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("DEVSERVER_OFFLINE_BASES", "1");
        builder.environment().put("DEVSERVER_RUNTIMES", Engine.CHECKOUT.resolve("runtimes").toString());
        return new DevserverProcess(builder.start(), output);
    }

    /** Runs {@code devserver ARGS} to the end; returns its exit code (output in {@link #output()}). */
    public static DevserverProcess run(Path dir, Path output, String... args) throws Exception {
        DevserverProcess p = start(dir, output, args);
        if (!p.process.waitFor(180, TimeUnit.SECONDS)) {
            p.process.destroyForcibly();
            throw new AssertionError("devserver " + String.join(" ", args) + " did not finish: " + p.output());
        }
        return p;
    }

    /** Waits for `up` to print "Press Ctrl-C" (every function built and started). */
    public DevserverProcess awaitUp() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (!output().contains("Press Ctrl-C")) {
            if (!process.isAlive()) {
                throw new AssertionError("up exited with " + process.exitValue() + ":\n" + output());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("up not ready:\n" + output() + "\nits threads:\n" + threadDump());
            }
            Thread.sleep(200);
        }
        return this;
    }

    /** What every thread of the process is doing (jcmd Thread.print), to tell a hang from slowness. */
    public String threadDump() {
        try {
            Process jcmd = new ProcessBuilder("jcmd", String.valueOf(process.pid()), "Thread.print").redirectErrorStream(true).start();
            String dump = new String(jcmd.getInputStream().readAllBytes());
            jcmd.waitFor(30, TimeUnit.SECONDS);
            return dump;
        } catch (IOException | InterruptedException e) {
            return "(no thread dump: " + e + ")";
        }
    }

    public String output() {
        try {
            return Files.exists(output) ? Files.readString(output) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    public int exitCode() {
        return process.exitValue();
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Resident memory of the devserver JVM in kB, from /proc/PID/status. */
    public long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for " + process.pid());
    }

    /** Sends a signal by name ("INT" is Ctrl-C's). */
    public void signal(String name) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start().waitFor();
    }

    /** @return whether the process ended within {@code timeout} */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** SIGKILL: devserver gets no chance to clean up. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM (Ctrl-C's path): the shutdown hook removes the containers. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
