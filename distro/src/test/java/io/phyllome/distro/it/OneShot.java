package io.phyllome.distro.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The distro jar run as a second host: one command per process, as {@code ./phyllome COMMAND}
 * runs it, with its own state directory and libvirt URI.
 */
final class OneShot {

    /** What a command printed and how it ended. */
    record Result(int exitCode, String output) {
    }

    private final Path stateDir;
    private final String uri;

    OneShot(Path stateDir, String uri) {
        this.stateDir = stateDir;
        this.uri = uri;
    }

    /** Runs a command that must succeed, with {@code input} on its standard input. */
    String run(String input, String... command) {
        Result result = attempt(input, command);
        if (result.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (" + result.exitCode() + "):\n" + result.output());
        }
        return result.output();
    }

    Result attempt(String input, String... command) {
        List<String> line = new ArrayList<>(List.of("java", "-Dphyllome.state.dir=" + stateDir,
                "-Dlaunch.storage.dir=" + stateDir.resolve("cache/felix"), "-Dphyllome.libvirt.uri=" + uri,
                "-Dgosh.args=--nointeractive --noshutdown", "-jar", TestPlatform.required("phyllome.it.jar")));
        line.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not end within 5 minutes:\n" + output);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new AssertionError("cannot run the distro jar", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
