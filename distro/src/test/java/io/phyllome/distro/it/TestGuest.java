package io.phyllome.distro.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.DirectBoot;
import io.phyllome.host.vm.DiskSpec;
import io.phyllome.host.vm.VirtualMachines;
import io.phyllome.host.vm.VmSpec;
import io.phyllome.host.vm.VmState;

/**
 * The tiny direct-boot guest of tools/test-guest.sh: it prints {@code PHYLLOME-MARKER <marker>}
 * and {@code PHYLLOME-DISKS <devices>} on ttyS0 and powers off.
 */
final class TestGuest {

    static final Duration BOOT_TIMEOUT = Duration.ofSeconds(90);
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestGuest() {
    }

    /** A name no other run uses: {@code prefix} and 8 random hex digits. */
    static String uniqueName(String prefix) {
        return prefix + "-" + random(4);
    }

    static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static Path kernel() {
        return file("vmlinuz");
    }

    static Path initrd() {
        return file("initrd.img");
    }

    /** The spec the E2E tests create: 256M, 1 CPU, one 64M disk, the test guest booted directly. */
    static VmSpec spec(String name, String marker, boolean encrypted) {
        return VmSpec.builder("linux", name).memory(ByteSize.ofMiB(256)).cpus(1).disk(new DiskSpec(ByteSize.ofMiB(64), encrypted))
                .directBoot(new DirectBoot(kernel(), initrd(), "console=ttyS0 phyllome.marker=" + marker)).build();
    }

    /** Waits until the guest has powered itself off and the VM is shut off (on_poweroff=destroy). */
    static void awaitShutOff(VirtualMachines vms, String name) {
        VmState[] last = { null };
        Osgi.await(Duration.ofSeconds(60), () -> {
            last[0] = vms.info(name).state();
            return last[0] == VmState.SHUT_OFF;
        }, () -> name + " is still " + last[0] + " after the guest powered off");
    }

    /** Waits until the guest has printed its marker and its disks to the serial log. */
    static void awaitBoot(Path serialLog, String marker) {
        Osgi.await(BOOT_TIMEOUT, () -> booted(Host.read(serialLog), marker),
                () -> "the guest's serial log " + serialLog + " shows marker " + marker + " and /dev/vda:\n" + Host.read(serialLog));
    }

    private static boolean booted(String log, String marker) {
        // the kernel's own messages can run into the marker's line on the serial console
        return log.lines().anyMatch(l -> l.contains("PHYLLOME-MARKER " + marker))
                && log.lines().anyMatch(l -> l.startsWith("PHYLLOME-DISKS") && l.contains("/dev/vda"));
    }

    private static Path file(String name) {
        Path file = Path.of(TestPlatform.required("phyllome.it.guest")).resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("test guest " + file + " missing: the build runs tools/test-guest.sh in pre-integration-test");
        }
        return file;
    }
}
