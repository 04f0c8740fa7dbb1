package io.phyllome.profiles.macos;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.OsFamily;
import io.phyllome.host.profile.ProvidesProfile;

/** The profile {@code macos-sequoia}. */
@ProvidesProfile(id = "macos-sequoia", family = OsFamily.MACOS)
@Component(service = GuestProfile.class, configurationPid = MacOsConfig.PID)
public class MacOsSequoiaProfile extends MacOsProfile {

    @Activate
    public MacOsSequoiaProfile(MacOsConfig config) {
        super(MacOsRelease.SEQUOIA, config);
    }
}
