package io.phyllome.host.core.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.phyllome.host.diagnostics.CrashLeftovers;
import io.phyllome.host.diagnostics.HostValidation;
import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.storage.ProtectedDirectory;
import io.phyllome.host.storage.Volume;
import io.phyllome.host.vm.ByteSize;

class HostChecksTest {

    @TempDir
    Path state;

    private static HostCapabilities host(String uri, boolean kvm, boolean uefi, boolean secureBoot, boolean tpm) {
        return new HostCapabilities(uri, "test", "x86_64", kvm, kvm ? "" : "no vmx", List.of("q35"), uefi, secureBoot, tpm,
                ByteSize.ofGiB(16), 4, Set.of(), "");
    }

    private static Map<String, HostValidation.Status> bySubject(List<HostValidation.Check> checks) {
        return checks.stream().collect(Collectors.toMap(HostValidation.Check::subject, HostValidation.Check::status));
    }

    @Test
    void aCompleteKvmHostPassesEverything() {
        List<HostValidation.Check> checks = HostChecks.run(host("qemu:///system", true, true, true, true), Map.of(), state, List.of());

        assertTrue(checks.stream().allMatch(c -> c.status() == HostValidation.Status.PASS), checks.toString());
    }

    @Test
    void missingFirmwareAndTpmFailWithTheirPackagesAndEmulationWarns() {
        List<HostValidation.Check> checks = HostChecks.run(host("qemu:///system", false, false, false, false), Map.of(), state, List.of());
        Map<String, HostValidation.Status> status = bySubject(checks);

        assertEquals(HostValidation.Status.WARN, status.get("hardware virtualization"));
        assertEquals(HostValidation.Status.FAIL, status.get("UEFI firmware"));
        assertEquals(HostValidation.Status.FAIL, status.get("TPM 2.0 emulator"));
        String report = checks.toString();
        assertTrue(report.contains("install the ovmf package") && report.contains("install the swtpm and swtpm-tools packages"), report);
    }

    @Test
    void unprotectedDirectoriesWarnAndLockedOnesFail() {
        List<HostValidation.Check> checks = HostChecks.run(host("qemu:///system", true, true, true, true), Map.of(), state, List.of(
                new ProtectedDirectory(state.resolve("disks"), false, false, "not protected: host:protect protects it"),
                new ProtectedDirectory(state.resolve("libvirt"), true, false, "")));
        Map<String, HostValidation.Status> status = bySubject(checks);

        assertEquals(HostValidation.Status.WARN, status.get("fscrypt disks"));
        assertEquals(HostValidation.Status.FAIL, status.get("fscrypt libvirt"));
    }

    @Test
    void aFaultyProfileFailsNamingIt() {
        List<HostValidation.Check> checks = HostChecks.run(host("qemu:///system", true, true, true, true), Map.of("acme", "threw NPE"), state, List.of());

        HostValidation.Check faulty = checks.stream().filter(c -> c.subject().equals("profile acme")).findFirst().orElseThrow();
        assertEquals(HostValidation.Status.FAIL, faulty.status());
        assertTrue(faulty.detail().contains("threw NPE"), faulty.detail());
    }

    @Test
    void crashLeftoversWarnWithTheFixButKeptDisksDoNot() {
        Volume leftover = new Volume("disks", "vm1-0.qcow2", "/state/disks/vm1-0.qcow2", ByteSize.ofMiB(64), ByteSize.ofMiB(1), "uuid-1");
        HostValidation.Check warn = HostChecks.leftovers(new CrashLeftovers.Report(List.of(leftover), List.of(), List.of("uuid-2"), List.of()));
        HostValidation.Check pass = HostChecks.leftovers(new CrashLeftovers.Report(List.of(), List.of("/state/disks/kept-0.qcow2"), List.of(), List.of()));

        assertEquals(HostValidation.Status.WARN, warn.status());
        assertTrue(warn.detail().contains("/state/disks/vm1-0.qcow2") && warn.detail().contains("key uuid-2")
                && warn.detail().endsWith("disk:orphans --clean"), warn.detail());
        assertEquals(HostValidation.Status.PASS, pass.status(), "a disk kept on purpose is no problem");
    }
}
