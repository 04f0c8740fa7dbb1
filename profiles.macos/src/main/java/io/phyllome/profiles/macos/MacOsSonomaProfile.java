package io.phyllome.profiles.macos;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.OsFamily;
import io.phyllome.host.profile.ProvidesProfile;

/** The profile {@code macos-sonoma}. */
@ProvidesProfile(id = "macos-sonoma", family = OsFamily.MACOS)
@Component(service = GuestProfile.class, configurationPid = MacOsConfig.PID)
// the configuration shared by all macOS profiles is described once, here
@Designate(ocd = MacOsConfig.class)
public class MacOsSonomaProfile extends MacOsProfile {

    @Activate
    public MacOsSonomaProfile(MacOsConfig config) {
        super(MacOsRelease.SONOMA, config);
    }
}
