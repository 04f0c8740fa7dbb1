package io.phyllome.host.core.portability;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.phyllome.host.core.profiles.ProfileRegistry;
import io.phyllome.host.device.CpuMode;
import io.phyllome.host.hypervisor.Domain;
import io.phyllome.host.vm.PortabilityFinding.Severity;
import io.phyllome.host.vm.PortabilityFinding;
import io.phyllome.host.vm.VmDisk;

/** What ties a defined VM to its host, read from its definition alone. */
final class PortabilityRules {

    private PortabilityRules() {
    }

    /**
     * @param pool    the platform's disk pool ({@code STATE/disks})
     * @param library the media library ({@code STATE/media})
     */
    static List<PortabilityFinding> check(Domain vm, Path pool, Path library) {
        List<PortabilityFinding> findings = new ArrayList<>();
        String name = vm.name();
        for (String device : vm.hostDevices()) {
            findings.add(new PortabilityFinding(Severity.BLOCKER, "host device " + device + " is passed through",
                    "the VM needs this host's very device, which no other host has, and libvirt cannot migrate a VM with host devices",
                    "detach it before moving (virsh detach-device " + name + " FILE --config) and pass the other host's device through there"));
        }
        if (vm.cpuMode() == CpuMode.HOST_PASSTHROUGH) {
            findings.add(new PortabilityFinding(Severity.BLOCKER, "the CPU is host-passthrough",
                    "the guest sees this host's exact CPU, and on a host with another CPU it may not start or may fail after a migration",
                    "give it a CPU model that hosts share (virsh edit " + name + ": <cpu mode='host-model'/> or a named model),"
                            + " and allow passthrough (allowPassthrough in PID " + ProfileRegistry.PID + ") only where VMs never move"));
        } else if (vm.cpuMode() == CpuMode.HOST_MODEL) {
            findings.add(new PortabilityFinding(Severity.WARNING, "the CPU is host-model",
                    "it becomes this host's CPU model when the VM starts, so on a host with another CPU the guest sees other features",
                    "move it only to hosts with the same CPU model (cpu.model in host:fingerprint), or give it a named CPU model"));
        }
        for (VmDisk disk : vm.disks()) {
            if (outside(disk.source(), pool, library)) {
                findings.add(outsideFinding((disk.readOnly() ? "medium " : "disk ") + disk.target() + " is " + disk.source()));
            }
        }
        List<String> bootFiles = vm.bootFiles();
        for (int i = 0; i < bootFiles.size(); i++) {
            if (outside(bootFiles.get(i), pool, library)) {
                findings.add(outsideFinding("the direct-boot " + (i == 0 ? "kernel" : "initial ramdisk") + " is " + bootFiles.get(i)));
            }
        }
        for (VmDisk disk : vm.disks()) {
            if (!disk.readOnly() && !disk.encrypted()) {
                findings.add(new PortabilityFinding(Severity.WARNING, "disk " + disk.target() + " (" + disk.source() + ") is not encrypted",
                        "its data leaves this host readable by anyone who gets the copy, in an export or on the way to another host",
                        "give the VM an encrypted disk (disk:add " + name + " SIZE), move the data to it and delete this one"));
            }
        }
        findings.sort(Comparator.comparing(PortabilityFinding::severity));
        return findings;
    }

    private static PortabilityFinding outsideFinding(String what) {
        return new PortabilityFinding(Severity.WARNING, what + ", outside the platform's disk pool and media library",
                "moving or exporting the VM takes the pool's disks and the library's media, so the other host needs the same file at the same path",
                "import it into the media library (media:import FILE SHA256) and use it from there, or drop it once the VM no longer needs it");
    }

    /** Whether {@code source} is a host file outside both directories (network disks and empty drives are not files). */
    private static boolean outside(String source, Path pool, Path library) {
        if (source == null || !source.startsWith("/")) {
            return false;
        }
        Path file = Path.of(source).normalize();
        return !file.startsWith(pool.normalize()) && !file.startsWith(library.normalize());
    }
}
