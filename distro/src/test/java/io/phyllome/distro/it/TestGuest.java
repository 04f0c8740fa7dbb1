package io.phyllome.distro.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.BooleanSupplier;

import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.DirectBoot;
import io.phyllome.host.vm.DiskSpec;
import io.phyllome.host.vm.NoSuchVmException;
import io.phyllome.host.vm.VirtualMachines;
import io.phyllome.host.vm.VmException;
import io.phyllome.host.vm.VmInfo;
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

    /** What qemu-img says when its LUKS key-stretching benchmark measured 0 ms of CPU time. */
    static final String LUKS_BENCHMARK_FAILURE = "Unable to get accurate CPU usage";
    static final int CREATE_ATTEMPTS = 30;

    /**
     * Creates {@code spec}, retrying while qemu-img's LUKS benchmark fails.
     *
     * <p>Workaround for a platform bug: on kernels with tick-based CPU accounting (this machine: HZ=250,
     * getrusage(RUSAGE_THREAD) moves in 4 ms steps) QEMU 7.2's PBKDF2 benchmark often measures
     * 0 ms and {@code qemu-img create} fails ("Unable to get accurate CPU usage"; about 2 of 3
     * runs here). The platform should retry this itself (QemuImg.createEncrypted); until it does,
     * the tests retry, after checking that the failed attempt left nothing behind.
     *
     * @param nothingLeft asserts that a failed creation left no disk, secret or domain
     */
    static VmInfo create(VirtualMachines vms, VmSpec spec, Runnable nothingLeft) {
        for (int attempt = 1;; attempt++) {
            try {
                VmInfo info = vms.create(spec);
                if (attempt > 1) {
                    System.out.println("created " + spec.name() + " at attempt " + attempt);
                }
                return info;
            } catch (VmException e) {
                if (e.getMessage() == null || !e.getMessage().contains(LUKS_BENCHMARK_FAILURE) || attempt == CREATE_ATTEMPTS) {
                    throw e;
                }
                nothingLeft.run();
                KnownBugs.met(KnownBugs.LUKS_BENCHMARK, "creating " + spec.name() + " failed (attempt " + attempt + "): " + e.getMessage());
            }
        }
    }

    /**
     * Waits until the guest has powered itself off and the VM is shut off.
     *
     * <p>Tolerates the VM being briefly missing from {@link VirtualMachines#info(String)} while
     * it stops, as long as {@code stillDefined} (the hypervisor's view, asked directly) shows
     * it is there: LibvirtHypervisor.names() lists inactive, then active domains in two calls, so
     * a domain that stops in between is in neither list, and the id of an active domain can go
     * stale before its lookup (a platform bug: {@link KnownBugs#DOMAIN_LIST_RACE}).
     *
     * @return how often the VM was reported missing while still defined
     */
    static int awaitShutOff(VirtualMachines vms, String name, BooleanSupplier stillDefined) {
        int[] missing = { 0 };
        VmState[] last = { null };
        Osgi.await(Duration.ofSeconds(60), () -> {
            try {
                last[0] = vms.info(name).state();
                return last[0] == VmState.SHUT_OFF;
            } catch (VmException e) {
                // names() lost it (NoSuchVmException), or an active domain's id went stale before its lookup
                boolean listRace = e instanceof NoSuchVmException || String.valueOf(e.getMessage()).contains("no domain with matching id");
                if (!listRace) {
                    throw e;
                }
                if (!stillDefined.getAsBoolean()) {
                    throw new AssertionError(name + " disappeared while stopping", e);
                }
                missing[0]++;
                KnownBugs.met(KnownBugs.DOMAIN_LIST_RACE, "vm info " + name + " failed while the hypervisor still has it: " + e.getMessage());
                return false;
            }
        }, () -> name + " is still " + last[0] + " after the guest powered off");
        return missing[0];
    }

    /** Waits until the guest has printed its marker and its disks to the serial log. */
    static void awaitBoot(Path serialLog, String marker) {
        Osgi.await(BOOT_TIMEOUT, () -> booted(Host.read(serialLog), marker),
                () -> "the guest's serial log " + serialLog + " shows marker " + marker + " and /dev/vda:\n" + Host.read(serialLog));
    }

    private static boolean booted(String log, String marker) {
        return log.lines().anyMatch(l -> l.strip().equals("PHYLLOME-MARKER " + marker))
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
