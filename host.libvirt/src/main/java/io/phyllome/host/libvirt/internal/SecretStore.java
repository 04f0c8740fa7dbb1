package io.phyllome.host.libvirt.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
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
 * them out again and passes them to QEMU itself.
 *
 * <p>libvirt 9.0's embedded secret driver crashes the process when a secret is undefined (it
 * calls a daemon's shutdown-inhibit callback that an embedding process does not have). There a
 * key is deleted by removing its files from the driver's directory, which the driver reads at its
 * next start, and the secret, still in the driver's memory until then, counts as gone; a new key
 * for the same volume redefines it.
 */
final class SecretStore {

    private final Supplier<? extends Connect> connection;
    private final Supplier<String> uri;
    private final Supplier<Optional<Path>> embeddedSecretFiles;
    /** Secrets deleted by their files while the embedded driver still holds them. */
    private final Set<String> deletedByFiles = ConcurrentHashMap.newKeySet();

    /**
     * @param embeddedSecretFiles the embedded secret driver's directory of secrets; empty for a
     *                            daemon's connection
     */
    SecretStore(Supplier<? extends Connect> connection, Supplier<String> uri, Supplier<Optional<Path>> embeddedSecretFiles) {
        this.connection = connection;
        this.uri = uri;
        this.embeddedSecretFiles = embeddedSecretFiles;
    }

    String define(String volumePath, byte[] key) {
        Element definition = Element.of("secret").attr("ephemeral", "no").attr("private", "yes");
        deletedSecretOf(volumePath).ifPresent(uuid -> definition.add(Element.text("uuid", uuid)));
        String xml = XmlWriter.render(definition.add(Element.text("description", "Phyllome disk key"))
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
            String uuid = secret.getUUIDString();
            deletedByFiles.remove(uuid);
            return uuid;
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
        Map<String, String> keys = allVolumeKeys();
        keys.values().removeAll(deletedByFiles);
        return keys;
    }

    private Map<String, String> allVolumeKeys() {
        Map<String, String> keys = new TreeMap<>();
        try {
            Connect c = connection.get();
            for (String id : c.listSecrets()) {
                try {
                    Secret secret = c.secretLookupByUUIDString(id);
                    if (secret.getUsageType() == SecretUsageType.VOLUME) {
                        keys.put(secret.getUsageID(), id);
                    }
                } catch (LibvirtException e) {
                    if (!Errors.is(e, ErrorNumber.VIR_ERR_NO_SECRET)) {
                        throw e;
                    } // deleted since the listing, e.g. by another platform process
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
        Optional<Path> files = embeddedSecretFiles.get();
        if (files.isPresent()) {
            deleteFiles(files.get(), uuid);
            return;
        }
        try {
            Connect c = connection.get();
            if (Arrays.asList(c.listSecrets()).contains(uuid)) {
                c.secretLookupByUUIDString(uuid).undefine();
            }
        } catch (LibvirtException e) {
            if (!Errors.is(e, ErrorNumber.VIR_ERR_NO_SUPPORT) && !Errors.is(e, ErrorNumber.VIR_ERR_NO_SECRET)) { // no secret: gone meanwhile
                throw Errors.of("delete secret " + uuid, e);
            }
        }
    }

    private void deleteFiles(Path directory, String uuid) {
        if (!allVolumeKeys().containsValue(uuid)) {
            return;
        }
        try {
            Files.deleteIfExists(directory.resolve(uuid + ".base64"));
            Files.deleteIfExists(directory.resolve(uuid + ".xml"));
        } catch (IOException e) {
            throw new VmException("cannot delete secret " + uuid + " from " + directory + ": " + e.getMessage());
        }
        deletedByFiles.add(uuid);
    }

    /** The id of a secret of {@code volumePath} deleted by its files, for a new key to redefine it. */
    private Optional<String> deletedSecretOf(String volumePath) {
        if (deletedByFiles.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(allVolumeKeys().get(volumePath)).filter(deletedByFiles::contains);
    }
}
