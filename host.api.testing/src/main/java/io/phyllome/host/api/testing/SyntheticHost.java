package io.phyllome.host.api.testing;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.vm.ByteSize;

/**
 * A host that exists only for a test: what a profile can see of it in
 * {@code context.host()} and {@code context.media(NAME)}. Start from {@link #kvm()} or
 * {@link #emulated()}, which have BIOS firmware only, no TPM emulator and an empty media library,
 * and add what the case needs; each method returns a changed copy.
 *
 * <pre>{@code
 * SyntheticHost.kvm().uefi(true)                    // OVMF without Secure Boot
 * SyntheticHost.emulated().secureBoot(true).tpm(true) // a build machine with OVMF .ms and swtpm
 * SyntheticHost.kvm().media("virtio-win.iso")       // the file is in the host's media library
 * }</pre>
 */
public final class SyntheticHost {

    private final boolean kvm;
    private final boolean uefi;
    private final boolean secureBoot;
    private final boolean tpm;
    private final ByteSize memory;
    private final int cpus;
    private final Set<String> cpuFeatures;
    private final Set<String> media;

    private SyntheticHost(boolean kvm, boolean uefi, boolean secureBoot, boolean tpm, ByteSize memory, int cpus, Set<String> cpuFeatures,
            Set<String> media) {
        this.kvm = kvm;
        this.uefi = uefi;
        this.secureBoot = secureBoot;
        this.tpm = tpm;
        this.memory = Objects.requireNonNull(memory, "memory");
        this.cpus = cpus;
        this.cpuFeatures = Set.copyOf(cpuFeatures);
        this.media = Set.copyOf(media);
    }

    /** A host where KVM is usable (guests are {@code type='kvm'}): 64 GiB, 16 CPUs. */
    public static SyntheticHost kvm() {
        return new SyntheticHost(true, false, false, false, ByteSize.ofGiB(64), 16, Set.of(), Set.of());
    }

    /** A host without usable KVM, where QEMU emulates the guest (TCG): 8 GiB, 4 CPUs. */
    public static SyntheticHost emulated() {
        return new SyntheticHost(false, false, false, false, ByteSize.ofGiB(8), 4, Set.of(), Set.of());
    }

    /** With or without UEFI firmware (OVMF); without also means without Secure Boot. */
    public SyntheticHost uefi(boolean on) {
        return new SyntheticHost(kvm, on, on && secureBoot, tpm, memory, cpus, cpuFeatures, media);
    }

    /** With or without UEFI firmware that has Secure Boot; with it implies UEFI. */
    public SyntheticHost secureBoot(boolean on) {
        return new SyntheticHost(kvm, uefi || on, on, tpm, memory, cpus, cpuFeatures, media);
    }

    /** With or without a TPM 2.0 emulator (swtpm). */
    public SyntheticHost tpm(boolean on) {
        return new SyntheticHost(kvm, uefi, secureBoot, on, memory, cpus, cpuFeatures, media);
    }

    /** With these files in the media library (the kit makes each an empty file); {@code context.media(name)} finds them. */
    public SyntheticHost media(String... names) {
        Set<String> more = new TreeSet<>(media);
        for (String name : names) {
            if (name.isBlank() || name.contains("/")) {
                throw new IllegalArgumentException("a media library name is a file name, e.g. virtio-win.iso, not '" + name + "'");
            }
            more.add(name);
        }
        return new SyntheticHost(kvm, uefi, secureBoot, tpm, memory, cpus, cpuFeatures, more);
    }

    /** With this much memory and these logical CPUs. */
    public SyntheticHost resources(ByteSize memory, int cpus) {
        return new SyntheticHost(kvm, uefi, secureBoot, tpm, memory, cpus, cpuFeatures, media);
    }

    /** With these CPU features for guests, by libvirt's names (e.g. {@code avx2}); none by default. */
    public SyntheticHost cpuFeatures(String... features) {
        return new SyntheticHost(kvm, uefi, secureBoot, tpm, memory, cpus, Set.of(features), media);
    }

    /** The names {@link #media(String...)} put in the media library. */
    public Set<String> media() {
        return media;
    }

    /** What {@code context.host()} returns on this host. */
    public HostCapabilities capabilities() {
        return new HostCapabilities(kvm ? "qemu:///system" : "qemu:///embed?root=/var/lib/phyllome/libvirt", "libvirt 9.0.0, QEMU 7.2.0",
                "x86_64", kvm, kvm ? "" : "the CPU advertises neither vmx nor svm", List.of("pc-i440fx-7.2", "pc-q35-7.2", "q35"), uefi,
                secureBoot, tpm, memory, cpus, cpuFeatures, "");
    }

    @Override
    public String toString() {
        return (kvm ? "KVM" : "emulated") + " host, " + (secureBoot ? "UEFI with Secure Boot" : uefi ? "UEFI" : "BIOS only")
                + (tpm ? ", TPM emulator" : "") + (media.isEmpty() ? "" : ", media " + media);
    }
}
