package io.phyllome.host.vm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Objects;
import java.util.Optional;

/**
 * What a user asks for when creating a VM. Unset resources fall back to the profile's
 * recommendation. A spec is only a request: {@link VirtualMachines#create(VmSpec)} validates it.
 */
public final class VmSpec {

    private final String name;
    private final String profile;
    private final ByteSize memory;
    /** Null when not given: an explicit 0 is a mistake to report, not the profile's recommendation. */
    private final Integer cpus;
    private final List<DiskSpec> disks;
    private final Path installMedia;
    private final DirectBoot directBoot;
    private final String network;
    private final Map<String, String> options;

    private VmSpec(Builder b) {
        this.name = b.name;
        this.profile = b.profile;
        this.memory = b.memory;
        this.cpus = b.cpus;
        this.disks = List.copyOf(b.disks);
        this.installMedia = b.installMedia;
        this.directBoot = b.directBoot;
        this.network = b.network;
        this.options = Map.copyOf(b.options);
    }

    public static Builder builder(String profile, String name) {
        return new Builder(profile, name);
    }

    /** The VM's name, unique on the host. */
    public String name() {
        return name;
    }

    /** The id of the guest profile that chooses the VM's virtual hardware. */
    public String profile() {
        return profile;
    }

    /** Guest memory; empty for the profile's recommendation. */
    public Optional<ByteSize> memory() {
        return Optional.ofNullable(memory);
    }

    /** Virtual CPUs; 0 when not given ({@link #cpusGiven()}), for the profile's recommendation. */
    public int cpus() {
        return cpus == null ? 0 : cpus;
    }

    /**
     * Whether the CPUs were given, so that {@link #cpus()} is what the user asked for, even 0 or
     * less (which validation refuses).
     *
     */
    public boolean cpusGiven() {
        return cpus != null;
    }

    /** New disks, the first being the system disk. */
    public List<DiskSpec> disks() {
        return disks;
    }

    /** An installer image (ISO) attached as a CD-ROM. */
    public Optional<Path> installMedia() {
        return Optional.ofNullable(installMedia);
    }

    /** A kernel booted directly from the host. */
    public Optional<DirectBoot> directBoot() {
        return Optional.ofNullable(directBoot);
    }

    /** The network to attach to; empty for the host's default. */
    public Optional<String> network() {
        return Optional.ofNullable(network);
    }

    /**
     * Profile options ({@code vm:create --options KEY=VALUE,...}), e.g. {@code tpm=on} for a
     * profile that offers a TPM optionally. Only the keys of the profile's
     * {@link io.phyllome.host.profile.GuestProfile#options()} are allowed: {@link VirtualMachines#create(VmSpec)}
     * refuses a spec with any other key ({@link InvalidSpecException}, naming the keys the profile
     * understands) before the profile runs. The values are the user's text; the profile checks them.
     */
    public Map<String, String> options() {
        return options;
    }

    /** A builder holding this spec's values, to derive a changed spec. */
    public Builder toBuilder() {
        Builder b = new Builder(profile, name).installMedia(installMedia).directBoot(directBoot).network(network);
        b.cpus = cpus;
        b.memory = memory;
        b.disks.addAll(disks);
        b.options.putAll(options);
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VmSpec s && name.equals(s.name) && profile.equals(s.profile) && Objects.equals(memory, s.memory)
                && Objects.equals(cpus, s.cpus) && disks.equals(s.disks) && Objects.equals(installMedia, s.installMedia)
                && Objects.equals(directBoot, s.directBoot) && Objects.equals(network, s.network) && options.equals(s.options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, profile, memory, cpus, disks, installMedia, directBoot, network, options);
    }

    @Override
    public String toString() {
        return "VmSpec[" + profile + " " + name + ", memory=" + memory + ", cpus=" + cpus + ", disks=" + disks + "]";
    }

    /** Collects a spec's values; {@link #build()} checks only that the required ones are there. */
    public static final class Builder {
        private final String name;
        private final String profile;
        private ByteSize memory;
        private Integer cpus;
        private final List<DiskSpec> disks = new ArrayList<>();
        private Path installMedia;
        private DirectBoot directBoot;
        private String network;
        private final Map<String, String> options = new TreeMap<>();

        private Builder(String profile, String name) {
            this.profile = Objects.requireNonNull(profile, "profile");
            this.name = Objects.requireNonNull(name, "name");
        }

        public Builder memory(ByteSize memory) {
            this.memory = memory;
            return this;
        }

        public Builder cpus(int cpus) {
            this.cpus = cpus;
            return this;
        }

        public Builder disk(DiskSpec disk) {
            disks.add(Objects.requireNonNull(disk, "disk"));
            return this;
        }

        public Builder installMedia(Path iso) {
            this.installMedia = iso;
            return this;
        }

        public Builder directBoot(DirectBoot boot) {
            this.directBoot = boot;
            return this;
        }

        public Builder network(String network) {
            this.network = network;
            return this;
        }

        public Builder option(String key, String value) {
            options.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public VmSpec build() {
            return new VmSpec(this);
        }
    }
}
