package io.phyllome.profiles.windows;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.OsFamily;
import io.phyllome.host.profile.ProvidesProfile;

/** Windows Server 2022; a TPM with the option {@code tpm=on}. */
@ProvidesProfile(id = "windows-server-2022", family = OsFamily.WINDOWS, osinfo = "http://microsoft.com/win/2k22")
@Component(service = GuestProfile.class, configurationPid = WindowsConfig.PID)
public class WindowsServer2022Profile extends WindowsProfile {

    @Activate
    public WindowsServer2022Profile(WindowsConfig config) {
        super(WindowsRelease.SERVER_2022, config);
    }
}
