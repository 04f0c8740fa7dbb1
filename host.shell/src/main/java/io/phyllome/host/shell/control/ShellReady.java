package io.phyllome.host.shell.control;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.phyllome.host.platform.HostConfiguration;
import io.phyllome.host.repository.ProfileRepository;
import io.phyllome.host.shell.DiskCommands;
import io.phyllome.host.shell.HostCommands;
import io.phyllome.host.shell.MediaCommands;
import io.phyllome.host.shell.ProfileCommands;
import io.phyllome.host.shell.VmCommands;
import io.phyllome.host.shell.VmPackageCommands;

/**
 * Registered once every command of the shell is: the control socket listens from the service's
 * first moment, and a client's command waits for this, so it never meets a half-started shell.
 */
@Component(service = ShellReady.class)
public class ShellReady {

    private final ProfileRepository installer;
    private final HostConfiguration configuration;

    @Activate
    public ShellReady(@Reference VmCommands vm, @Reference VmPackageCommands packages, @Reference ProfileCommands profile,
            @Reference HostCommands host, @Reference DiskCommands disk, @Reference MediaCommands media, @Reference ProfileRepository installer,
            @Reference HostConfiguration configuration) {
        this.installer = installer;
        this.configuration = configuration;
    }

    /** Waits until profiles installed earlier are back and the host's configuration is applied. */
    void await() {
        installer.awaitRestored();
        configuration.awaitApplied();
    }
}
