package io.phyllome.host.core.profiles;

import java.util.List;
import java.util.function.BiConsumer;

import io.phyllome.host.device.DeviceSetBuilder;
import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.OsFamily;
import io.phyllome.host.profile.ProfileContext;
import io.phyllome.host.profile.ProfileDescriptor;
import io.phyllome.host.profile.Resources;
import io.phyllome.host.vm.ByteSize;

/** A profile with a small minimum (256M, 1 CPU, 1G disk) and recommendation (4G, 2 CPUs, 25G). */
public final class FakeProfile implements GuestProfile {
    private final ProfileDescriptor descriptor;
    private final BiConsumer<ProfileContext, DeviceSetBuilder> behaviour;
    public int contributions;
    public ProfileContext seen;

    public FakeProfile(String id, BiConsumer<ProfileContext, DeviceSetBuilder> behaviour) {
        this.descriptor = new ProfileDescriptor(id, id + " profile", OsFamily.OTHER, List.of(),
                new Resources(ByteSize.ofMiB(256), 1, ByteSize.ofGiB(1)), new Resources(ByteSize.ofGiB(4), 2, ByteSize.ofGiB(25)));
        this.behaviour = behaviour;
    }

    @Override
    public ProfileDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public void contribute(ProfileContext context, DeviceSetBuilder devices) {
        contributions++;
        seen = context;
        behaviour.accept(context, devices);
    }
}
