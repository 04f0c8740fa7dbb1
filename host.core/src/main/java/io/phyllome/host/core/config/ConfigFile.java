package io.phyllome.host.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One {@code PID.cfg} file of the configuration directory, read as Java properties.
 *
 * @param file    the file
 * @param pid     the configuration PID, the file name without {@code .cfg}
 * @param values  its settings as written, by key (sorted); empty when it could not be read
 * @param problem why it could not be read, or an empty string
 */
record ConfigFile(Path file, String pid, Map<String, String> values, String problem) {

    static final String SUFFIX = ".cfg";
    private static final Pattern PID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

    ConfigFile {
        values = Map.copyOf(values);
    }

    boolean readable() {
        return problem.isEmpty();
    }

    /** The {@code *.cfg} files of {@code dir}, ordered by name; none when the directory does not exist. */
    static List<ConfigFile> readAll(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            listing.forEach(files::add);
        }
        files.sort(Comparator.comparing(Path::toString));
        return files.stream().map(ConfigFile::read).toList();
    }

    static ConfigFile read(Path file) {
        String name = file.getFileName().toString();
        String pid = name.substring(0, name.length() - SUFFIX.length());
        if (!PID.matcher(pid).matches()) {
            return new ConfigFile(file, pid, Map.of(), "'" + pid + "' is not a configuration PID: name the file PID.cfg, e.g. io.phyllome.host.libvirt.cfg");
        }
        if (!Files.isRegularFile(file)) {
            return new ConfigFile(file, pid, Map.of(), "not a regular file");
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            return new ConfigFile(file, pid, Map.of(), "cannot read it (" + e.getMessage() + "): make it a readable file of key=value lines in UTF-8");
        }
        Map<String, String> values = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key).trim()));
        return new ConfigFile(file, pid, values, "");
    }
}
