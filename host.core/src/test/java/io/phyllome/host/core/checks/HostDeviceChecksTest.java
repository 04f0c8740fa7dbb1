package io.phyllome.host.core.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.phyllome.host.diagnostics.HostValidation;


/** The virt-host-validate checks on a made-up root directory. */
class HostDeviceChecksTest {

    @TempDir
    Path root;

    private void file(String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private Map<String, HostValidation.Check> checks(boolean passthrough) {
        return HostDeviceChecks.run(root, passthrough).stream().collect(Collectors.toMap(HostValidation.Check::subject, c -> c));
    }

    @Test
    void aCgroupV1HostWithEveryDeviceAndAnIommuPasses() throws IOException {
        file("dev/net/tun", "");
        file("dev/vhost-net", "");
        file("sys/kernel/iommu_groups/0/type", "DMA");
        file("proc/mounts", """
                cgroup /sys/fs/cgroup/cpu cgroup rw,relatime,cpu 0 0
                cgroup /sys/fs/cgroup/cpuacct cgroup rw,relatime,cpuacct 0 0
                cgroup /sys/fs/cgroup/cpuset cgroup rw,relatime,cpuset 0 0
                cgroup /sys/fs/cgroup/memory cgroup rw,relatime,memory 0 0
                cgroup /sys/fs/cgroup/devices cgroup rw,relatime,devices 0 0
                cgroup /sys/fs/cgroup/blkio cgroup rw,relatime,blkio 0 0
                """);

        List<HostValidation.Check> checks = HostDeviceChecks.run(root, true);

        assertTrue(checks.stream().allMatch(c -> c.status() == HostValidation.Status.PASS), checks.toString());
    }

    @Test
    void cgroupV2ControllersCountInV1Names() throws IOException {
        file("proc/mounts", "cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid 0 0\n");
        file("sys/fs/cgroup/cgroup.controllers", "cpuset cpu io memory pids\n");

        assertEquals(HostValidation.Status.PASS, checks(false).get("cgroup controllers").status());
    }

    @Test
    void missingDevicesAndControllersSayHowToGetThem() throws IOException {
        file("proc/mounts", "cgroup /sys/fs/cgroup/cpu cgroup rw,cpu,cpuacct 0 0\n");

        Map<String, HostValidation.Check> checks = checks(false);

        assertEquals(HostValidation.Status.FAIL, checks.get("/dev/net/tun").status());
        assertTrue(checks.get("/dev/net/tun").detail().contains("modprobe tun"));
        assertEquals(HostValidation.Status.WARN, checks.get("/dev/vhost-net").status());
        assertTrue(checks.get("/dev/vhost-net").detail().contains("modprobe vhost_net"));
        HostValidation.Check cgroups = checks.get("cgroup controllers");
        assertEquals(HostValidation.Status.WARN, cgroups.status());
        assertTrue(cgroups.detail().startsWith("missing cpuset, memory, devices, blkio"), cgroups.detail());
    }

    @Test
    void noIommuWarnsOnlyWhenPassthroughIsAllowed() {
        assertEquals(HostValidation.Status.PASS, checks(false).get("IOMMU").status());
        HostValidation.Check allowed = checks(true).get("IOMMU");
        assertEquals(HostValidation.Status.WARN, allowed.status());
        assertTrue(allowed.detail().contains("intel_iommu=on"), allowed.detail());
    }

    @Test
    void onlyLocalConnectionsAreCheckedOnThisMachine() {
        assertTrue(HostDeviceChecks.local("qemu:///system"));
        assertTrue(HostDeviceChecks.local("qemu:///embed?root=/var/lib/phyllome/libvirt"));
        assertTrue(HostDeviceChecks.local("qemu+ssh://localhost/system"));
        assertFalse(HostDeviceChecks.local("qemu+ssh://other.example/system"));
    }

    @Test
    void aKvmNodeOnlyRootCanOpenWarnsWithUdevsFix() throws IOException {
        file("dev/kvm", "");
        Path kvm = root.resolve("dev/kvm");
        Files.setPosixFilePermissions(kvm, PosixFilePermissions.fromString("rw-------"));

        HostValidation.Check check = HostDeviceChecks.kvmDevice(kvm).orElseThrow();
        assertEquals(HostValidation.Status.WARN, check.status(), check.toString());
        assertTrue(check.detail().contains("chgrp kvm /dev/kvm && chmod 0660 /dev/kvm"), check.detail());

        Files.setPosixFilePermissions(kvm, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertEquals(HostValidation.Status.PASS, HostDeviceChecks.kvmDevice(kvm).orElseThrow().status());
    }

    @Test
    void aKvmNodeOfGroupKvmPasses() throws IOException {
        UserPrincipalLookupService users = root.getFileSystem().getUserPrincipalLookupService();
        GroupPrincipal kvmGroup;
        try {
            kvmGroup = users.lookupPrincipalByGroupName("kvm");
        } catch (UserPrincipalNotFoundException e) {
            Assumptions.abort("no group kvm on this machine (libvirt's packages make it)");
            return;
        }
        file("dev/kvm", "");
        Path kvm = root.resolve("dev/kvm");
        Files.getFileAttributeView(kvm, PosixFileAttributeView.class).setGroup(kvmGroup);
        Files.setPosixFilePermissions(kvm, PosixFilePermissions.fromString("rw-rw----"));

        assertEquals(HostValidation.Status.PASS, HostDeviceChecks.kvmDevice(kvm).orElseThrow().status());
        Files.setPosixFilePermissions(kvm, PosixFilePermissions.fromString("rw-r-----"));
        assertEquals(HostValidation.Status.WARN, HostDeviceChecks.kvmDevice(kvm).orElseThrow().status());
    }

    @Test
    void aRunDirectoryOthersCannotTraverseFailsWithItsFix() throws IOException {
        Path dir = Files.createDirectories(root.resolve("run/libvirt"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));

        HostValidation.Check check = checks(false).get("/run/libvirt");
        assertEquals(HostValidation.Status.FAIL, check.status(), check.toString());
        assertTrue(check.detail().contains("chmod 755 /run/libvirt"), check.detail());

        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(HostValidation.Status.PASS, checks(false).get("/run/libvirt").status());
    }

    @Test
    void absentKvmAndRunDirectoryAreNotChecked() {
        Map<String, HostValidation.Check> checks = checks(false);
        assertFalse(checks.containsKey("/dev/kvm"));
        assertFalse(checks.containsKey("/run/libvirt"));
    }
}
