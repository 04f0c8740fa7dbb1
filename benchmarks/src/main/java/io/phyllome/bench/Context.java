package io.phyllome.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every suite needs: where things are, how large the run is, and the exact command line
 * the {@code phyllome} launcher uses, so the benchmarks run the platform as users do.
 *
 * @param root    the repository
 * @param work    a directory of this run (fresh, searchable by QEMU)
 * @param state   the platform's state directory for this run
 * @param tag     prefix of every VM this run creates, unique on the host
 * @param smoke   one tiny iteration of everything
 * @param sizes   how many runs, VMs and boots
 */
public record Context(Path root, Path work, Path state, String tag, boolean smoke, Sizes sizes) {

    /** The system libvirt the platform and virsh use by default. */
    public static final String SYSTEM_URI = "qemu:///system";

    /**
     * @param startupRuns    runs of each start-up measurement
     * @param cycles         create-start-stop-delete cycles of the provisioning suite
     * @param scaleVms       VMs on libvirt's test driver
     * @param sliceVms       VMs on the real daemon
     * @param listRuns       vm:list repetitions at scale
     * @param bootRuns       boots per device set
     */
    public record Sizes(int startupRuns, int cycles, int scaleVms, int sliceVms, int listRuns, int bootRuns) {
        static Sizes full() {
            return new Sizes(10, 7, 1000, 100, 10, 5);
        }

        static Sizes smoke() {
            return new Sizes(1, 1, 20, 3, 2, 1);
        }
    }

    public Path jar() {
        return root.resolve("distro/target/phyllome.jar");
    }

    public Path scratch() {
        return work.resolve("tmp");
    }

    /** Environment of every platform process of this run. */
    public Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("PHYLLOME_STATE_DIR", state.toString());
        env.put("LC_ALL", "C");
        return env;
    }

    /**
     * The java command line {@code ./phyllome ARGS} runs, asked from the launcher itself
     * ({@code PHYLLOME_PRINT_JAVA=1}), with the libvirt URI {@code uri} (null: the default).
     */
    public List<String> javaCommand(String uri, String... args) {
        List<String> command = new ArrayList<>(List.of(root.resolve("phyllome").toString()));
        command.addAll(Arrays.asList(args));
        Map<String, String> env = env();
        env.put("PHYLLOME_PRINT_JAVA", "1");
        if (uri != null) {
            env.put("PHYLLOME_LIBVIRT_URI", uri);
        }
        String out = Proc.check(command, env, scratch()).out();
        List<String> java = out.lines().toList();
        if (java.isEmpty() || !java.contains("-jar")) {
            throw new IllegalStateException("./phyllome with PHYLLOME_PRINT_JAVA=1 printed no java command line: " + out);
        }
        return java;
    }

    /**
     * The JVM options the launcher gives the platform, for the JVMs that run it in-process:
     * everything before {@code -jar} except the class data archive, which belongs to the jar.
     */
    public List<String> platformJvmOptions() {
        List<String> java = javaCommand(null);
        List<String> options = new ArrayList<>();
        for (String arg : java.subList(1, java.indexOf("-jar"))) {
            if (!arg.startsWith("-XX:SharedArchiveFile") && !arg.startsWith("-XX:ArchiveClassesAtExit") && !arg.startsWith("-Dlaunch.")
                    && !arg.startsWith("-Dphyllome.") && !arg.startsWith("-Dgosh.")) {
                options.add(arg);
            }
        }
        return options;
    }

    /** {@code virsh -c URI ARGS...} */
    public static List<String> virsh(String uri, String... args) {
        List<String> command = new ArrayList<>(List.of("virsh", "-q", "-c", uri));
        command.addAll(Arrays.asList(args));
        return command;
    }

    /** A fresh directory under the work directory that QEMU (another user) can reach. */
    public Path dir(String name) {
        Path dir = work.resolve(name);
        createSearchable(dir);
        return dir;
    }

    /** Creates {@code dir} with mode 755 and makes every parent searchable by others (QEMU runs as libvirt-qemu). */
    public static void createSearchable(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
                if (!perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    perms.add(PosixFilePermission.OTHERS_EXECUTE);
                    Files.setPosixFilePermissions(p, perms);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir, e);
        }
    }

    /** Removes every domain of the system daemon whose name starts with this run's tag. */
    public void cleanUp() {
        Proc.Result names = Proc.run(virsh(SYSTEM_URI, "list", "--all", "--name"), Map.of(), null, scratch(), java.time.Duration.ofSeconds(60), false);
        for (String name : names.out().lines().map(String::strip).filter(n -> n.startsWith(tag)).toList()) {
            Proc.run(virsh(SYSTEM_URI, "destroy", name), Map.of(), null, scratch(), java.time.Duration.ofSeconds(60), false);
            Proc.run(virsh(SYSTEM_URI, "undefine", "--nvram", "--tpm", name), Map.of(), null, scratch(), java.time.Duration.ofSeconds(60), false);
            System.err.println("bench: removed leftover VM " + name);
        }
    }
}
