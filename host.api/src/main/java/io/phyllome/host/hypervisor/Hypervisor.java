package io.phyllome.host.hypervisor;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.storage.Volume;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.VmSpec;

/**
 * What the platform needs from a hypervisor. Implemented by the libvirt adapter; failures are
 * {@link io.phyllome.host.vm.VmException}s with a clear message.
 */
@ProviderType
public interface Hypervisor {

    HostCapabilities capabilities();

    /** Defines (does not start) a VM; fails if one of that name exists. */
    Domain define(DomainDefinition definition);

    Optional<Domain> find(String name);

    /** All defined VMs, ordered by name. */
    List<Domain> list();

    /**
     * All defined VMs, ordered by name, with only what a listing shows: no disks or devices, so
     * that an adapter need not read each VM's whole definition.
     */
    default List<DomainSummary> summaries() {
        return list().stream().map(DomainSummary::of).toList();
    }

    void start(String name);

    /** Asks the guest to power off. */
    void shutdown(String name);

    /** Powers the VM off at once. */
    void forceStop(String name);

    /** Whether the VM starts with its host: libvirt's autostart flag. */
    boolean autostart(String name);

    /** Sets libvirt's autostart flag of the VM. */
    void setAutostart(String name, boolean on);

    /** Removes the definition with the VM's firmware variables and TPM state; disks stay. */
    void undefine(String name);

    /**
     * The spec a VM was created from, as far as moving it to another host needs: profile,
     * memory, CPUs, profile options and a directly booted kernel; no disks, install media or
     * network, which belong to the host.
     */
    VmSpec spec(String name);

    /**
     * The file of a VM's UEFI variables on this host, when it has one and the platform can reach
     * it (a local hypervisor).
     */
    Optional<Path> firmwareVariables(String name);

    /**
     * Gives a VM, before it first runs, the UEFI variables in {@code file}, e.g. those it had on
     * another host.
     *
     * @throws io.phyllome.host.vm.VmException when the hypervisor keeps them out of reach
     */
    void restoreFirmwareVariables(String name, Path file);

    /** The VM's definition in the hypervisor's own format (libvirt: domain XML), for the record and for people, never parsed by the platform. */
    String nativeDefinition(String name);

    /** The VM's display as a PNG image. */
    byte[] screenshot(String name);

    /**
     * Where a running VM's VNC server listens, reachable from this host only (the profiles give
     * it 127.0.0.1); empty when the VM has no VNC display or is not running. An adapter whose
     * VMs run elsewhere answers empty.
     *
     * @since 1.1
     */
    default Optional<InetSocketAddress> vncDisplay(String name) {
        return Optional.empty();
    }

    /**
     * The file on this host that the VM's first serial port writes to, when it writes to one
     * (the profiles log it under the state directory); empty otherwise.
     *
     * @since 1.1
     */
    default Optional<Path> serialLog(String name) {
        return Optional.empty();
    }

    /**
     * Moves a shut-off VM's disks and network cards from emulated to virtio devices.
     *
     * @return what changed, one line per device; empty when everything was virtio already
     */
    List<String> useVirtio(String name);

    /**
     * Adds a disk to a VM's definition, on the bus of its other disks, and to the running VM.
     *
     * @return the guest's name of the new disk, e.g. {@code vdb}
     */
    String attachDisk(String name, Volume volume);

    /**
     * Grows a VM's disk. A shut-off VM is started paused for the time it takes, so that the
     * hypervisor, which alone holds an encrypted disk's key, does it.
     */
    void resizeDisk(String name, String target, ByteSize size);
}
