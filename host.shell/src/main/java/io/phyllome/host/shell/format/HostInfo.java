package io.phyllome.host.shell.format;

import java.util.List;

import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.storage.ProtectedDirectory;

/** What {@code host:info} returns: the platform, where its state and configuration are, and what the host offers. */
public record HostInfo(String platformVersion, String stateDirectory, String configDirectory, boolean configDirectoryExists,
        List<String> configSources, Hypervisor hypervisor, int profilesInstalled, String fingerprint, List<Protection> protection) implements Output {

    /** What the hypervisor offers; {@code kvmProblem} is empty when KVM is usable. */
    public record Hypervisor(String connection, String version, String arch, int cpus, long memoryBytes, boolean kvmUsable, String kvmProblem,
            boolean uefi, boolean secureBoot, boolean tpmEmulator) {

        public static Hypervisor of(HostCapabilities host) {
            return new Hypervisor(host.connection(), host.version(), host.arch(), host.cpus(), host.memory().bytes(), host.kvmUsable(),
                    host.kvmUsable() ? "" : host.kvmProblem(), host.uefi(), host.secureBoot(), host.tpmEmulator());
        }
    }

    /** A state directory's fscrypt protection; {@code note} says why it is not protected, or is empty. */
    public record Protection(String path, boolean encrypted, boolean unlocked, String note) {

        public static Protection of(ProtectedDirectory dir) {
            return new Protection(dir.path().toString(), dir.encrypted(), dir.unlocked(), dir.note());
        }

        @Override
        public String toString() {
            return String.format("%-12s %s: %s", "fscrypt:", path,
                    encrypted ? (unlocked ? "protected, unlocked" : "protected, LOCKED (host:unlock)") : note);
        }
    }

    @Override
    public String kind() {
        return "host-info";
    }

    @Override
    public String text() {
        Hypervisor h = hypervisor;
        return String.format("""
                platform:    Phyllome Host %s
                state:       %s
                config:      %s
                sources:     %s
                hypervisor:  %s (%s)
                arch:        %s, %d CPUs, %s memory
                kvm:         %s
                uefi:        %s
                secure boot: %s
                tpm 2.0:     %s
                profiles:    %d installed
                fingerprint: %s
                %s""",
                platformVersion, stateDirectory, configDirectory + (configDirectoryExists ? "" : " (none: the shipped configuration applies)"),
                configSources.isEmpty() ? "shipped defaults only" : String.join("\n" + " ".repeat(13), configSources), h.connection(), h.version(),
                h.arch(), h.cpus(), String.format("%.1fG", h.memoryBytes() / (double) (1L << 30)),
                h.kvmUsable() ? "usable" : "not usable (" + h.kvmProblem() + "): guests run emulated",
                available(h.uefi(), "install the ovmf package"), available(h.secureBoot(), "install the ovmf package"),
                available(h.tpmEmulator(), "install the swtpm and swtpm-tools packages"), profilesInstalled, fingerprint,
                String.join("\n", protection.stream().map(Protection::toString).toList()));
    }

    private static String available(boolean yes, String fix) {
        return yes ? "available" : "missing: " + fix;
    }
}
