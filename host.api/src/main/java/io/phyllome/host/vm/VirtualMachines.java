package io.phyllome.host.vm;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The platform's façade for VMs, used by the shell and any other front end. Every method fails
 * with a {@link VmException} whose message names the problem and the fix.
 */
@ProviderType
public interface VirtualMachines {

    /**
     * Validates the spec, asks its profile for a device set, creates the disks and defines the VM.
     * On any failure nothing is left behind.
     *
     * @return the defined (not started) VM, with the findings of its profile
     * @throws InvalidSpecException when the spec cannot be created as asked, each problem naming
     *         the spec's field it is about
     */
    VmInfo create(VmSpec spec);

    /** The VMs of this host, ordered by name. */
    List<VmInfo> list();

    /**
     * The VMs of this host, ordered by name, with only what a listing shows (no disks): cheaper
     * than {@link #list()} on a host with many VMs.
     */
    List<VmSummary> summaries();

    /** @throws NoSuchVmException when there is no such VM */
    VmInfo info(String name);

    void start(String name);

    /** Asks the guest to power off (ACPI); returns without waiting for it. */
    void shutdown(String name);

    /** Powers the VM off at once, like pulling the plug. */
    void stop(String name);

    /** Whether the VM starts when its host does (the libvirt daemon, or the service on the embedded driver). */
    boolean autostart(String name);

    /** Marks the VM to start, or not, when its host does. */
    void setAutostart(String name, boolean on);

    /**
     * Deletes the VM, stopping it first if it runs, with its firmware variables, TPM state and
     * the disks the platform created for it unless {@code keepDisks}.
     */
    void delete(String name, boolean keepDisks);

    /** The hypervisor's definition of the VM (libvirt domain XML). */
    String definition(String name);

    /** What a running VM's display shows, as a PNG image. */
    byte[] screenshot(String name);

    /**
     * Where a running VM's VNC server listens on this host (127.0.0.1), for a front end that
     * proxies it, e.g. the web console; empty when the VM has no VNC display.
     *
     * @throws VmException when the VM does not run
     * @since 1.1
     */
    Optional<InetSocketAddress> vncDisplay(String name);

    /**
     * The file on this host that the VM's serial console writes to, for a front end that shows it,
     * e.g. for a VM without a display; empty when its serial port writes to no file.
     *
     * @throws NoSuchVmException when there is no such VM
     * @since 1.1
     */
    Optional<Path> serialLog(String name);

    /**
     * Switches a shut-off VM's disks and network cards to virtio, once its guest has the drivers
     * (a Windows installed without them runs on SATA and e1000e).
     *
     * @return what changed, one line per device
     */
    List<String> useVirtio(String name);

    /** Creates a new disk (encrypted unless the spec opts out) and attaches it to a VM. */
    VmDisk addDisk(String name, DiskSpec disk);

    /** Grows a VM's disk, given by its guest name (e.g. {@code vda}), to {@code size}. */
    void resizeDisk(String name, String target, ByteSize size);

    /** Deletes a disk the platform created, with its key; refused while a VM still uses it. */
    void deleteDisk(String path);
}
