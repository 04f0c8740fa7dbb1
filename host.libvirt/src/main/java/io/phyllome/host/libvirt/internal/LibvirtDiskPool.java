package io.phyllome.host.libvirt.internal;

import java.nio.file.Path;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.phyllome.host.hypervisor.DiskPool;

/** The libvirt storage pool the disks live in: the configured one, or the platform's own on STATE/disks. */
// the configuration's uri and pool become service properties, as clients select a hypervisor by them
@Component(service = DiskPool.class, configurationPid = LibvirtConfig.PID)
public class LibvirtDiskPool implements DiskPool {

    private final LibvirtSession session;
    private StoragePoolBinding.Bound pool;

    @Activate
    public LibvirtDiskPool(@Reference LibvirtSession session) {
        this.session = session;
        session.onReconnect(fresh -> forget()); // a restarted daemon lost the platform's transient pool
    }

    private synchronized void forget() {
        pool = null;
    }

    @Override
    public Path directory() {
        // without a configured pool the directory is known without libvirt: start-up asks it early
        return session.configuredPool().isEmpty() ? session.stateDir().resolve("disks") : session.read(() -> bound().directory());
    }

    @Override
    public String name() {
        return session.read(() -> bound().name());
    }

    @Override
    public void refresh() {
        session.read(() -> { // a refresh changes nothing but libvirt's view: safe to repeat
            StoragePoolBinding.refresh(bound().pool());
            return null;
        });
    }

    private synchronized StoragePoolBinding.Bound bound() {
        if (pool == null) {
            pool = StoragePoolBinding.bind(session.connection(), session.configuredPool(), session.stateDir().resolve("disks"));
        }
        return pool;
    }
}
