package io.phyllome.host.core.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.phyllome.host.vm.VmException;

/**
 * A package's {@code MANIFEST.sha256}: one line per file, {@code <sha256>  <relative path>}, the
 * format of {@code sha256sum}, so {@code sha256sum -c MANIFEST.sha256} verifies a package too.
 */
final class Manifest {

    static final String FILE = "MANIFEST.sha256";
    /** The manifest's seal, which the manifest cannot list. */
    static final String SEAL = FILE + ".hmac";

    private Manifest() {
    }

    /** Writes the manifest of every file below {@code directory}, sorted by path. */
    static List<String> write(Path directory) throws IOException {
        Map<String, String> sums = new TreeMap<>();
        for (String file : files(directory)) {
            sums.put(file, sha256(directory.resolve(file)));
        }
        StringBuilder text = new StringBuilder();
        sums.forEach((file, sum) -> text.append(sum).append("  ").append(file).append('\n'));
        Files.writeString(directory.resolve(FILE), text, StandardCharsets.UTF_8);
        return new ArrayList<>(sums.keySet());
    }

    /**
     * Checks that the package holds exactly the files its manifest lists, each with its checksum.
     *
     * @throws VmException naming the first file that differs
     */
    static void verify(Path directory) throws IOException {
        Path manifest = directory.resolve(FILE);
        if (!Files.isRegularFile(manifest)) {
            throw new VmException(directory + " is not a VM package: it has no " + FILE + " (vm:export writes one)");
        }
        Map<String, String> listed = new TreeMap<>();
        for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            if (!line.matches("[0-9a-f]{64}  \\S.*")) {
                throw new VmException(FILE + " of " + directory + " is damaged (line '" + line + "'): export the VM again");
            }
            listed.put(line.substring(66), line.substring(0, 64));
        }
        List<String> present = files(directory);
        for (String file : present) {
            if (!listed.containsKey(file)) {
                throw new VmException("the package " + directory + " was modified: " + file + " is not in its manifest; remove it or export the VM again");
            }
        }
        for (Map.Entry<String, String> entry : listed.entrySet()) {
            Path file = directory.resolve(entry.getKey()).normalize();
            if (!file.startsWith(directory) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new VmException("the package " + directory + " is incomplete: " + entry.getKey() + " is missing; copy the whole package again");
            }
            if (!sha256(file).equals(entry.getValue())) {
                throw new VmException("the package " + directory + " was modified: " + entry.getKey()
                        + " does not match its SHA-256 in " + FILE + "; copy the package again from its source");
            }
        }
    }

    /** The package's files but the manifest and its seal, relative and sorted; refuses links and other special files. */
    private static List<String> files(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            List<String> files = new java.util.ArrayList<>();
            for (Path p : walk.toList()) {
                if (Files.isSymbolicLink(p) || !(Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))) {
                    throw new VmException("the package " + directory + " holds " + directory.relativize(p) + ", which is not a plain file:"
                            + " packages hold only files and directories");
                }
                String name = directory.relativize(p).toString();
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && !name.equals(FILE) && !name.equals(SEAL)) {
                    files.add(name);
                }
            }
            return files.stream().sorted().toList();
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 20];
            for (int n; (n = in.read(buffer)) > 0;) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
