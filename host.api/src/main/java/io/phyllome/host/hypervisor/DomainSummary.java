package io.phyllome.host.hypervisor;

import java.util.Objects;

import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.VmState;

/**
 * What a listing shows of a VM, read without its whole definition.
 *
 * @param profile the profile id from the platform's metadata, or an empty string for a VM the
 *                platform did not create
 */
public record DomainSummary(String name, String uuid, VmState state, String profile, ByteSize memory, int cpus) {

    public DomainSummary {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(profile, "profile");
    }

    /** The summary of a VM whose definition was read anyway. */
    public static DomainSummary of(Domain domain) {
        return new DomainSummary(domain.name(), domain.uuid(), domain.state(), domain.profile(), domain.memory(), domain.cpus());
    }
}
