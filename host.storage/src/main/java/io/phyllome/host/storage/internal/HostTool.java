package io.phyllome.host.storage.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import io.phyllome.host.vm.VmException;

/**
 * Runs a host tool with a time limit. Secrets go through its standard input, never its
 * arguments, and are never part of what it reports.
 */
final class HostTool {

    private static final int TIMEOUT_SECONDS = 60;

    /**
     * What a run printed and how it ended: {@code output} has standard output and error together,
     * or standard output alone when the run kept them apart; {@code errors} is then standard error.
     */
    record Result(int exit, String output, String errors) {

        boolean ok() {
            return exit == 0;
        }
    }

    private HostTool() {
    }

    /**
     * @param tool  the program, e.g. {@code qemu-img}
     * @param pkg   the Debian package that provides it, for the error when it is missing
     * @param stdin what to write to its standard input, or {@code null}
     */
    static Result run(String tool, String pkg, byte[] stdin, List<String> args) {
        return run(tool, pkg, stdin, args, true);
    }

    /** As {@link #run}, with standard error kept out of the output: for output in a format such as JSON, which a warning would break. */
    static Result runApart(String tool, String pkg, List<String> args) {
        return run(tool, pkg, null, args, false);
    }

    private static Result run(String tool, String pkg, byte[] stdin, List<String> args, boolean mergeErrors) {
        List<String> command = new ArrayList<>();
        command.add(tool);
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(mergeErrors).start();
            // read on its own thread, or a tool that fills the error pipe would block before ending its output
            FutureTask<String> errors = new FutureTask<>(() -> new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            if (!mergeErrors) {
                Thread reader = new Thread(errors, tool + " standard error");
                reader.setDaemon(true);
                reader.start();
            }
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new VmException(tool + " " + args.get(0) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), output, mergeErrors ? "" : errors.get());
        } catch (IOException e) {
            throw new VmException("cannot run " + tool + " (" + e.getMessage() + "): install the " + pkg + " package", e);
        } catch (ExecutionException e) {
            throw new VmException("cannot read what " + tool + " reported: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VmException("interrupted while running " + tool, e);
        }
    }
}
