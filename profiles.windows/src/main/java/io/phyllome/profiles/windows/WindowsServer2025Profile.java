package io.phyllome.profiles.windows;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.OsFamily;
import io.phyllome.host.profile.ProvidesProfile;

/** Windows Server 2025. */
@ProvidesProfile(id = "windows-server-2025", family = OsFamily.WINDOWS, osinfo = "http://microsoft.com/win/2k25")
@Component(service = GuestProfile.class, configurationPid = WindowsConfig.PID)
public class WindowsServer2025Profile extends WindowsProfile {

    @Activate
    public WindowsServer2025Profile(WindowsConfig config) {
        super(WindowsRelease.SERVER_2025, config);
    }
}
