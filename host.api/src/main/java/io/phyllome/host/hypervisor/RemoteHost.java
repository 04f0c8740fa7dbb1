package io.phyllome.host.hypervisor;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

import io.phyllome.host.platform.HostCapabilities;

/**
 * Another host's hypervisor, connected until closed: what it takes to move a shut-off VM there.
 * Paths are the other host's.
 */
@ProviderType
public interface RemoteHost extends AutoCloseable {

    String uri();

    HostCapabilities capabilities();

    /** Whether a VM of that name is defined there. */
    boolean hasVm(String name);

    /**
     * Copies a file into the other host's disk pool under {@code name}; refuses a name that is
     * taken there.
     *
     * @return its path on the other host
     */
    String upload(Path file, String name);

    /** Stores the key of a disk there, as {@link Secrets#defineVolumeKey} does here. */
    String defineVolumeKey(String volumePath, byte[] key);

    /** Defines (does not start) a VM there, its serial console logged where this host logs it. */
    Domain define(DomainDefinition definition);

    /** Removes an uploaded file, and its key unless empty: what a failed move leaves. */
    void remove(String path, String secretUuid);

    @Override
    void close();
}
