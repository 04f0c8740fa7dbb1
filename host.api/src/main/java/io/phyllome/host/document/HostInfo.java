package io.phyllome.host.document;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.platform.HostConfiguration;
import io.phyllome.host.storage.ProtectedDirectory;

/** The platform, where its state and configuration are, and what the host offers ({@code host:info}, {@code GET /api/v1/host}). */
public record HostInfo(String platformVersion, String stateDirectory, String configDirectory, boolean configDirectoryExists,
        List<String> configSources, Hypervisor hypervisor, int profilesInstalled, String fingerprint, List<Protection> protection) implements Document {

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
    }

    public static HostInfo of(String platformVersion, Path stateDirectory, HostConfiguration configuration, HostCapabilities host,
            int profilesInstalled, String fingerprint, List<ProtectedDirectory> protection) {
        return new HostInfo(platformVersion, stateDirectory.toString(), configuration.directory().toString(), Files.isDirectory(configuration.directory()),
                configuration.sources(), Hypervisor.of(host), profilesInstalled, fingerprint, protection.stream().map(Protection::of).toList());
    }

    @Override
    public String kind() {
        return "host-info";
    }
}
