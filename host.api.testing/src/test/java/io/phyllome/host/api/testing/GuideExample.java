package io.phyllome.host.api.testing;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The example project in the profile guide: every fenced block right after a line
 * {@code <!-- example-file: PATH -->}, written to PATH under a folder.
 */
record GuideExample(Map<String, String> files) {

    private static final Pattern BLOCK = Pattern.compile("<!-- example-file: (\\S+) -->\\n```[a-z]*\\n(.*?)\\n```", Pattern.DOTALL);

    static GuideExample read(Path guide) throws IOException {
        return parse(Files.readString(guide));
    }

    static GuideExample parse(String markdown) {
        Map<String, String> files = new LinkedHashMap<>();
        Matcher m = BLOCK.matcher(markdown);
        while (m.find()) {
            String path = m.group(1);
            if (path.startsWith("/") || path.contains("..")) {
                throw new IllegalArgumentException("example-file " + path + ": give a relative path inside the example project");
            }
            if (files.put(path, m.group(2) + "\n") != null) {
                throw new IllegalArgumentException("example-file " + path + " is marked twice in the guide");
            }
        }
        return new GuideExample(Map.copyOf(files));
    }

    /** Writes the files under {@code root}, after removing what an earlier run left there. */
    void writeTo(Path root) throws IOException {
        if (Files.exists(root)) {
            try (var old = Files.walk(root)) {
                for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path target = root.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
        }
    }

    /** The files whose path contains {@code part} and ends with {@code suffix}, e.g. ("/src/main/java/", ".java"). */
    Map<String, String> filesUnder(String part, String suffix) {
        Map<String, String> found = new LinkedHashMap<>();
        files.forEach((path, text) -> {
            if (path.contains(part) && path.endsWith(suffix)) {
                found.put(path, text);
            }
        });
        return found;
    }

    /** The version of dependency {@code artifactId} in the example's pom.xml. */
    Optional<String> dependencyVersion(String artifactId) {
        String pom = files.entrySet().stream().filter(e -> e.getKey().endsWith("pom.xml")).map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new IllegalStateException("the guide marks no pom.xml as an example-file"));
        Document doc;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(pom)));
        } catch (Exception e) {
            throw new IllegalStateException("the guide's pom.xml is not well-formed XML: " + e.getMessage(), e);
        }
        NodeList dependencies = doc.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            if (artifactId.equals(text(dependency, "artifactId"))) {
                return Optional.ofNullable(text(dependency, "version"));
            }
        }
        return Optional.empty();
    }

    private static String text(Element parent, String child) {
        NodeList nodes = parent.getElementsByTagName(child);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
    }
}
