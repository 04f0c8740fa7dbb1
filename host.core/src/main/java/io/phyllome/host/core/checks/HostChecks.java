package io.phyllome.host.core.checks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.phyllome.host.diagnostics.CrashLeftovers;
import io.phyllome.host.diagnostics.HostValidation.Check;
import io.phyllome.host.diagnostics.HostValidation.Status;
import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.storage.ProtectedDirectory;

/**
 * What {@code host:check} checks, in the spirit of {@code virt-host-validate}: each check passes,
 * warns or fails, and says how to fix what is wrong.
 */
final class HostChecks {

    private static final long LOW_SPACE = 10L << 30;

    private HostChecks() {
    }

    static List<Check> run(HostCapabilities host, Map<String, String> faultyProfiles, Path stateDir, List<ProtectedDirectory> protection) {
        List<Check> checks = new ArrayList<>();
        checks.add(host.kvmUsable() ? pass("hardware virtualization", "KVM is usable")
                : new Check(Status.WARN, "hardware virtualization", "KVM is not usable (" + host.kvmProblem()
                        + "): guests run emulated, many times slower; enable VT-x/AMD-V in the firmware or use a host that has it"));
        checks.add(host.uefi() ? pass("UEFI firmware", "OVMF is installed") : fail("UEFI firmware", "missing: install the ovmf package"));
        checks.add(host.secureBoot() ? pass("Secure Boot firmware", "OVMF with Secure Boot is installed")
                : fail("Secure Boot firmware", "missing, so profiles that need Secure Boot refuse to create VMs: install the ovmf package"));
        checks.add(host.tpmEmulator() ? pass("TPM 2.0 emulator", "swtpm is installed")
                : fail("TPM 2.0 emulator", "missing, so profiles that need a TPM refuse to create VMs: install the swtpm and swtpm-tools packages"));
        checks.add(onPath("qemu-img") ? pass("qemu-img", "installed") : fail("qemu-img", "missing: install the qemu-utils package"));
        checks.add(stateDirectory(stateDir));
        for (ProtectedDirectory dir : protection) {
            checks.add(!dir.encrypted() ? new Check(Status.WARN, "fscrypt " + dir.path().getFileName(), dir.path() + " " + dir.note())
                    : dir.unlocked() ? pass("fscrypt " + dir.path().getFileName(), dir.path() + " is protected")
                    : fail("fscrypt " + dir.path().getFileName(), dir.path() + " is locked: unlock it with host:unlock"));
        }
        faultyProfiles.forEach((id, why) -> checks.add(fail("profile " + id, "faulty: " + why + " (update or uninstall it: profile:update, profile:uninstall)")));
        return checks;
    }

    /** What a crash left behind: a warning with the fix, or a pass. Unused disks kept on purpose are no problem. */
    static Check leftovers(CrashLeftovers.Report report) {
        List<String> found = new ArrayList<>();
        report.interrupted().forEach(v -> found.add(v.path()));
        report.orphanKeys().forEach(k -> found.add("key " + k));
        found.addAll(report.transfers());
        return found.isEmpty() ? pass("crash leftovers", "none")
                : new Check(Status.WARN, "crash leftovers", "disks or keys no VM uses, left by an interrupted creation: " + String.join(", ", found)
                        + ": remove them with disk:orphans --clean");
    }

    private static Check stateDirectory(Path dir) {
        try {
            Path existing = dir;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null || !Files.isWritable(existing)) {
                return fail("state directory", dir + " is not writable: set " + io.phyllome.host.platform.StateDirectory.PROPERTY + " to a writable directory");
            }
            long free = Files.getFileStore(existing).getUsableSpace();
            String space = String.format("%.1fG free", free / (double) (1L << 30));
            return free < LOW_SPACE ? new Check(Status.WARN, "state directory", dir + ": only " + space + " for disks and media")
                    : pass("state directory", dir + ": " + space);
        } catch (IOException e) {
            return fail("state directory", "cannot inspect " + dir + ": " + e.getMessage());
        }
    }

    private static boolean onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static Check pass(String subject, String detail) {
        return new Check(Status.PASS, subject, detail);
    }

    private static Check fail(String subject, String detail) {
        return new Check(Status.FAIL, subject, detail);
    }
}
