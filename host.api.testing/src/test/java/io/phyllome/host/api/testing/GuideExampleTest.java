package io.phyllome.host.api.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import io.phyllome.host.vm.VmSpec;

/**
 * The guide's example cannot rot: its marked blocks ({@code <!-- example-file: PATH -->}) become a
 * project under {@code target/guide-example}; the profile compiles against the API jar its pom
 * names and nothing else, its tests against that, the kit and JUnit, and they must all pass.
 */
class GuideExampleTest {

    private static final Path GUIDE = Path.of(System.getProperty("phyllome.guide", "../docs/writing-a-profile.md"));
    private static final Path RELEASES = Path.of(System.getProperty("phyllome.releases", "../cnf/release"));
    private static final Path WORK = Path.of(System.getProperty("phyllome.guide.work", "target/guide-example"));

    @Test
    void theGuidesExampleCompilesAgainstItsApiJarAndItsTestsPass() throws Exception {
        GuideExample example = GuideExample.read(GUIDE);
        Map<String, String> main = example.filesUnder("/src/main/java/", ".java");
        Map<String, String> tests = example.filesUnder("/src/test/java/", ".java");
        assertFalse(main.isEmpty(), GUIDE + " marks no profile source (example-file: …/src/main/java/…)");
        assertFalse(tests.isEmpty(), GUIDE + " marks no test source (example-file: …/src/test/java/…)");
        assertEquals(System.getProperty("phyllome.kit.version"), example.dependencyVersion("host.api.testing").orElse(null),
                "the guide's pom must name the kit as this build makes it");
        Path api = apiJar(example.dependencyVersion("host.api").orElseThrow(() -> new AssertionError("the guide's pom names no host.api")));

        Path project = WORK.resolve("project");
        example.writeTo(project);
        Path classes = compile("profile", project, main, List.of(api, jarOf(org.osgi.annotation.bundle.Export.class),
                jarOf(org.osgi.service.component.annotations.Component.class)), WORK.resolve("classes"));
        List<Path> testPath = new ArrayList<>(List.of(classes, api));
        testPath.addAll(kitClasspath());
        Path testClasses = compile("tests", project, tests, testPath, WORK.resolve("test-classes"));

        TestExecutionSummary summary = run(classes, testClasses, tests);
        StringWriter report = new StringWriter();
        summary.printFailuresTo(new PrintWriter(report), 20);
        assertEquals(0, summary.getTotalFailureCount(), "the guide's example tests failed:\n" + report);
        long declared = tests.values().stream().mapToLong(t -> t.split("@Test\\b", -1).length - 1).sum();
        assertEquals(declared, summary.getTestsSucceededCount(), "every @Test of the guide's example runs and passes");
    }

    @Test
    void markedBlocksAreReadAndAPathOutsideTheProjectIsRefused() {
        GuideExample example = GuideExample.parse("text\n<!-- example-file: p/pom.xml -->\n```xml\n<project><dependencies><dependency>"
                + "<artifactId>host.api</artifactId><version>9.9.9</version></dependency></dependencies></project>\n```\n"
                + "```java\nnot marked\n```\n");
        assertEquals(List.of("p/pom.xml"), List.copyOf(example.files().keySet()));
        assertEquals("9.9.9", example.dependencyVersion("host.api").orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> GuideExample.parse("<!-- example-file: ../x.java -->\n```java\nx\n```"));
    }

    /**
     * The host.api jar of {@code version}: its release in cnf/release, or, while that version is
     * not released yet, this build's own when the build is that version's snapshot.
     */
    private static Path apiJar(String version) {
        Path released = RELEASES.resolve("io/phyllome/host/host.api").resolve(version).resolve("host.api-" + version + ".jar");
        if (Files.isRegularFile(released)) {
            return released;
        }
        String building = System.getProperty("phyllome.api.version");
        if ((version + "-SNAPSHOT").equals(building)) {
            System.out.println("GuideExampleTest: host.api " + version + " is not released yet (tools/release-api.sh " + version
                    + "); the guide's example compiles against this build's " + building);
            return jarOf(VmSpec.class);
        }
        throw new AssertionError("the guide's pom names host.api " + version + ", which is neither in " + RELEASES
                + " nor this build's version (" + building + "): name a released version");
    }

    /** The test class path without this build's host.api (the example has its own) and without this module's tests. */
    private static List<Path> kitClasspath() {
        Path buildApi = jarOf(VmSpec.class);
        Path ownTests = jarOf(GuideExampleTest.class);
        List<Path> path = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry).toAbsolutePath();
            if (!p.equals(buildApi) && !p.equals(ownTests) && Files.exists(p)) {
                path.add(p);
            }
        }
        return path;
    }

    private static Path compile(String what, Path project, Map<String, String> sources, List<Path> classpath, Path out) throws Exception {
        Files.createDirectories(out);
        List<String> args = List.of("--release", "17", "-proc:none", "-d", out.toString(), "-classpath",
                String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter messages = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
            List<String> names = sources.keySet().stream().map(p -> project.resolve(p).toString()).toList();
            if (javac.getTask(messages, files, null, args, null, files.getJavaFileObjectsFromStrings(names)).call() != Boolean.TRUE) {
                fail("the guide's example " + what + " failed to compile (" + GUIDE + "):\n" + messages);
            }
        }
        return out;
    }

    private static TestExecutionSummary run(Path classes, Path testClasses, Map<String, String> tests) throws Exception {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        try (URLClassLoader loader = new URLClassLoader(new URL[] { testClasses.toUri().toURL(), classes.toUri().toURL() },
                GuideExampleTest.class.getClassLoader())) {
            LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
            for (String path : tests.keySet()) {
                String name = path.substring(path.indexOf("/src/test/java/") + "/src/test/java/".length(), path.length() - ".java".length());
                request.selectors(DiscoverySelectors.selectClass(loader.loadClass(name.replace('/', '.'))));
            }
            Launcher launcher = LauncherFactory.create();
            launcher.execute(request.build(), listener);
        }
        return listener.getSummary();
    }

    private static Path jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
        } catch (java.net.URISyntaxException e) {
            throw new AssertionError(e);
        }
    }
}
