package io.phyllome.host.libvirt.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.phyllome.host.hypervisor.RemoteHost;
import io.phyllome.host.hypervisor.RemoteHosts;
import io.phyllome.host.vm.VmException;

/** Other hosts' libvirt, for moving VMs there (vm:migrate). */
// the configuration's uri and pool become service properties, as clients select a hypervisor by them
@Component(service = RemoteHosts.class, configurationPid = LibvirtConfig.PID)
public class LibvirtRemoteHosts implements RemoteHosts {

    private final LibvirtSession session;

    @Activate
    public LibvirtRemoteHosts(@Reference LibvirtSession session) {
        this.session = session;
    }

    @Override
    public RemoteHost open(String uri, String pool) {
        session.connection();
        if (session.embedded()) {
            throw new VmException("this platform runs libvirt's embedded driver, and libvirt then opens no other host in the same process:"
                    + " move the VM with vm:export and vm:import, or run the platform with the libvirt daemon");
        }
        return LibvirtRemoteHost.open(uri, pool, session.stateDir());
    }
}
