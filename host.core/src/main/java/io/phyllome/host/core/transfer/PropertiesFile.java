package io.phyllome.host.core.transfer;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import io.phyllome.host.vm.VmException;

/** A package's {@code .properties} files: sorted, without a date line, so equal content gives equal bytes. */
final class PropertiesFile {

    private PropertiesFile() {
    }

    static void write(Path file, Map<String, String> values) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> entry : new TreeMap<>(values).entrySet()) {
            Properties one = new Properties();
            one.setProperty(entry.getKey(), entry.getValue());
            StringWriter line = new StringWriter();
            one.store(line, null); // escapes as Properties.load expects; its first line is a date comment
            line.toString().lines().filter(l -> !l.startsWith("#")).forEach(l -> text.append(l).append('\n'));
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    static Map<String, String> read(Path file) throws IOException {
        if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new VmException("the package lacks " + file.getFileName() + ": export the VM again");
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        Map<String, String> values = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key)));
        return values;
    }
}
