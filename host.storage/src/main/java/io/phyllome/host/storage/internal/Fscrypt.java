package io.phyllome.host.storage.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.phyllome.host.vm.VmException;

/** Runs the {@code fscrypt} tool; passphrases go through its standard input, never its arguments. */
final class Fscrypt {

    /** What a run printed and how it ended. */
    record Result(int exit, String output) {

        boolean ok() {
            return exit == 0;
        }

        /** What fscrypt said, on one line (it wraps long messages). */
        String text() {
            return output.replaceAll("\\s+", " ").strip();
        }

        /** fscrypt's first paragraph, without its "[ERROR] fscrypt CMD:" prefix, on one line. */
        String message() {
            String paragraph = output.strip().split("\\n\\s*\\n", 2)[0];
            return paragraph.replaceAll("\\[ERROR] fscrypt \\w+: ", "").replaceAll("\\s+", " ").strip();
        }
    }

    private Fscrypt() {
    }

    static Result status(Path path) {
        return run(null, "status", path.toString());
    }

    static Result setUpGlobally() {
        return run(null, "setup", "--force", "--quiet");
    }

    static Result setUp(Path mountPoint) {
        return run(null, "setup", mountPoint.toString(), "--quiet");
    }

    static Result encrypt(Path dir, String protectorName, byte[] passphrase) {
        return run(passphrase, "encrypt", dir.toString(), "--source=custom_passphrase", "--name=" + protectorName, "--quiet");
    }

    static Result unlock(Path dir, byte[] passphrase) {
        return run(passphrase, "unlock", dir.toString(), "--quiet");
    }

    private static Result run(byte[] stdin, String... args) {
        List<String> command = new ArrayList<>(List.of("fscrypt"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new VmException("fscrypt " + args[0] + " did not finish within 60 s");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new VmException("cannot run fscrypt (" + e.getMessage() + "): install the fscrypt package", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VmException("interrupted while running fscrypt", e);
        }
    }
}
