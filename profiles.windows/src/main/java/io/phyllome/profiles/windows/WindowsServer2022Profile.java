package io.phyllome.profiles.windows;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import io.phyllome.host.profile.GuestProfile;

/** Windows Server 2022; a TPM with the option {@code tpm=on}. */
@Component(service = GuestProfile.class, configurationPid = WindowsConfig.PID)
public class WindowsServer2022Profile extends WindowsProfile {

    @Activate
    public WindowsServer2022Profile(WindowsConfig config) {
        super(WindowsRelease.SERVER_2022, config);
    }
}
