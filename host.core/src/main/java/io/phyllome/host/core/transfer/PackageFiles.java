package io.phyllome.host.core.transfer;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

import io.phyllome.host.profile.GuestProfile;

/** The files of a VM package (see {@link VmPackager}) and what export and import both need. */
final class PackageFiles {

    static final String FORMAT = "phyllome-vm-package/1";
    static final String VM_FILE = "vm.properties";
    static final String KEYS_FILE = "keys.properties";
    static final String HOST_FILE = "host.properties";
    static final String FIRMWARE_VARIABLES = "nvram/VARS.fd";

    private PackageFiles() {
    }

    /** The version of the bundle that provides a profile. */
    static String version(GuestProfile profile) {
        Bundle bundle = FrameworkUtil.getBundle(profile.getClass());
        return bundle == null ? "" : bundle.getVersion().toString();
    }
}
