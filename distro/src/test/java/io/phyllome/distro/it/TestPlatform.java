package io.phyllome.distro.it;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.options.UrlProvisionOption;

/**
 * The Pax Exam configuration of every test: the platform as {@code phyllome.bndrun} runs it, in
 * a fresh Felix, with its own fresh state directory. Runs on the JVM side (in {@code @Configuration}).
 *
 * <p>Failsafe passes the locations as system properties; see distro/pom.xml.
 */
final class TestPlatform {

    /** Framework property: the symbolic names of the run bundles, comma-separated. */
    static final String RUN_BUNDLES = "phyllome.it.runbundles";
    /** The Config Admin PID and property of the libvirt adapter (LibvirtConfig). */
    static final String LIBVIRT_PID = "io.phyllome.host.libvirt";
    static final String STATE_DIR = "phyllome.state.dir";

    private TestPlatform() {
    }

    /** The run's bundles and properties, and a fresh, world-searchable state directory for {@code test}. */
    static Option[] options(Class<?> test, Option... extra) {
        return options(test, Path.of(required("phyllome.it.bndrun")), extra);
    }

    /** The same for another run description, e.g. headless.bndrun. */
    static Option[] options(Class<?> test, Path bndrun, Option... extra) {
        Path bundles = Path.of(required("phyllome.it.bundles"));
        Path work = Path.of(required("phyllome.it.work")).toAbsolutePath().resolve(test.getSimpleName());
        RunDescription run = RunDescription.read(bndrun);

        Path state = work.resolve("state");
        fresh(work);
        createSearchable(state);

        List<Option> options = new ArrayList<>();
        options.add(cleanCaches(true));
        for (Map.Entry<String, String> p : run.runProperties().entrySet()) {
            options.add(frameworkProperty(p.getKey()).value(p.getValue()));
        }
        options.add(frameworkProperty(STATE_DIR).value(state.toString()));
        // Gogo's shell: no console on the test's stdin, and no framework shutdown when it ends
        options.add(frameworkProperty("gosh.args").value("--nointeractive --noshutdown"));
        options.add(systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"));
        List<RunDescription.BundleFile> files = run.locate(bundles);
        options.add(frameworkProperty(RUN_BUNDLES).value(files.stream().map(RunDescription.BundleFile::symbolicName).collect(Collectors.joining(","))));
        options.add(junitBundles());
        for (RunDescription.BundleFile file : files) {
            UrlProvisionOption option = bundle(file.file().toUri().toString());
            run.startLevel(file.symbolicName()).ifPresent(option::startLevel);
            options.add(option);
        }
        options.add(composite(extra));
        return options.toArray(new Option[0]);
    }

    static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set: run the tests with 'mvn verify' (failsafe sets it)");
        }
        return value;
    }

    /** Removes what an earlier run left in {@code dir}. */
    private static void fresh(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + dir, e);
        }
    }

    /**
     * Creates {@code dir} with mode 755 and makes every parent searchable by others: QEMU runs as
     * libvirt-qemu and needs o+x on each directory above its disks, firmware and logs.
     */
    static void createSearchable(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
                if (!perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    perms.add(PosixFilePermission.OTHERS_EXECUTE);
                    perms.add(PosixFilePermission.GROUP_EXECUTE);
                    Files.setPosixFilePermissions(p, perms);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the state directory " + dir, e);
        }
    }
}
