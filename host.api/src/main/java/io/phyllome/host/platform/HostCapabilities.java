package io.phyllome.host.platform;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

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
 * @param cpuFeatures  the CPU features a guest on this host can be given, by their libvirt/QEMU
 *                     names (e.g. {@code avx2}, {@code sse4.2}, {@code invtsc}): the host CPU's
 *                     when KVM is usable, otherwise those the emulator provides (QEMU 7.2's TCG
 *                     emulates AVX2 on any host CPU); empty when the hypervisor cannot tell
 * @param cpuModel     the named CPU model that {@code cpuFeatures} extend, the baseline a guest
 *                     CPU of this host is built on (e.g. {@code Skylake-Client-IBRS}, or under
 *                     emulation QEMU's host-model, e.g. {@code EPYC}); empty when the hypervisor
 *                     cannot tell
 */
public record HostCapabilities(String connection, String version, String arch, boolean kvmUsable, String kvmProblem,
        List<String> machines, boolean uefi, boolean secureBoot, boolean tpmEmulator, ByteSize memory, int cpus,
        Set<String> cpuFeatures, String cpuModel) {

    public HostCapabilities {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(kvmProblem, "kvmProblem");
        machines = List.copyOf(machines);
        Objects.requireNonNull(memory, "memory");
        SortedSet<String> features = new TreeSet<>(Objects.requireNonNull(cpuFeatures, "cpuFeatures"));
        cpuFeatures = Collections.unmodifiableSortedSet(features);
        Objects.requireNonNull(cpuModel, "cpuModel");
    }
}
