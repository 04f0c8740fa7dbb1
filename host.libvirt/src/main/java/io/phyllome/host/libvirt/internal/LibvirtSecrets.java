package io.phyllome.host.libvirt.internal;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.phyllome.host.hypervisor.Secrets;

/** The disks' keys in libvirt's secret store (the embedded driver's own on the embedded driver). */
// the configuration's uri and pool become service properties, as clients select a hypervisor by them
@Component(service = Secrets.class, configurationPid = LibvirtConfig.PID)
public class LibvirtSecrets implements Secrets {

    private final LibvirtSession session;
    private final SecretStore secrets;

    @Activate
    public LibvirtSecrets(@Reference LibvirtSession session) {
        this.session = session;
        this.secrets = new SecretStore(session::secretConnection, session::uri, session::embeddedSecretFiles);
    }

    @Override
    public String defineVolumeKey(String volumePath, byte[] key) {
        return session.change("store the key of " + volumePath, () -> secrets.define(volumePath, key));
    }

    @Override
    public void rekey(Path image, String secretUuid, byte[] newKey) {
        String virtType = session.capabilities().kvmUsable() ? "kvm" : "qemu";
        session.change("give the copy " + image + " a key of its own", () -> {
            DiskRekey.rekey(session::connection, virtType, image, secretUuid, newKey);
            return null;
        });
    }

    @Override
    public Optional<String> findVolumeKey(String volumePath) {
        return Optional.ofNullable(volumeKeys().get(volumePath));
    }

    @Override
    public Map<String, String> volumeKeys() {
        return session.read(secrets::volumeKeys);
    }

    @Override
    public void delete(String uuid) {
        session.change("delete a disk key", () -> {
            secrets.delete(uuid);
            return null;
        });
    }
}
