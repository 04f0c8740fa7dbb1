package io.phyllome.host.core.portability;

import java.nio.file.Path;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.phyllome.host.hypervisor.DiskPool;
import io.phyllome.host.hypervisor.Hypervisor;
import io.phyllome.host.platform.StateDirectory;
import io.phyllome.host.vm.NoSuchVmException;
import io.phyllome.host.vm.PortabilityFinding;
import io.phyllome.host.vm.VmPortability;

/** {@code vm:lint}: what ties a VM to this host, from libvirt's definition of it. */
@Component
public class PortabilityLint implements VmPortability {

    private final Hypervisor hypervisor;
    private final DiskPool pool;
    private final Path library;

    @Activate
    public PortabilityLint(@Reference Hypervisor hypervisor, @Reference DiskPool pool, BundleContext context) {
        this.hypervisor = hypervisor;
        this.pool = pool;
        this.library = StateDirectory.resolve(context::getProperty).resolve("media");
    }

    @Override
    public List<PortabilityFinding> lint(String name) {
        return PortabilityRules.check(hypervisor.find(name).orElseThrow(() -> new NoSuchVmException(name)), pool.directory(), library);
    }
}
