package io.phyllome.distro.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * Disk keys that tests learned (read as root from libvirt's stores), looked for in output: in
 * the files a test names, and by {@code ./test} in everything the whole run printed or logged.
 * The keys belong to throwaway test disks; the file is readable by root only.
 */
final class SecretScan {

    private SecretScan() {
    }

    /** Adds a key to the run's list (the system property {@code phyllome.it.secret.keys}). */
    static void record(String key) {
        Path file = Path.of(TestPlatform.required("phyllome.it.secret.keys"));
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, key + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The key of a disk of the system daemon, read as root from libvirt's store, and recorded. */
    static String systemKey(Path disk) throws IOException {
        String uuid = Host.systemSecrets().stream().filter(l -> l.contains(" " + disk)).map(l -> l.trim().split("\\s+")[0]).findFirst()
                .orElseThrow(() -> new AssertionError("no secret for " + disk));
        String key = decode(Path.of("/etc/libvirt/secrets").resolve(uuid + ".base64"));
        record(key);
        return key;
    }

    /** The key of a disk of the embedded driver of the state directory {@code state}, from its secret files. */
    static String embeddedKey(Path state, Path disk) throws IOException {
        Path secrets = state.resolve("libvirt/etc/secrets");
        for (String file : Host.tree(secrets)) {
            if (file.endsWith(".xml") && Files.readString(secrets.resolve(file)).contains(disk.toString())) {
                return decode(secrets.resolve(file.replace(".xml", ".base64")));
            }
        }
        throw new AssertionError("no key for " + disk + " in " + secrets);
    }

    /** A key as libvirt 9.0 stores it: Base64 of its bytes. */
    static String decode(Path base64) throws IOException {
        return new String(Base64.getDecoder().decode(Files.readString(base64).strip()), StandardCharsets.UTF_8);
    }

    /** The files at or below {@code path} that contain {@code key}; none when it does not exist. */
    static List<String> filesContaining(Path path, String key) {
        if (!Files.exists(path)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile).filter(f -> Host.read(f).contains(key)).map(Path::toString).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
