package io.phyllome.host.vm;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What ties a VM to its host ({@code vm:lint}): host devices, a host-passthrough or host-model
 * CPU, files outside the platform's disk pool and media library, disks that are not encrypted.
 *
 */
@ProviderType
public interface VmPortability {

    /**
     * The VM's findings, blockers first; empty when nothing ties it to this host.
     *
     * @throws NoSuchVmException when there is no such VM
     */
    List<PortabilityFinding> lint(String name);
}
