package io.phyllome.host.storage.internal;

import java.nio.file.Path;
import java.util.List;


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
        HostTool.Result result = HostTool.run("fscrypt", "fscrypt", stdin, List.of(args));
        return new Result(result.exit(), result.output());
    }
}
