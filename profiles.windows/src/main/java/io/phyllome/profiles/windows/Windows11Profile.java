package io.phyllome.profiles.windows;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.OsFamily;
import io.phyllome.host.profile.ProvidesProfile;

/** Windows 11. */
@ProvidesProfile(id = "windows-11", family = OsFamily.WINDOWS, osinfo = "http://microsoft.com/win/11")
@Component(service = GuestProfile.class, configurationPid = WindowsConfig.PID)
// the configuration shared by all Windows profiles is described once, here
@Designate(ocd = WindowsConfig.class)
public class Windows11Profile extends WindowsProfile {

    @Activate
    public Windows11Profile(WindowsConfig config) {
        super(WindowsRelease.WINDOWS_11, config);
    }
}
