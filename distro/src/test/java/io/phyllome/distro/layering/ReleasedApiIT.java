package io.phyllome.distro.layering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import aQute.bnd.header.Parameters;

/**
 * The profile guide's table of API releases is the releases themselves: one row per jar in
 * {@code cnf/release}, listing each exported package with its version as the jar's manifest says.
 * When a release is added, the failure prints the rows to paste.
 */
class ReleasedApiIT {

    private static final Path ROOT = Path.of(System.getProperty("phyllome.it.launcher")).getParent();
    private static final Path RELEASES = ROOT.resolve("cnf/release/io/phyllome/host/host.api");
    private static final Path GUIDE = ROOT.resolve("docs/writing-a-profile.md");

    @Test
    void theGuideListsEveryReleaseWithItsPackageVersions() throws IOException {
        List<String> expected = new ArrayList<>();
        try (Stream<Path> versions = Files.list(RELEASES)) {
            for (Path dir : versions.filter(Files::isDirectory).sorted().toList()) {
                String version = dir.getFileName().toString();
                expected.add(row(version, exports(dir.resolve("host.api-" + version + ".jar"))));
            }
        }
        assertFalse(expected.isEmpty(), "no release of host.api in " + RELEASES);
        List<String> rows = Files.readAllLines(GUIDE).stream().filter(l -> l.matches("\\| \\d+\\.\\d+\\.\\d+ \\|.*")).toList();
        assertEquals(String.join("\n", expected), String.join("\n", rows),
                "the table of releases in " + GUIDE + " must be exactly these rows (from the jars in " + RELEASES + ")");
    }

    private static Map<String, String> exports(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Map<String, String> packages = new TreeMap<>();
            new Parameters(file.getManifest().getMainAttributes().getValue("Export-Package"))
                    .forEach((name, attrs) -> packages.put(name, attrs.getVersion()));
            return packages;
        }
    }

    private static String row(String release, Map<String, String> packages) {
        return "| " + release + " | " + packages.entrySet().stream().map(e -> "`" + e.getKey() + "` " + e.getValue())
                .collect(Collectors.joining(", ")) + " |";
    }
}
