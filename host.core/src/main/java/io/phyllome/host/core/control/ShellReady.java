package io.phyllome.host.core.control;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.phyllome.host.core.config.ConfigurationDirectory;
import io.phyllome.host.core.install.ProfileInstaller;
import io.phyllome.host.core.shell.DiskCommands;
import io.phyllome.host.core.shell.HostCommands;
import io.phyllome.host.core.shell.MediaCommands;
import io.phyllome.host.core.shell.ProfileCommands;
import io.phyllome.host.core.shell.VmCommands;
import io.phyllome.host.core.shell.VmPackageCommands;

/**
 * Registered once every command of the shell is: the control socket listens from the service's
 * first moment, and a client's command waits for this, so it never meets a half-started shell.
 */
@Component(service = ShellReady.class)
public class ShellReady {

    private final ProfileInstaller installer;
    private final ConfigurationDirectory configuration;

    @Activate
    public ShellReady(@Reference VmCommands vm, @Reference VmPackageCommands packages, @Reference ProfileCommands profile,
            @Reference HostCommands host, @Reference DiskCommands disk, @Reference MediaCommands media, @Reference ProfileInstaller installer,
            @Reference ConfigurationDirectory configuration) {
        this.installer = installer;
        this.configuration = configuration;
    }

    /** Waits until profiles installed earlier are back and the host's configuration is applied. */
    void await() {
        installer.awaitRestored();
        configuration.awaitApplied();
    }
}
