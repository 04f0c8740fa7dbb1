package io.phyllome.host.core.checks;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.phyllome.host.diagnostics.HostValidation.Check;
import io.phyllome.host.diagnostics.HostValidation.Status;

/**
 * The checks of {@code virt-host-validate qemu} that matter for this platform, made directly on
 * the files of a local host: the network devices, the cgroup controllers libvirt puts VMs in, and
 * the IOMMU that device passthrough needs; and what udev and libvirtd leave on a Debian host and a
 * host without them may lack: {@code /dev/kvm} open to the QEMU user, and a {@code /run/libvirt}
 * that swtpm can traverse. (Hardware virtualization is {@link HostChecks}'s.)
 */
final class HostDeviceChecks {

    /** The controllers virt-host-validate requires, in cgroup v1's names. */
    private static final List<String> CONTROLLERS = List.of("cpu", "cpuacct", "cpuset", "memory", "devices", "blkio");
    /** The user and group Debian's libvirt runs QEMU as, and checks {@code /dev/kvm} for. */
    private static final String QEMU_USER = "libvirt-qemu";
    private static final String QEMU_GROUP = "kvm";

    private HostDeviceChecks() {
    }

    /** Whether a libvirt URI names this machine, so that its files tell about the hypervisor's host. */
    static boolean local(String uri) {
        String host = URI.create(uri.replace(":///", "://localhost/")).getHost();
        return host == null || host.equals("localhost");
    }

    /**
     * @param root               the host's root directory ({@code /}; another for tests)
     * @param passthroughAllowed whether the configuration allows passthrough, the only use of an IOMMU here
     */
    static List<Check> run(Path root, boolean passthroughAllowed) {
        List<Check> checks = new ArrayList<>();
        checks.add(Files.exists(root.resolve("dev/net/tun")) ? new Check(Status.PASS, "/dev/net/tun", "present")
                : new Check(Status.FAIL, "/dev/net/tun", "missing, so VMs cannot join libvirt networks: load the tun module (modprobe tun)"));
        checks.add(Files.exists(root.resolve("dev/vhost-net")) ? new Check(Status.PASS, "/dev/vhost-net", "present")
                : new Check(Status.WARN, "/dev/vhost-net", "missing, so virtio networking is slower: load the vhost_net module (modprobe vhost_net)"));
        checks.add(cgroups(root));
        checks.add(iommu(root, passthroughAllowed));
        kvmDevice(root.resolve("dev/kvm")).ifPresent(checks::add);
        runDirectory(root.resolve("run/libvirt")).ifPresent(checks::add);
        return checks;
    }

    /**
     * libvirt checks {@code /dev/kvm} as the QEMU user; when that user cannot open it (no udev to
     * make it root:kvm 0660) while QEMU, probed as root, could, libvirt throws its capability
     * cache away on every call and probes QEMU again, 10-30 s a time. Absent: nothing to check.
     */
    static Optional<Check> kvmDevice(Path kvm) {
        if (!Files.exists(kvm)) {
            return Optional.empty();
        }
        String subject = "/dev/kvm";
        try {
            PosixFileAttributes a = Files.readAttributes(kvm, PosixFileAttributes.class);
            Set<PosixFilePermission> p = a.permissions();
            boolean open = p.containsAll(Set.of(PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE))
                    || a.group().getName().equals(QEMU_GROUP) && p.containsAll(Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE))
                    || a.owner().getName().equals(QEMU_USER) && p.containsAll(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
            String mode = a.owner().getName() + ":" + a.group().getName() + " " + PosixFilePermissions.toString(p);
            return Optional.of(open ? new Check(Status.PASS, subject, mode + ": open to QEMU's user")
                    : new Check(Status.WARN, subject, mode + ": QEMU's user (" + QEMU_USER + ", group " + QEMU_GROUP + ") cannot open it, so libvirt"
                            + " probes QEMU again on every call (10-30 s each): chgrp kvm /dev/kvm && chmod 0660 /dev/kvm (what udev does;"
                            + " tools/host-setup.sh does it on a host without udev)"));
        } catch (IOException e) {
            return Optional.of(new Check(Status.WARN, subject, "cannot inspect " + kvm + ": " + e.getMessage()));
        }
    }

    /**
     * swtpm runs as tss and makes its socket below {@code /run/libvirt/qemu/swtpm}: a
     * {@code /run/libvirt} others cannot traverse (libvirt's embedded driver makes it 0700 when it
     * comes before the daemon) makes every TPM guest of the daemon fail to start.
     */
    static Optional<Check> runDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        String subject = "/run/libvirt";
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(dir);
            return Optional.of(p.contains(PosixFilePermission.OTHERS_EXECUTE)
                    ? new Check(Status.PASS, subject, PosixFilePermissions.toString(p) + ": swtpm reaches its sockets below it")
                    : new Check(Status.FAIL, subject, PosixFilePermissions.toString(p) + ": swtpm (user tss) cannot reach its socket below it,"
                            + " so TPM guests of the libvirt daemon fail to start: chmod 755 /run/libvirt"));
        } catch (IOException e) {
            return Optional.of(new Check(Status.WARN, subject, "cannot inspect " + dir + ": " + e.getMessage()));
        }
    }

    private static Check cgroups(Path root) {
        Set<String> available = new TreeSet<>();
        try (Stream<String> mounts = Files.lines(root.resolve("proc/mounts"))) {
            for (String line : (Iterable<String>) mounts::iterator) {
                String[] fields = line.split(" ");
                if (fields.length < 4) {
                    continue;
                }
                if (fields[2].equals("cgroup")) {
                    available.addAll(Arrays.asList(fields[3].split(",")));
                } else if (fields[2].equals("cgroup2")) {
                    available.addAll(v2Controllers(root.resolve(fields[1].substring(1)).resolve("cgroup.controllers")));
                }
            }
        } catch (IOException e) {
            return new Check(Status.WARN, "cgroup controllers", "cannot read " + root.resolve("proc/mounts") + ": " + e.getMessage());
        }
        List<String> missing = CONTROLLERS.stream().filter(c -> !available.contains(c)).toList();
        return missing.isEmpty() ? new Check(Status.PASS, "cgroup controllers", String.join(", ", CONTROLLERS))
                : new Check(Status.WARN, "cgroup controllers", "missing " + String.join(", ", missing)
                        + ", so libvirt cannot limit and account VMs' use of them: mount the cgroup hierarchies (cgroup v1) or enable"
                        + " the controllers in the cgroup v2 root's cgroup.subtree_control");
    }

    /** A cgroup v2 hierarchy's controllers, in v1's names: cpu accounts too, io is blkio, devices is BPF (always there). */
    private static Set<String> v2Controllers(Path file) {
        Set<String> controllers = new TreeSet<>(Set.of("devices"));
        try {
            for (String c : Files.readString(file).trim().split("\\s+")) {
                controllers.add(c);
                if (c.equals("cpu")) {
                    controllers.add("cpuacct");
                } else if (c.equals("io")) {
                    controllers.add("blkio");
                }
            }
        } catch (IOException e) {
            // an unreadable hierarchy offers nothing
        }
        return controllers;
    }

    private static Check iommu(Path root, boolean passthroughAllowed) {
        boolean groups;
        try (Stream<Path> entries = Files.list(root.resolve("sys/kernel/iommu_groups"))) {
            groups = entries.findAny().isPresent();
        } catch (IOException e) {
            groups = false;
        }
        if (groups) {
            return new Check(Status.PASS, "IOMMU", "enabled: host devices can be passed through (which ties VMs to this host)");
        }
        return passthroughAllowed
                ? new Check(Status.WARN, "IOMMU", "not enabled, so host devices cannot be passed through although the configuration allows"
                        + " passthrough: enable VT-d/AMD-Vi in the firmware and boot with intel_iommu=on or amd_iommu=on")
                : new Check(Status.PASS, "IOMMU", "not enabled; not needed, as passthrough is off (allowPassthrough in PID io.phyllome.host.profiles)");
    }
}
