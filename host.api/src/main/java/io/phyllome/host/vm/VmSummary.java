package io.phyllome.host.vm;

import java.util.Objects;

/**
 * A VM as a listing shows it, read without its whole definition.
 *
 * @param name             the VM's name
 * @param state            its run state
 * @param profile          the id of the profile it was created with, or an empty string if unknown
 * @param profileInstalled whether that profile's bundle is active on this host
 * @param memory           guest memory
 * @param cpus             virtual CPUs
 */
public record VmSummary(String name, VmState state, String profile, boolean profileInstalled, ByteSize memory, int cpus) {

    public VmSummary {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(profile, "profile");
    }
}
