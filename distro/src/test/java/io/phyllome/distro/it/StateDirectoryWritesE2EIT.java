package io.phyllome.distro.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Test;

/**
 * The platform writes only below its state directory (issue 7). {@code ./phyllome}, as users run
 * it, goes through a realistic sequence under {@code strace -ff} with libvirt's embedded driver in
 * a fresh state directory (with the system daemon, libvirtd would do the writing under
 * /var/lib/libvirt; embedded, libvirt runs in the platform's process, so its writes show too):
 * media import, VM creation, start, list, stop and deletion in one session, disk and media
 * listings. Every path that the launcher, the JVM, libvirt, QEMU or a host tool created, opened for
 * writing, removed, renamed or bound as a socket must lie in the state directory, except those of
 * {@link #ALLOWED}.
 *
 * <p>The state directory is short, like the default /var/lib/phyllome: a long one is reached
 * through a link in /run/phyllome (see EmbeddedRoot), which EmbeddedDriverE2EIT covers.
 */
public class StateDirectoryWritesE2EIT {

    /** What may be written outside the state directory, and why. */
    private static final Map<String, String> ALLOWED = Map.of(
            "/dev/", "device nodes (/dev/null, /dev/kvm, terminals): no stored data",
            "/proc/", "the kernel's process interface (the JVM's coredump_filter, QEMU's settings)",
            "/sys/fs/cgroup/", "the cgroups libvirt puts a running VM in: the kernel's resource controls, no stored data",
            "/run/libvirt/common", "the libvirt library's per-boot identity token (tmpfs), shared with libvirtd: libvirt's, not the platform's",
            "/run/libvirt/hostdevmgr", "the libvirt library's per-boot device ownership records (tmpfs): libvirt's");

    private final String name = TestGuest.uniqueName("it-writes");
    private final Path state = Path.of("/tmp", "phy-" + TestGuest.random(3));
    private final Path traces = Path.of(TestPlatform.required("phyllome.it.work")).toAbsolutePath()
            .resolve(StateDirectoryWritesE2EIT.class.getSimpleName());

    @Test
    public void aRealisticSequenceWritesOnlyBelowTheStateDirectory() throws Exception {
        Host.quietly("rm", "-rf", traces.toString()); // an earlier run's traces
        Path media = TestGuest.initrd();
        Map<String, Set<String>> writes = new TreeMap<>();
        writes.put("1 media:import", run("1", "", "media:import", "--name", "it-writes.img", media.toString(), sha256(media)));
        writes.put("2 vm:create", run("2", "", "vm:create", "--no-encryption", "--memory", "256M", "--cpus", "1", "--disk", "64M", "linux", name));
        writes.put("3 session", run("3", String.join("\n", "vm:start " + name, "vm:list", "vm:stop " + name, "vm:delete --with-disks " + name,
                "exit 0", ""), new String[0]));
        writes.put("4 disk:list", run("4", "", "disk:list"));
        writes.put("5 media:remove", run("5", "", "media:remove", "it-writes.img"));

        String root = state + "/";
        assertTrue("the trace shows the disk being made: " + writes.get("2 vm:create"),
                writes.get("2 vm:create").contains(root + "disks/" + name + "-0.qcow2"));
        assertTrue("the trace shows the media import: " + writes.get("1 media:import"),
                writes.get("1 media:import").stream().anyMatch(p -> p.startsWith(root + "media/")));
        List<String> outside = new ArrayList<>();
        writes.forEach((step, paths) -> paths.stream().filter(p -> !p.equals(state.toString()) && !p.startsWith(root) && !allowed(p))
                .forEach(p -> outside.add(step + ": " + p)));
        assertTrue("written outside the state directory " + state + " (allowed: " + ALLOWED.keySet() + "):\n" + String.join("\n", outside),
                outside.isEmpty());
    }

    private static boolean allowed(String path) {
        return ALLOWED.keySet().stream().anyMatch(a -> path.equals(a) || path.startsWith(a.endsWith("/") ? a : a + "/") || a.startsWith(path + "/"));
    }

    /** Runs ./phyllome with {@code args} (and {@code input} on stdin) under strace; the paths it wrote. */
    private Set<String> run(String step, String input, String... args) throws IOException, InterruptedException {
        Files.createDirectories(traces);
        Path prefix = traces.resolve("trace-" + step);
        List<String> command = new ArrayList<>(WriteTrace.straceOptions(prefix));
        command.add(TestPlatform.required("phyllome.it.launcher"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(traces.toFile()).redirectErrorStream(true)
                .redirectOutput(traces.resolve("output-" + step).toFile());
        builder.environment().put("PHYLLOME_STATE_DIR", state.toString());
        builder.environment().put("PHYLLOME_LIBVIRT_URI", "qemu:///embed?root=" + state.resolve("libvirt"));
        builder.environment().put("PHYLLOME_NO_BUILD", "1"); // the jar this build made, as it is
        Process process = builder.start();
        process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("step " + step + " did not finish within 180 s");
        }
        String output = Files.readString(traces.resolve("output-" + step));
        assertEquals("step " + step + " " + String.join(" ", args) + ":\n" + output, 0, process.exitValue());
        if (args.length == 0) {
            assertTrue(output, output.contains("started " + name) && output.contains("stopped " + name) && output.contains("deleted " + name));
        }
        return WriteTrace.read(prefix, traces);
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    /** Removes the state directory (and with it the embedded driver's VMs and files). */
    @After
    public void cleanUp() {
        Host.quietly("rm", "-rf", state.toString());
    }
}
