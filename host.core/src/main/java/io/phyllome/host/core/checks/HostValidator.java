package io.phyllome.host.core.checks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.phyllome.host.diagnostics.CrashLeftovers;
import io.phyllome.host.diagnostics.HostValidation;
import io.phyllome.host.diagnostics.ProfileDryRun;
import io.phyllome.host.hypervisor.Hypervisor;
import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.platform.StateDirectory;
import io.phyllome.host.profile.Profiles;
import io.phyllome.host.storage.DirectoryEncryption;

/**
 * The host's checks, in order: the hypervisor's capabilities and the state directory, the files
 * of a local host, each installed profile's dry run, and what a crash left.
 */
@Component
public class HostValidator implements HostValidation {

    private final Hypervisor hypervisor;
    private final Profiles profiles;
    private final DirectoryEncryption encryption;
    private final ProfileDryRun dryRun;
    private final CrashLeftovers leftovers;
    private final Path stateDir;

    @Activate
    public HostValidator(@Reference Hypervisor hypervisor, @Reference Profiles profiles, @Reference DirectoryEncryption encryption,
            @Reference ProfileDryRun dryRun, @Reference CrashLeftovers leftovers, BundleContext context) {
        this.hypervisor = hypervisor;
        this.profiles = profiles;
        this.encryption = encryption;
        this.dryRun = dryRun;
        this.leftovers = leftovers;
        this.stateDir = StateDirectory.resolve(context::getProperty);
    }

    @Override
    public List<Check> validate() {
        HostCapabilities host = hypervisor.capabilities();
        List<Check> checks = new ArrayList<>(HostChecks.run(host, profiles.faults(), stateDir, encryption.status()));
        boolean passthrough = dryRun.passthroughAllowed();
        if (HostDeviceChecks.local(host.connection())) {
            checks.addAll(HostDeviceChecks.run(Path.of("/"), passthrough));
        }
        checks.addAll(ProfileChecks.of(dryRun.run(), passthrough));
        checks.add(HostChecks.leftovers(leftovers.scan()));
        return checks;
    }
}
