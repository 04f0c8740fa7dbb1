package io.phyllome.profiles.macos;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.OsFamily;
import io.phyllome.host.profile.ProvidesProfile;

/** The profile {@code macos-tahoe}. */
@ProvidesProfile(id = "macos-tahoe", family = OsFamily.MACOS)
@Component(service = GuestProfile.class, configurationPid = MacOsConfig.PID)
public class MacOsTahoeProfile extends MacOsProfile {

    @Activate
    public MacOsTahoeProfile(MacOsConfig config) {
        super(MacOsRelease.TAHOE, config);
    }
}
