package io.tollgate.bootstrap.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One {@code tollgate <command>} run from the built jar as an operator runs it, to its end. */
final class CliProcess {

    /** How a run ended. */
    record Result(int exitCode, String out, String err) {}

    private CliProcess() {}

    /**
     * Runs {@code java -jar tollgate.jar args…} in {@code dir} (where its output is kept) and waits at most two
     * minutes.
     */
    static Result run(Path dir, String... args) throws IOException, InterruptedException {
        return run(dir, Map.of(), args);
    }

    /** As {@link #run(Path, String...)}, with {@code environment} added to the command's environment variables. */
    static Result run(Path dir, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "cli", ".out");
        Path err = Files.createTempFile(dir, "cli", ".err");
        ProcessBuilder builder = builder(dir, args).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException(
                    "tollgate " + String.join(" ", args) + " did not end in 2 minutes: " + Files.readString(err));
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /**
     * {@code java -jar tollgate.jar args…} in {@code dir}, with no {@code KONG_*} or {@code TOLLGATE_*} variable of
     * this JVM's environment (a caller may add its own); its output not yet redirected.
     */
    static ProcessBuilder builder(Path dir, String... args) {
        String jar = System.getProperty("tollgate.jar", "target/tollgate.jar");
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        command.addAll(TestJvmSharing.command());
        command.addAll(List.of("-jar", jar));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("KONG_") || k.startsWith("TOLLGATE_"));
        return builder;
    }
}
