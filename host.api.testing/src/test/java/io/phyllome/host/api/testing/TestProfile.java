package io.phyllome.host.api.testing;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import io.phyllome.host.device.DeviceSetBuilder;
import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.OsFamily;
import io.phyllome.host.profile.ProfileContext;
import io.phyllome.host.profile.ProfileDescriptor;
import io.phyllome.host.profile.Resources;
import io.phyllome.host.vm.ByteSize;

/** A profile whose choices a test gives as a lambda. */
record TestProfile(Map<String, String> options, BiConsumer<ProfileContext, DeviceSetBuilder> choices) implements GuestProfile {

    static final ProfileDescriptor DESCRIPTOR = new ProfileDescriptor("kit-test", "Kit Test OS", OsFamily.BSD, List.of("http://freebsd.org/freebsd/14.0"),
            new Resources(ByteSize.ofMiB(256), 1, ByteSize.ofGiB(2)), new Resources(ByteSize.ofGiB(1), 2, ByteSize.ofGiB(8)));

    TestProfile(BiConsumer<ProfileContext, DeviceSetBuilder> choices) {
        this(Map.of(), choices);
    }

    @Override
    public ProfileDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void contribute(ProfileContext context, DeviceSetBuilder devices) {
        choices.accept(context, devices);
    }
}
