package io.phyllome.host.hypervisor;

import java.util.List;
import java.util.Objects;

import io.phyllome.host.vm.ByteSize;

/**
 * What the host can run, as a profile needs to know it.
 *
 * @param connection   where the hypervisor is reached, e.g. {@code qemu:///system}
 * @param version      the hypervisor's version, e.g. {@code libvirt 9.0.0, QEMU 7.2.0}
 * @param arch         the guest architecture, e.g. {@code x86_64}
 * @param kvmUsable    whether hardware virtualization really works (the CPU advertises vmx or svm
 *                     and {@code /dev/kvm} is usable); otherwise guests are emulated
 * @param kvmProblem   why KVM is not usable, or an empty string when it is
 * @param machines     machine types the emulator offers
 * @param uefi         UEFI firmware is installed
 * @param secureBoot   UEFI firmware with Secure Boot is installed
 * @param tpmEmulator  a TPM 2.0 emulator (swtpm) is installed
 * @param memory       the host's memory
 * @param cpus         the host's logical CPUs
 */
public record HostCapabilities(String connection, String version, String arch, boolean kvmUsable, String kvmProblem,
        List<String> machines, boolean uefi, boolean secureBoot, boolean tpmEmulator, ByteSize memory, int cpus) {

    public HostCapabilities {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(kvmProblem, "kvmProblem");
        machines = List.copyOf(machines);
        Objects.requireNonNull(memory, "memory");
    }
}
