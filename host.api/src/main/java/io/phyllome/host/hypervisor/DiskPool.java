package io.phyllome.host.hypervisor;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The directory that holds the disks of VMs, as the hypervisor's storage pool: by default
 * {@code STATE/disks}, shown to the hypervisor's tools (e.g. {@code virsh vol-list}); or a pool
 * an administrator configured, e.g. on a network file system. Implemented by the hypervisor
 * adapter.
 */
@ProviderType
public interface DiskPool {

    /** The directory of the disks. */
    Path directory();

    /** The hypervisor's name of the pool; empty when the hypervisor has no storage pools. */
    String name();

    /** Tells the hypervisor that files in the directory came or went, so that its pool lists them. */
    void refresh();
}
