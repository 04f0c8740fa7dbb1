package io.phyllome.bench.platform;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/** Figures a benchmark process hands back to the one that runs the suite: named numbers and lists. */
public final class Results {

    private final Properties values = new Properties();

    public Results put(String key, double value) {
        values.setProperty(key, Double.toString(value));
        return this;
    }

    public Results put(String key, List<? extends Number> samples) {
        values.setProperty(key, samples.stream().map(n -> Double.toString(n.doubleValue())).collect(Collectors.joining(",")));
        return this;
    }

    public Results text(String key, String value) {
        values.setProperty(key, value);
        return this;
    }

    public double get(String key) {
        String value = values.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("no figure '" + key + "' in the results");
        }
        return Double.parseDouble(value);
    }

    public List<Double> list(String key) {
        String value = values.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("no figures '" + key + "' in the results");
        }
        List<Double> samples = new ArrayList<>();
        for (String s : value.split(",")) {
            if (!s.isBlank()) {
                samples.add(Double.parseDouble(s));
            }
        }
        return samples;
    }

    public String text(String key) {
        return values.getProperty(key, "");
    }

    public void write(Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            values.store(out, "phyllome benchmark results");
        }
    }

    public static Results read(Path file) throws IOException {
        Results results = new Results();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            results.values.load(in);
        }
        return results;
    }
}
