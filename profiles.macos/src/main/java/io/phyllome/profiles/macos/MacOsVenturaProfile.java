package io.phyllome.profiles.macos;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.OsFamily;
import io.phyllome.host.profile.ProvidesProfile;

/** The profile {@code macos-ventura}. */
@ProvidesProfile(id = "macos-ventura", family = OsFamily.MACOS)
@Component(service = GuestProfile.class, configurationPid = MacOsConfig.PID)
public class MacOsVenturaProfile extends MacOsProfile {

    @Activate
    public MacOsVenturaProfile(MacOsConfig config) {
        super(MacOsRelease.VENTURA, config);
    }
}
