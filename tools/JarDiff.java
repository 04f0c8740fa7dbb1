import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * The entries in which two builds of one jar differ: content, time, extra fields, comment, or
 * order. Prints one line per difference, nothing when they match; exits 1 when they differ.
 * Usage: java tools/JarDiff.java A.jar B.jar (the JDK runs it from source).
 */
public class JarDiff {

    public static void main(String[] args) throws IOException {
        List<String> differences = new ArrayList<>();
        try (ZipFile a = new ZipFile(args[0]); ZipFile b = new ZipFile(args[1])) {
            Map<String, ZipEntry> left = entries(a);
            Map<String, ZipEntry> right = entries(b);
            for (String name : left.keySet()) {
                ZipEntry x = left.get(name);
                ZipEntry y = right.get(name);
                if (y == null) {
                    differences.add(name + ": only in the first");
                } else if (!Arrays.equals(bytes(a, x), bytes(b, y))) {
                    differences.add(name + ": content" + (name.endsWith(".jar") ? " " + nested(bytes(a, x), bytes(b, y)) : ""));
                } else if (x.getTime() != y.getTime() || !Arrays.equals(x.getExtra(), y.getExtra())
                        || !Objects.equals(x.getComment(), y.getComment()) || x.getMethod() != y.getMethod()) {
                    differences.add(name + ": time, extra field, comment or compression");
                }
            }
            right.keySet().stream().filter(n -> !left.containsKey(n)).forEach(n -> differences.add(n + ": only in the second"));
            if (differences.isEmpty() && !new ArrayList<>(left.keySet()).equals(new ArrayList<>(right.keySet()))) {
                differences.add("(the order of the entries)");
            }
        }
        differences.forEach(System.out::println);
        System.exit(differences.isEmpty() ? 0 : 1);
    }

    /** The entries of two embedded jars whose content differs. */
    private static List<String> nested(byte[] a, byte[] b) throws IOException {
        Map<String, byte[]> left = contents(a);
        Map<String, byte[]> right = contents(b);
        List<String> names = new ArrayList<>();
        left.forEach((n, c) -> {
            if (!Arrays.equals(c, right.get(n))) {
                names.add(n);
            }
        });
        right.keySet().stream().filter(n -> !left.containsKey(n)).forEach(names::add);
        return names;
    }

    private static Map<String, byte[]> contents(byte[] jar) throws IOException {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                contents.put(e.getName(), in.readAllBytes());
            }
        }
        return contents;
    }

    private static byte[] bytes(ZipFile zip, ZipEntry entry) throws IOException {
        return zip.getInputStream(entry).readAllBytes();
    }

    private static Map<String, ZipEntry> entries(ZipFile zip) {
        Map<String, ZipEntry> entries = new LinkedHashMap<>();
        Collections.list(zip.entries()).forEach(e -> entries.put(e.getName(), e));
        return entries;
    }
}
