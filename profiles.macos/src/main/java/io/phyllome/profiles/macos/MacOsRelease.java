package io.phyllome.profiles.macos;

import java.util.List;
import java.util.Optional;

import io.phyllome.host.profile.OsFamily;
import io.phyllome.host.profile.ProfileDescriptor;
import io.phyllome.host.profile.Resources;
import io.phyllome.host.vm.ByteSize;

/**
 * One macOS release.
 *
 * @param descriptor id, name and resources; libosinfo has no ids for macOS 11 and later, so none
 *                   are given
 */
record MacOsRelease(ProfileDescriptor descriptor) {

    /** What the installers of every supported release need; quickemu, too, recommends 8G of memory for macOS. */
    private static final Resources MINIMUM = new Resources(ByteSize.ofGiB(4), 2, ByteSize.ofGiB(64));
    private static final Resources RECOMMENDED = new Resources(ByteSize.ofGiB(8), 4, ByteSize.ofGiB(128));

    static final MacOsRelease VENTURA = release("ventura", "macOS 13 Ventura");
    static final MacOsRelease SONOMA = release("sonoma", "macOS 14 Sonoma");
    static final MacOsRelease SEQUOIA = release("sequoia", "macOS 15 Sequoia");
    static final MacOsRelease TAHOE = release("tahoe", "macOS 26 Tahoe");

    static final List<MacOsRelease> ALL = List.of(VENTURA, SONOMA, SEQUOIA, TAHOE);

    static Optional<MacOsRelease> byId(String id) {
        return ALL.stream().filter(r -> r.descriptor().id().equals(id)).findFirst();
    }

    String id() {
        return descriptor.id();
    }

    private static MacOsRelease release(String codename, String displayName) {
        return new MacOsRelease(new ProfileDescriptor("macos-" + codename, displayName, OsFamily.MACOS, List.of(), MINIMUM, RECOMMENDED));
    }
}
