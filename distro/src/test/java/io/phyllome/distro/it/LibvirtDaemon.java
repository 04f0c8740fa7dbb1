package io.phyllome.distro.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The system libvirtd, which other tests on this machine share: stopped by a signal and started
 * again the way the machine's setup starts it ({@code tools/host-setup.sh --daemons --no-install}).
 * Every stop is followed by a start, even when the test fails in between.
 */
final class LibvirtDaemon {

    private static final Path PID_FILE = Path.of("/run/libvirtd.pid");

    private LibvirtDaemon() {
    }

    /** Something done while the daemon is away; may fail. */
    interface Meanwhile {
        void run() throws Exception;
    }

    /** Stops libvirtd with {@code signal} (KILL or TERM), runs {@code meanwhile}, and starts it again whatever happened. */
    static void restart(String signal, Meanwhile meanwhile) throws Exception {
        try {
            stop(signal);
            meanwhile.run();
        } finally {
            start();
        }
    }

    /** Stops libvirtd with {@code signal} and waits until its process is gone. */
    static void stop(String signal) {
        String pid = pid();
        Host.run("kill", "-" + signal, pid);
        Osgi.await("libvirtd (" + pid + ") has ended after SIG" + signal, Duration.ofSeconds(30), () -> !Files.exists(Path.of("/proc", pid)) || zombie(pid));
    }

    /** Every libvirt daemon, for the tests of a host that has none. */
    static final List<String> ALL = List.of("libvirtd", "virtqemud", "virtlogd", "virtlockd", "virtsecretd");

    /**
     * Stops every libvirt daemon and waits until none runs. The default network goes first, as
     * at a shutdown, so that the daemon can start it again.
     */
    static void stopAll() {
        Host.quietly("virsh", "-c", Host.SYSTEM, "net-destroy", "default");
        for (String daemon : ALL) {
            Host.quietly("pkill", "-x", daemon);
        }
        Osgi.await("the libvirt daemons have exited", Duration.ofSeconds(20), () -> running().isEmpty());
    }

    /** The libvirt daemons running now (zombies aside). */
    static List<String> running() {
        return Host.run("ps", "-eo", "stat=,comm=").lines().map(String::strip).filter(l -> !l.startsWith("Z"))
                .map(l -> l.substring(l.indexOf(' ') + 1).strip()).filter(ALL::contains).toList();
    }

    /** Starts the daemons that are not running and waits until libvirtd answers. */
    static void start() {
        Path setup = Path.of(TestPlatform.required("phyllome.it.launcher")).resolveSibling("tools").resolve("host-setup.sh");
        Host.run(setup.toString(), "--daemons", "--no-install");
    }

    private static String pid() {
        try {
            return Files.readString(PID_FILE, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new AssertionError("libvirtd is not running (no " + PID_FILE + "): tools/host-setup.sh --daemons starts it", e);
        }
    }

    private static boolean zombie(String pid) {
        return Host.read(Path.of("/proc", pid, "status")).lines().anyMatch(l -> l.startsWith("State:") && l.contains("Z"));
    }
}
