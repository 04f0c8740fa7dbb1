package io.phyllome.distro.it;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a vendor profile's sources as a vendor would: against the released API jar
 * ({@code phyllome.it.released.api}) and the OSGi annotations, with none of this build's own
 * bundles on the class path, so a profile that needs anything unreleased does not compile.
 */
final class VendorCompiler {

    private VendorCompiler() {
    }

    /** The classes of {@code pkg} (from {@code phyllome.it.vendor.sources}) compiled into {@code out}. */
    static Path compile(String pkg, Path out) throws IOException {
        Path sources = Path.of(System.getProperty("phyllome.it.vendor.sources")).resolve(pkg.replace('.', '/'));
        List<String> sourceFiles;
        try (Stream<Path> list = Files.list(sources)) {
            sourceFiles = list.filter(f -> f.toString().endsWith(".java")).map(Path::toString).sorted().toList();
        }
        Files.createDirectories(out);
        List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-d", out.toString(), "-classpath",
                String.join(File.pathSeparator, classpath().stream().map(Path::toString).toList())));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter messages = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
            if (javac.getTask(messages, files, null, args, null, files.getJavaFileObjectsFromStrings(sourceFiles)).call() != Boolean.TRUE) {
                throw new IllegalStateException("the vendor profile " + pkg + " does not compile against the released API "
                        + releasedApi() + ":\n" + messages);
            }
        }
        return out;
    }

    /** The released API jar and the test JVM's class path without any of this build's bundles or classes. */
    static List<Path> classpath() {
        List<Path> path = new ArrayList<>();
        path.add(releasedApi());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String normal = entry.replace('\\', '/');
            boolean ours = normal.contains("/io/phyllome/") || normal.matches(".*/(host|profiles|distro)[.a-z]*/target/.*");
            if (!ours && Files.exists(Path.of(entry))) {
                path.add(Path.of(entry));
            }
        }
        return path;
    }

    static Path releasedApi() {
        Path jar = Path.of(System.getProperty("phyllome.it.released.api"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no released API jar at " + jar + ": run the build's pre-integration-test phase (mvn verify)");
        }
        return jar;
    }
}
