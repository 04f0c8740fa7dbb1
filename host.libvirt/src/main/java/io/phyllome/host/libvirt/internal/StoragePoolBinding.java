package io.phyllome.host.libvirt.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.libvirt.Connect;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;

import io.phyllome.host.libvirt.internal.xml.Element;
import io.phyllome.host.libvirt.internal.xml.XmlReader;
import io.phyllome.host.libvirt.internal.xml.XmlWriter;
import io.phyllome.host.vm.VmException;

/**
 * The libvirt storage pool of the VM disks. A configured pool must exist and keep files (types
 * {@code dir}, {@code fs}, {@code netfs}): the disks are qcow2 files in its directory. Without
 * one, the disk directory of the state directory becomes a transient {@code dir} pool, so that
 * libvirt's tools list the disks while the platform leaves libvirt's configuration untouched; it
 * is created again whenever the platform connects after the daemon restarted, and removed once
 * its state directory is gone.
 */
final class StoragePoolBinding {

    private static final System.Logger LOG = System.getLogger(StoragePoolBinding.class.getName());
    /** The pool of the default state directory; other state directories get a suffix of their own. */
    static final String DEFAULT_NAME = "phyllome";
    private static final Path DEFAULT_DISKS = Path.of("/var/lib/phyllome/disks");
    private static final Set<String> FILE_POOL_TYPES = Set.of("dir", "fs", "netfs");

    /** A pool: where its files are, and the pool itself, absent when libvirt has no storage driver. */
    record Bound(Path directory, StoragePool pool, String name) {
    }

    private StoragePoolBinding() {
    }

    /**
     * @param configured the name of the pool to use, or empty for {@code defaultDirectory}
     */
    static Bound bind(Connect connection, String configured, Path defaultDirectory) {
        try {
            if (!configured.isEmpty()) {
                return configuredPool(connection, configured);
            }
            return defaultPool(connection, defaultDirectory, Connector.SYSTEM_URI.equals(connection.getURI()));
        } catch (LibvirtException e) {
            if (Errors.is(e, ErrorNumber.VIR_ERR_NO_SUPPORT)) {
                if (!configured.isEmpty()) {
                    throw new VmException("the storage pool '" + configured + "' is configured (" + LibvirtConfig.PID
                            + "), but this libvirt connection has no storage pools: remove the setting or connect to the libvirt daemon");
                }
                return new Bound(defaultDirectory, null, ""); // the embedded driver: disks are plain files
            }
            throw Errors.of("use the storage pool of the VM disks", e);
        }
    }

    private static Bound configuredPool(Connect connection, String name) throws LibvirtException {
        StoragePool pool;
        try {
            pool = connection.storagePoolLookupByName(name);
        } catch (LibvirtException e) {
            if (Errors.is(e, ErrorNumber.VIR_ERR_NO_STORAGE_POOL)) {
                throw new VmException("the storage pool '" + name + "' does not exist: define it (virsh pool-define-as) or name an existing one");
            }
            throw e;
        }
        org.w3c.dom.Element xml = XmlReader.parse(pool.getXMLDesc(0), "storage pool XML").getDocumentElement();
        String type = xml.getAttribute("type");
        if (!FILE_POOL_TYPES.contains(type)) {
            throw new VmException("the storage pool '" + name + "' is of type " + type + ", whose volumes are not files: the platform keeps"
                    + " qcow2 files and needs a pool of type dir, fs or netfs");
        }
        return new Bound(targetPath(xml), active(pool), name);
    }

    /** @param local whether the daemon runs on this machine, so that its pools' directories are this machine's */
    private static Bound defaultPool(Connect connection, Path directory, boolean local) throws LibvirtException {
        List<String> names = new ArrayList<>(Arrays.asList(connection.listStoragePools()));
        names.addAll(Arrays.asList(connection.listDefinedStoragePools()));
        // other platform processes (of this state directory or others) make and remove pools meanwhile
        for (String existing : names) {
            StoragePool pool;
            Path target;
            try {
                pool = connection.storagePoolLookupByName(existing);
                target = targetPath(XmlReader.parse(pool.getXMLDesc(0), "storage pool XML").getDocumentElement());
            } catch (LibvirtException e) {
                if (Errors.is(e, ErrorNumber.VIR_ERR_NO_STORAGE_POOL)) {
                    continue; // removed since the listing
                }
                throw e;
            }
            if (directory.equals(target)) {
                return new Bound(directory, active(pool), existing); // libvirt allows one pool per directory
            }
            if (local && existing.startsWith(DEFAULT_NAME + "-") && pool.isPersistent() == 0 && target.isAbsolute() && !Files.exists(target)) {
                destroyQuietly(pool); // a pool this platform made for a state directory that is gone
            }
        }
        String name = nameFor(directory);
        if (names.contains(name)) {
            LOG.log(System.Logger.Level.WARNING, "a libvirt storage pool named " + name + " exists for another directory: the disks in "
                    + directory + " are not shown as a pool");
            return new Bound(directory, null, "");
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new VmException("cannot create the disk directory " + directory + ": " + e.getMessage(), e);
        }
        String xml = XmlWriter.render(Element.of("pool").attr("type", "dir")
                .add(Element.text("name", name))
                .add(Element.of("target")
                        .add(Element.text("path", directory))));
        try {
            return new Bound(directory, connection.storagePoolCreateXML(xml, 0), name);
        } catch (LibvirtException e) {
            try {
                return new Bound(directory, connection.storagePoolLookupByName(name), name); // another process made it first
            } catch (LibvirtException notThere) {
                throw e;
            }
        }
    }

    /** The pool, started unless it runs (or another process started it meanwhile). */
    private static StoragePool active(StoragePool pool) throws LibvirtException {
        try {
            if (pool.isActive() != 1) {
                pool.create(0);
            }
        } catch (LibvirtException e) {
            if (pool.isActive() != 1) {
                throw e;
            }
        }
        return pool;
    }

    private static void destroyQuietly(StoragePool pool) {
        try {
            pool.destroy();
        } catch (LibvirtException e) {
            LOG.log(System.Logger.Level.DEBUG, "removing a stale disk pool: " + e.getMessage()); // another process did
        }
    }

    /** {@code phyllome} for the default state directory, {@code phyllome-<digest>} for others. */
    static String nameFor(Path directory) {
        if (directory.equals(DEFAULT_DISKS)) {
            return DEFAULT_NAME;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(directory.toString().getBytes(StandardCharsets.UTF_8));
            return DEFAULT_NAME + "-" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path targetPath(org.w3c.dom.Element pool) {
        org.w3c.dom.Element target = XmlReader.firstChild(pool, "target");
        org.w3c.dom.Element path = target == null ? null : XmlReader.firstChild(target, "path");
        return path == null ? Path.of("") : Path.of(path.getTextContent().trim());
    }

    /** Makes libvirt look at the directory again; a failure only makes its listing stale. */
    static void refresh(StoragePool pool) {
        if (pool == null) {
            return;
        }
        try {
            pool.refresh(0);
        } catch (LibvirtException e) {
            LOG.log(System.Logger.Level.DEBUG, "refreshing the disk pool: " + e.getMessage());
        }
    }
}
