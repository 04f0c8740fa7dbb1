package io.phyllome.host.core.profiles;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.ProfileDescriptor;
import io.phyllome.host.profile.Profiles;
import io.phyllome.host.vm.ByteSize;

/** Installed profiles, by id, as a test adds them. */
public final class FakeProfiles implements Profiles {

    /** A host with KVM, UEFI, Secure Boot, a TPM emulator, 16 GiB and 8 CPUs. */
    public static final HostCapabilities HOST = new HostCapabilities("test:///fake", "fake 1.0", "x86_64", true, "", List.of("q35"),
            true, true, true, ByteSize.ofGiB(16), 8, Set.of(), "");

    public final Map<String, GuestProfile> byId = new TreeMap<>();

    public FakeProfile add(FakeProfile profile) {
        byId.put(profile.descriptor().id(), profile);
        return profile;
    }

    @Override
    public List<ProfileDescriptor> list() {
        return byId.values().stream().map(GuestProfile::descriptor).sorted(Comparator.comparing(ProfileDescriptor::id)).toList();
    }

    @Override
    public Optional<GuestProfile> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }
}
