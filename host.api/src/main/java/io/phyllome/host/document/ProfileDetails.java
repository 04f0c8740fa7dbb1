package io.phyllome.host.document;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.ProfileDescriptor;

/** A profile, the resources it needs, and its options with their help ({@code profile:show}). */
public record ProfileDetails(String id, String name, String family, List<String> osinfo, Resources minimum, Resources recommended,
        Map<String, String> options, String fault) implements Document {

    /** Memory, CPUs and system disk. */
    public record Resources(long memoryBytes, int cpus, long diskBytes) {

        static Resources of(io.phyllome.host.profile.Resources r) {
            return new Resources(r.memory().bytes(), r.cpus(), r.disk().bytes());
        }
    }

    /** {@code fault}: why the profile is marked faulty, or null. */
    public static ProfileDetails of(GuestProfile profile, String fault) {
        ProfileDescriptor p = profile.descriptor();
        return new ProfileDetails(p.id(), p.displayName(), p.family().name().toLowerCase(Locale.ROOT), p.osinfoIds(), Resources.of(p.minimum()),
                Resources.of(p.recommended()), new TreeMap<>(profile.options()), fault);
    }

    @Override
    public String kind() {
        return "profile-show";
    }
}
