package io.phyllome.distro.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

/**
 * What {@code phyllome.bndrun} says to run: its resolved {@code -runbundles} and its
 * {@code -runproperties}. The tests run exactly those bundles, found as files.
 */
final class RunDescription {

    /** One entry of {@code -runbundles}. */
    record RunBundle(String symbolicName, VersionRange version) {
    }

    /** A bundle file with its identity. */
    record BundleFile(Path file, String symbolicName, Version version) {
    }

    private final Map<String, String> instructions;

    private RunDescription(Map<String, String> instructions) {
        this.instructions = instructions;
    }

    static RunDescription read(Path bndrun) {
        try {
            return new RunDescription(parse(Files.readAllLines(bndrun)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + bndrun, e);
        }
    }

    List<RunBundle> runBundles() {
        List<RunBundle> bundles = new ArrayList<>();
        for (String clause : split(instructions.getOrDefault("-runbundles", ""))) {
            String[] parts = clause.split(";");
            String range = "0";
            for (int i = 1; i < parts.length; i++) {
                String[] attr = parts[i].split("=", 2);
                if (attr.length == 2 && attr[0].trim().equals("version")) {
                    range = unquote(attr[1].trim());
                }
            }
            bundles.add(new RunBundle(parts[0].trim(), new VersionRange(range)));
        }
        if (bundles.isEmpty()) {
            throw new IllegalStateException("the run description has no -runbundles: resolve it with mvn bnd-resolver:resolve -pl distro");
        }
        return bundles;
    }

    /**
     * The start level {@code -runbundles+} gives the bundle {@code symbolicName}: the first clause
     * whose name or glob matches it, e.g. {@code org.apache.felix.gogo.shell;startlevel=2, *;startlevel=1};
     * empty when none does (the framework's default applies).
     */
    java.util.OptionalInt startLevel(String symbolicName) {
        for (String clause : split(instructions.getOrDefault("-runbundles+", ""))) {
            String[] parts = clause.split(";");
            String glob = parts[0].trim();
            String regex = java.util.regex.Pattern.quote(glob).replace("*", "\\E.*\\Q");
            if (!symbolicName.matches(regex)) {
                continue;
            }
            for (int i = 1; i < parts.length; i++) {
                String[] attr = parts[i].split("=", 2);
                if (attr.length == 2 && attr[0].trim().equals("startlevel")) {
                    return java.util.OptionalInt.of(Integer.parseInt(unquote(attr[1].trim())));
                }
            }
        }
        return java.util.OptionalInt.empty();
    }

    Map<String, String> runProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String entry : split(instructions.getOrDefault("-runproperties", ""))) {
            String[] kv = entry.split("=", 2);
            properties.put(kv[0].trim(), kv.length > 1 ? unquote(kv[1].trim()) : "");
        }
        return properties;
    }

    /**
     * The file in {@code dir} of each run bundle; fails naming every bundle that has no file, or
     * more than one.
     */
    List<BundleFile> locate(Path dir) {
        List<BundleFile> files = new ArrayList<>();
        try (Stream<Path> jars = Files.list(dir)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                identify(jar).ifPresent(files::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the bundles in " + dir + " (run the build to pre-integration-test first)", e);
        }
        List<BundleFile> selected = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (RunBundle wanted : runBundles()) {
            List<BundleFile> matches = files.stream()
                    .filter(f -> f.symbolicName().equals(wanted.symbolicName()) && wanted.version().includes(f.version())).toList();
            if (matches.size() == 1) {
                selected.add(matches.get(0));
            } else {
                problems.add(wanted.symbolicName() + " " + wanted.version() + ": " + matches.size() + " files " + matches);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("run bundles not found exactly once in " + dir + ": " + String.join("; ", problems));
        }
        return selected;
    }

    private static java.util.Optional<BundleFile> identify(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            if (file.getManifest() == null) {
                return java.util.Optional.empty();
            }
            Attributes main = file.getManifest().getMainAttributes();
            String bsn = main.getValue("Bundle-SymbolicName");
            if (bsn == null) {
                return java.util.Optional.empty();
            }
            String version = main.getValue("Bundle-Version");
            return java.util.Optional.of(new BundleFile(jar, bsn.split(";")[0].trim(), Version.parseVersion(version == null ? "0" : version.trim())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }

    /** bnd's properties syntax: {@code key: value} or {@code key=value}, '\' continues a line. */
    private static Map<String, String> parse(List<String> lines) {
        Map<String, String> result = new LinkedHashMap<>();
        StringBuilder logical = new StringBuilder();
        for (String line : lines) {
            String trimmed = line.strip();
            if (logical.length() == 0 && (trimmed.startsWith("#") || trimmed.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                logical.append(trimmed, 0, trimmed.length() - 1);
                continue;
            }
            logical.append(trimmed);
            String text = logical.toString();
            logical.setLength(0);
            int colon = text.indexOf(':');
            int equals = text.indexOf('=');
            int sep = colon < 0 ? equals : equals < 0 ? colon : Math.min(colon, equals);
            if (sep > 0) {
                result.put(text.substring(0, sep).trim(), text.substring(sep + 1).trim());
            }
        }
        return result;
    }

    /** Splits at commas outside quotes. */
    private static List<String> split(String value) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (char c : value.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == ',') {
                if (!current.toString().isBlank()) {
                    parts.add(current.toString().trim());
                }
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        if (!current.toString().isBlank()) {
            parts.add(current.toString().trim());
        }
        return parts;
    }

    private static String unquote(String text) {
        if (text.length() >= 2 && (text.startsWith("'") && text.endsWith("'") || text.startsWith("\"") && text.endsWith("\""))) {
            return text.substring(1, text.length() - 1);
        }
        return text;
    }
}
