package io.phyllome.profiles.windows;

import java.util.List;

import io.phyllome.host.profile.OsFamily;
import io.phyllome.host.profile.ProfileDescriptor;
import io.phyllome.host.profile.Resources;
import io.phyllome.host.vm.ByteSize;

/**
 * One Windows release: what it is called and needs.
 *
 * @param descriptor  id, names, libosinfo id and resources
 * @param tpmRequired whether its installer refuses to run without TPM 2.0 (otherwise the TPM is
 *                    the option {@code tpm=on})
 */
record WindowsRelease(ProfileDescriptor descriptor, boolean tpmRequired) {

    static final WindowsRelease WINDOWS_11 = new WindowsRelease(descriptor("windows-11", "Windows 11", "http://microsoft.com/win/11",
            resources(4, 2, 64), resources(8, 4, 128)), true);
    static final WindowsRelease WINDOWS_10 = new WindowsRelease(descriptor("windows-10", "Windows 10", "http://microsoft.com/win/10",
            resources(2, 1, 20), resources(4, 2, 64)), false);
    static final WindowsRelease SERVER_2022 = new WindowsRelease(descriptor("windows-server-2022", "Windows Server 2022",
            "http://microsoft.com/win/2k22", resources(2, 1, 32), resources(4, 2, 64)), false);
    static final WindowsRelease SERVER_2025 = new WindowsRelease(descriptor("windows-server-2025", "Windows Server 2025",
            "http://microsoft.com/win/2k25", resources(2, 2, 32), resources(4, 2, 64)), true);

    private static ProfileDescriptor descriptor(String id, String name, String osinfo, Resources minimum, Resources recommended) {
        return new ProfileDescriptor(id, name, OsFamily.WINDOWS, List.of(osinfo), minimum, recommended);
    }

    private static Resources resources(int memoryGiB, int cpus, int diskGiB) {
        return new Resources(ByteSize.ofGiB(memoryGiB), cpus, ByteSize.ofGiB(diskGiB));
    }
}
