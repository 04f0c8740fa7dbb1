package io.phyllome.host.shell.format;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.ProfileDescriptor;
import io.phyllome.host.vm.ByteSize;

/** What {@code profile:show} returns: a profile, the resources it needs, and its options with their help. */
public record ProfileDetails(String id, String name, String family, List<String> osinfo, Resources minimum, Resources recommended,
        Map<String, String> options, String fault) implements Output {

    /** Memory, CPUs and system disk. */
    public record Resources(long memoryBytes, int cpus, long diskBytes) {

        static Resources of(io.phyllome.host.profile.Resources r) {
            return new Resources(r.memory().bytes(), r.cpus(), r.disk().bytes());
        }

        @Override
        public String toString() {
            return new ByteSize(memoryBytes) + " memory, " + cpus + " CPUs, " + new ByteSize(diskBytes) + " disk";
        }
    }

    /** {@code fault}: why the profile is marked faulty, or null. */
    public static ProfileDetails of(GuestProfile profile, String fault) {
        ProfileDescriptor p = profile.descriptor();
        return new ProfileDetails(p.id(), p.displayName(), p.family().name().toLowerCase(java.util.Locale.ROOT), p.osinfoIds(), Resources.of(p.minimum()),
                Resources.of(p.recommended()), new TreeMap<>(profile.options()), fault);
    }

    @Override
    public String kind() {
        return "profile-show";
    }

    @Override
    public String text() {
        StringBuilder out = new StringBuilder(String.format("id:          %s%nname:        %s%nfamily:      %s%nosinfo:      %s%nminimum:     %s%nrecommended: %s",
                id, name, family.toUpperCase(java.util.Locale.ROOT), String.join(", ", osinfo), minimum, recommended));
        options.forEach((key, help) -> out.append(String.format("%noption:      %s=%s", key, help)));
        if (fault != null) {
            out.append(String.format("%nFAULTY:      %s", fault));
        }
        return out.toString();
    }
}
