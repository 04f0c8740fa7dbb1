package io.phyllome.host.profile;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import org.osgi.annotation.versioning.ProviderType;

import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.vm.VmSpec;

/** What a profile sees when it chooses a device set. */
@ProviderType
public interface ProfileContext {

    /**
     * The user's request, with resources already resolved against the profile's recommendation;
     * its {@link VmSpec#options() options} hold only keys of {@link GuestProfile#options()}.
     */
    VmSpec spec();

    /** What the host can do: whether KVM is usable, which firmware and TPM emulation exist. */
    HostCapabilities host();

    /** A file of the host's media library by name, e.g. {@code virtio-win.iso}. */
    Optional<Path> media(String name);

    /**
     * A context of these parts: the platform's for each creation, and a test's that runs a
     * profile's {@link GuestProfile#contribute contribute} directly.
     *
     * @param media finds a file of the media library by name; {@code name -> Optional.empty()} for an empty library
     */
    static ProfileContext of(VmSpec spec, HostCapabilities host, Function<String, Optional<Path>> media) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(media, "media");
        return new ProfileContext() {
            @Override
            public VmSpec spec() {
                return spec;
            }

            @Override
            public HostCapabilities host() {
                return host;
            }

            @Override
            public Optional<Path> media(String name) {
                return media.apply(name);
            }
        };
    }
}
