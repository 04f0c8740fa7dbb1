package io.phyllome.host.hypervisor;

import org.osgi.annotation.versioning.ProviderType;

/** Opens other hypervisor hosts, e.g. to move a VM there. Implemented by the hypervisor adapter. */
@ProviderType
public interface RemoteHosts {

    /**
     * Connects to another host.
     *
     * @param uri  the host's hypervisor URI, e.g. {@code qemu+ssh://root@other/system}
     * @param pool the storage pool there that takes the disks; empty for the one the platform makes
     *             on that host (for the state directory this host has, as hosts are identical)
     * @throws io.phyllome.host.vm.VmException naming the problem and the fix when the host cannot
     *         be reached or has no such pool
     */
    RemoteHost open(String uri, String pool);
}
