package io.phyllome.host.profile;

import java.nio.file.Path;
import java.util.Optional;

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
}
