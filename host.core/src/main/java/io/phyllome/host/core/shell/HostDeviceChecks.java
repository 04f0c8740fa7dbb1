package io.phyllome.host.core.shell;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.phyllome.host.core.shell.HostChecks.Check;
import io.phyllome.host.core.shell.HostChecks.Status;

/**
 * The checks of {@code virt-host-validate qemu} that matter for this platform, made directly on
 * the files of a local host: the network devices, the cgroup controllers libvirt puts VMs in, and
 * the IOMMU that device passthrough needs. (Hardware virtualization is {@link HostChecks}'s.)
 */
final class HostDeviceChecks {

    /** The controllers virt-host-validate requires, in cgroup v1's names. */
    private static final List<String> CONTROLLERS = List.of("cpu", "cpuacct", "cpuset", "memory", "devices", "blkio");

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
        return checks;
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
