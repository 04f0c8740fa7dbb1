package io.phyllome.host.core.portability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.phyllome.host.device.CpuMode;
import io.phyllome.host.hypervisor.Domain;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.PortabilityFinding.Severity;
import io.phyllome.host.vm.PortabilityFinding;
import io.phyllome.host.vm.VmDisk;
import io.phyllome.host.vm.VmState;

class PortabilityRulesTest {

    private static final Path STATE = Path.of("/var/lib/phyllome");
    private static final Path POOL = STATE.resolve("disks");
    private static final Path LIBRARY = STATE.resolve("media");

    private static Domain vm(List<VmDisk> disks, List<String> hostDevices, CpuMode cpu, List<String> bootFiles) {
        return new Domain("vm1", "", VmState.SHUT_OFF, "linux", ByteSize.ofGiB(1), 1, disks, hostDevices, cpu, bootFiles);
    }

    private static List<PortabilityFinding> check(Domain vm) {
        return PortabilityRules.check(vm, POOL, LIBRARY);
    }

    @Test
    void aVmOfEncryptedPoolDisksAndLibraryMediaIsTiedByNothing() {
        Domain vm = vm(List.of(new VmDisk("vda", POOL + "/vm1-0.qcow2", false, true, true),
                new VmDisk("sda", LIBRARY + "/debian.iso", true, false, false)), List.of(), CpuMode.MAXIMUM, List.of(LIBRARY + "/vmlinuz"));

        assertEquals(List.of(), check(vm));
    }

    @Test
    void hostDevicesAndPassthroughBlockAndComeFirst() {
        Domain vm = vm(List.of(new VmDisk("vda", POOL + "/vm1-0.qcow2", false, false, true)), List.of("pci 0000:01:00.0"),
                CpuMode.HOST_PASSTHROUGH, List.of());

        List<PortabilityFinding> findings = check(vm);

        assertEquals(List.of(Severity.BLOCKER, Severity.BLOCKER, Severity.WARNING), findings.stream().map(PortabilityFinding::severity).toList());
        assertEquals("host device pci 0000:01:00.0 is passed through", findings.get(0).what());
        assertEquals("the CPU is host-passthrough", findings.get(1).what());
        assertTrue(findings.get(1).fix().contains("allowPassthrough"), findings.get(1).fix());
        assertTrue(findings.get(2).what().startsWith("disk vda"), findings.get(2).what());
    }

    @Test
    void filesOutsideThePoolAndTheLibraryAndUnencryptedDisksWarnWithAFix() {
        Domain vm = vm(List.of(new VmDisk("vda", POOL + "/vm1-0.qcow2", false, false, true),
                new VmDisk("sda", "/srv/iso/x.iso", true, false, false),
                new VmDisk("vdb", "/var/lib/phyllome/disks/../elsewhere.qcow2", false, true, false),
                new VmDisk("vdc", "pool/rbd-volume", false, true, false)),
                List.of(), CpuMode.HOST_MODEL, List.of("/boot/vmlinuz", "/boot/initrd.img"));

        List<String> what = check(vm).stream().map(PortabilityFinding::what).toList();

        assertEquals(List.of("the CPU is host-model",
                "medium sda is /srv/iso/x.iso, outside the platform's disk pool and media library",
                "disk vdb is /var/lib/phyllome/disks/../elsewhere.qcow2, outside the platform's disk pool and media library",
                "the direct-boot kernel is /boot/vmlinuz, outside the platform's disk pool and media library",
                "the direct-boot initial ramdisk is /boot/initrd.img, outside the platform's disk pool and media library",
                "disk vda (" + POOL + "/vm1-0.qcow2) is not encrypted"), what);
        assertTrue(check(vm).stream().allMatch(f -> f.severity() == Severity.WARNING));
        assertTrue(check(vm).get(1).fix().contains("media:import"), check(vm).get(1).fix());
    }
}
