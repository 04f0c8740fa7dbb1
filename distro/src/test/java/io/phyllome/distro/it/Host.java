package io.phyllome.distro.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The host as an administrator sees it: virsh, qemu-img and files. */
final class Host {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final String SYSTEM = "qemu:///system";

    private Host() {
    }

    /** Runs a command; fails the test when it does not exit with 0 within 60 s. */
    static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within 60 s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " exited with " + process.exitValue() + ": " + output.strip());
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command[0], e);
        }
    }

    /** The names of all domains of the system daemon, running or not. */
    static List<String> systemDomains() {
        return lines(run("virsh", "-c", SYSTEM, "list", "--all", "--name"));
    }

    /** The system daemon's secrets as virsh lists them: "UUID  usage", sorted. */
    static List<String> systemSecrets() {
        List<String> lines = lines(run("virsh", "-c", SYSTEM, "secret-list"));
        // drop the table header and rule
        return lines.stream().filter(l -> !l.startsWith("UUID") && !l.startsWith("---")).sorted().toList();
    }

    /** Whether the system daemon holds a secret for the volume at {@code path}. */
    static boolean systemSecretFor(Path path) {
        return systemSecrets().stream().anyMatch(l -> l.endsWith(" " + path));
    }

    /**
     * {@code qemu-img info --output=json}, without opening the image for writing, read by Jackson:
     * its top level describes the image (QEMU 8 nests its child nodes' reports in {@code children}).
     */
    static JsonNode qemuImgInfo(Path image) {
        String report = run("qemu-img", "info", "--output=json", "-U", image.toString());
        try {
            return JSON.readTree(report);
        } catch (JsonProcessingException e) {
            throw new AssertionError("qemu-img info " + image + " did not report JSON: " + report, e);
        }
    }

    /** Whether qemu-img reports the image LUKS-encrypted: encrypted, by a qcow2 LUKS header. */
    static boolean luksEncrypted(Path image) {
        JsonNode info = qemuImgInfo(image);
        return info.path("encrypted").asBoolean() && info.at("/format-specific/data/encrypt/format").asText().equals("luks");
    }

    /** Every file and directory below {@code dir}, relative to it (empty when it does not exist). */
    static List<String> tree(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** The SHA-256 of a file, in hex. */
    static String sha256(Path file) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * After a failed test: removes what a VM named {@code name} may have left in the system daemon —
     * the domain with its NVRAM and TPM state, and its disks in {@code disks} with their keys.
     * Best effort: it never fails.
     */
    static void removeLeftovers(String name, Path disks) {
        if (name == null) {
            return;
        }
        // never throws: a cleanup that fails half-way would leave the rest behind
        quietly("virsh", "-c", SYSTEM, "destroy", name);
        quietly("virsh", "-c", SYSTEM, "undefine", "--nvram", "--tpm", name);
        String prefix = disks.resolve(name + "-").toString();
        List<String> secrets;
        try {
            secrets = systemSecrets();
        } catch (AssertionError | UncheckedIOException e) {
            secrets = List.of(); // no daemon: nothing of it to remove (./test's leftover check reports the rest)
        }
        for (String line : secrets) {
            if (line.contains(" " + prefix)) {
                quietly("virsh", "-c", SYSTEM, "secret-undefine", line.trim().split("\\s+")[0]);
            }
        }
        for (String file : tree(disks)) {
            if (file.startsWith(name + "-")) {
                quietly("rm", "-f", disks.resolve(file).toString());
            }
        }
    }

    /** Best effort, for cleaning up after a failed test: runs a command and ignores how it ends. */
    static void quietly(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            process.waitFor(60, TimeUnit.SECONDS);
        } catch (IOException e) {
            // ignored: cleanup only
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n")));
        lines.replaceAll(String::strip);
        lines.removeIf(String::isEmpty);
        return lines;
    }
}
