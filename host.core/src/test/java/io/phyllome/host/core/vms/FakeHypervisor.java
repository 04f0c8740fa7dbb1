package io.phyllome.host.core.vms;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.phyllome.host.core.profiles.FakeProfiles;
import io.phyllome.host.hypervisor.Domain;
import io.phyllome.host.hypervisor.DomainDefinition;
import io.phyllome.host.hypervisor.Hypervisor;
import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.storage.Volume;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.VmDisk;
import io.phyllome.host.vm.VmSpec;
import io.phyllome.host.vm.VmState;

/**
 * A hypervisor that keeps its domains in memory and writes every call to the test's journal, e.g.
 * "hypervisor.define vm1"; each failure a test needs is a field to set.
 */
final class FakeHypervisor implements Hypervisor {
    private final List<String> journal;
    final Map<String, Domain> domains = new TreeMap<>();
    final List<DomainDefinition> definitions = new ArrayList<>();
    final Set<String> autostart = new TreeSet<>();
    RuntimeException failDefine;
    /** Thrown after the domain was defined, as when libvirt restarted before it answered. */
    RuntimeException failDefineAfterDefining;
    RuntimeException failAttach;
    HostCapabilities host = FakeProfiles.HOST;

    FakeHypervisor(List<String> journal) {
        this.journal = journal;
    }

    void put(Domain domain) {
        domains.put(domain.name(), domain);
    }

    @Override
    public HostCapabilities capabilities() {
        journal.add("hypervisor.capabilities");
        return host;
    }

    @Override
    public Domain define(DomainDefinition definition) {
        String name = definition.spec().name();
        journal.add("hypervisor.define " + name);
        definitions.add(definition);
        if (failDefine != null) {
            throw failDefine;
        }
        List<VmDisk> disks = new ArrayList<>();
        for (Volume v : definition.volumes()) {
            disks.add(new VmDisk("vd" + (char) ('a' + disks.size()), v.path(), false, v.encrypted(), true));
        }
        Domain domain = new Domain(name, "uuid-" + name, VmState.SHUT_OFF, definition.profile().id(),
                definition.spec().memory().orElseThrow(), definition.spec().cpus(), disks);
        put(domain);
        if (failDefineAfterDefining != null) {
            throw failDefineAfterDefining;
        }
        return domain;
    }

    @Override
    public Optional<Domain> find(String name) {
        journal.add("hypervisor.find " + name);
        return Optional.ofNullable(domains.get(name));
    }

    @Override
    public List<Domain> list() {
        journal.add("hypervisor.list");
        return List.copyOf(domains.values());
    }

    @Override
    public void start(String name) {
        journal.add("hypervisor.start " + name);
    }

    @Override
    public void shutdown(String name) {
        journal.add("hypervisor.shutdown " + name);
    }

    @Override
    public void forceStop(String name) {
        journal.add("hypervisor.forceStop " + name);
    }

    @Override
    public boolean autostart(String name) {
        return autostart.contains(name);
    }

    @Override
    public void setAutostart(String name, boolean on) {
        journal.add("hypervisor.setAutostart " + name + " " + on);
        if (on) {
            autostart.add(name);
        } else {
            autostart.remove(name);
        }
    }

    @Override
    public void undefine(String name) {
        journal.add("hypervisor.undefine " + name);
        domains.remove(name);
    }

    @Override
    public String nativeDefinition(String name) {
        journal.add("hypervisor.describe " + name);
        return "<domain name='" + name + "'/>";
    }

    @Override
    public byte[] screenshot(String name) {
        journal.add("hypervisor.screenshot " + name);
        return new byte[0];
    }

    @Override
    public List<String> useVirtio(String name) {
        journal.add("hypervisor.useVirtio " + name);
        return List.of();
    }

    @Override
    public String attachDisk(String name, Volume volume) {
        journal.add("hypervisor.attachDisk " + name + " " + volume.path());
        if (failAttach != null) {
            throw failAttach;
        }
        return "vdb";
    }

    @Override
    public void resizeDisk(String name, String target, ByteSize size) {
        journal.add("hypervisor.resizeDisk " + name + " " + target + " " + size);
    }

    @Override
    public VmSpec spec(String name) {
        throw new UnsupportedOperationException("packages are tested end to end (VmPackageE2EIT)");
    }

    @Override
    public Optional<Path> firmwareVariables(String name) {
        throw new UnsupportedOperationException("packages are tested end to end (VmPackageE2EIT)");
    }

    @Override
    public void restoreFirmwareVariables(String name, Path file) {
        throw new UnsupportedOperationException("packages are tested end to end (VmPackageE2EIT)");
    }
}
