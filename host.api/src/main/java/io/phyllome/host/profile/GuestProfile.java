package io.phyllome.host.profile;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

import io.phyllome.host.device.DeviceSetBuilder;

/**
 * A kind of guest the platform can run well. Profile bundles register implementations as OSGi
 * services (DS components); a profile appears in {@code profile:list} while its bundle is active.
 * Profiles never see libvirt: they fill a neutral {@link DeviceSetBuilder}.
 */
@ConsumerType
public interface GuestProfile {

    ProfileDescriptor descriptor();

    /**
     * The options this profile understands, each key with a line of help that {@code profile:show}
     * prints (say the values and the default, e.g. {@code "serial (default) or vga"}). A spec with
     * any other key is refused before the profile runs, so {@link #contribute} sees only these keys,
     * in {@code context.spec().options()}; a key the user left out is absent (apply the default),
     * and a value it cannot use is the profile's to refuse, with a {@link ProfileException}.
     */
    default Map<String, String> options() {
        return Map.of();
    }

    /**
     * Chooses the virtual hardware for one VM. Report what the user should know as findings on
     * the builder; throw {@link ProfileException} when the host cannot run this guest, naming the fix.
     */
    void contribute(ProfileContext context, DeviceSetBuilder devices);
}
