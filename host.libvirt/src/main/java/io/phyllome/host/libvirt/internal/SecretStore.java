package io.phyllome.host.libvirt.internal;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.libvirt.Connect;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.libvirt.Secret;
import org.libvirt.SecretUsageType;

import io.phyllome.host.libvirt.internal.xml.Element;
import io.phyllome.host.libvirt.internal.xml.XmlWriter;
import io.phyllome.host.vm.VmException;

/**
 * Disk keys as private, persistent libvirt secrets of usage {@code volume}: libvirt never hands
 * them out again and passes them to QEMU itself. The embedded driver has no secret store.
 */
final class SecretStore {

    private final Supplier<? extends Connect> connection;
    private final Supplier<String> uri;

    SecretStore(Supplier<? extends Connect> connection, Supplier<String> uri) {
        this.connection = connection;
        this.uri = uri;
    }

    String define(String volumePath, byte[] key) {
        String xml = XmlWriter.render(Element.of("secret").attr("ephemeral", "no").attr("private", "yes")
                .add(Element.text("description", "Phyllome disk key"))
                .add(Element.of("usage").attr("type", "volume").add(Element.text("volume", volumePath))));
        Secret secret;
        try {
            secret = connection.get().secretDefineXML(xml);
        } catch (LibvirtException e) {
            if (Errors.is(e, ErrorNumber.VIR_ERR_NO_SUPPORT)) {
                throw new VmException("encrypted disks need libvirt's secret store, which " + uri.get() + " lacks: start the libvirt"
                        + " daemon ('libvirtd -d', the platform then uses qemu:///system) or create the VM with --no-encryption");
            }
            throw Errors.of("store the key of " + volumePath, e);
        }
        try {
            secret.setValue(key);
            return secret.getUUIDString();
        } catch (LibvirtException e) {
            try {
                secret.undefine();
            } catch (LibvirtException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw Errors.of("store the key of " + volumePath, e);
        }
    }

    /** The ids of all volume secrets by volume path; none without a secret store. */
    Map<String, String> volumeKeys() {
        Map<String, String> keys = new TreeMap<>();
        try {
            Connect c = connection.get();
            for (String id : c.listSecrets()) {
                Secret secret = c.secretLookupByUUIDString(id);
                if (secret.getUsageType() == SecretUsageType.VOLUME) {
                    keys.put(secret.getUsageID(), id);
                }
            }
        } catch (LibvirtException e) {
            if (!Errors.is(e, ErrorNumber.VIR_ERR_NO_SUPPORT)) {
                throw Errors.of("list secrets", e);
            }
        }
        return keys;
    }

    void delete(String uuid) {
        try {
            Connect c = connection.get();
            if (Arrays.asList(c.listSecrets()).contains(uuid)) {
                c.secretLookupByUUIDString(uuid).undefine();
            }
        } catch (LibvirtException e) {
            if (!Errors.is(e, ErrorNumber.VIR_ERR_NO_SUPPORT)) {
                throw Errors.of("delete secret " + uuid, e);
            }
        }
    }
}
