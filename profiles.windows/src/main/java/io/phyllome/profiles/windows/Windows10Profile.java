package io.phyllome.profiles.windows;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.OsFamily;
import io.phyllome.host.profile.ProvidesProfile;

/** Windows 10; a TPM with the option {@code tpm=on} (for the upgrade to Windows 11). */
@ProvidesProfile(id = "windows-10", family = OsFamily.WINDOWS, osinfo = "http://microsoft.com/win/10")
@Component(service = GuestProfile.class, configurationPid = WindowsConfig.PID)
public class Windows10Profile extends WindowsProfile {

    @Activate
    public Windows10Profile(WindowsConfig config) {
        super(WindowsRelease.WINDOWS_10, config);
    }
}
