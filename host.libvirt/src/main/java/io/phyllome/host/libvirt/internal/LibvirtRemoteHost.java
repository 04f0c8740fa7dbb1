package io.phyllome.host.libvirt.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Optional;

import org.libvirt.Connect;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.libvirt.StorageVol;
import org.libvirt.Stream;

import io.phyllome.host.hypervisor.Domain;
import io.phyllome.host.hypervisor.DomainDefinition;
import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.hypervisor.RemoteHost;
import io.phyllome.host.libvirt.internal.domain.DomainMapper;
import io.phyllome.host.libvirt.internal.domain.DomainReader;
import io.phyllome.host.libvirt.internal.xml.Element;
import io.phyllome.host.libvirt.internal.xml.XmlWriter;
import io.phyllome.host.vm.VmException;
import io.phyllome.host.vm.VmState;

/**
 * Another libvirt, reached by its URI. A daemon's disk pool takes the files through libvirt's
 * upload streams; an embedded driver in this process ({@code qemu:///embed?root=STATE/libvirt}
 * of another state directory) has no pools, and its files are copied into that state directory's
 * {@code disks}. Keys go into its secret store, the VM into its domains. Hosts are identical, so
 * the VM logs its console where this host would.
 */
final class LibvirtRemoteHost implements RemoteHost {

    private static final int CHUNK = 1 << 20;

    private final String uri;
    private final LibvirtConnection connection;
    private final StoragePoolBinding.Bound pool;
    private final Connect embeddedSecrets;
    private final Path logs;
    private final SecretStore secrets;
    private HostCapabilities capabilities;

    private LibvirtRemoteHost(String uri, LibvirtConnection connection, StoragePoolBinding.Bound pool, Connect embeddedSecrets, Path logs) {
        this.uri = uri;
        this.connection = connection;
        this.pool = pool;
        this.embeddedSecrets = embeddedSecrets;
        this.logs = logs;
        this.secrets = embeddedSecrets == null ? new SecretStore(() -> connection, () -> uri, Optional::empty)
                : new SecretStore(() -> embeddedSecrets, () -> uri, () -> Connector.embeddedRoot(uri).map(root -> root.resolve(Connector.EMBEDDED_SECRETS)));
    }

    /** @param stateDir this host's state directory, whose disk pool the other host has by the same name */
    static LibvirtRemoteHost open(String uri, String poolName, Path stateDir) {
        Path root = Connector.embeddedRoot(uri).orElse(null);
        boolean embedded = root != null;
        if (embedded && !poolName.isEmpty()) {
            throw new VmException("the embedded driver has no storage pools: its disks go to the disks directory beside its root; leave out --pool");
        }
        String target = embedded ? Connector.embedded(root) : uri; // creates the root: before the process is acquired
        LibvirtConnection connection;
        Connect secretsConnection = null;
        try {
            LibvirtProcess.acquire();
            try {
                connection = new LibvirtConnection(target);
            } catch (LibvirtException e) {
                LibvirtProcess.release();
                throw e;
            }
        } catch (LibvirtException e) {
            throw new VmException("cannot connect to " + uri + " (" + e.getMessage() + "): give a libvirt URI such as"
                    + " qemu+ssh://root@HOST/system, with SSH keys for that user (see README, Moving a VM)");
        }
        try {
            if (embedded) {
                secretsConnection = new Connect(Connector.EMBEDDED_SECRETS_URI + EmbeddedRoot.reachable(root));
                return new LibvirtRemoteHost(uri, connection, new StoragePoolBinding.Bound(root.resolveSibling("disks"), null, ""),
                        secretsConnection, stateDir.resolve("logs"));
            }
            String name = poolName.isEmpty() ? StoragePoolBinding.nameFor(stateDir.resolve("disks")) : poolName;
            StoragePoolBinding.Bound pool = StoragePoolBinding.bind(connection, name, stateDir.resolve("disks"));
            return new LibvirtRemoteHost(uri, connection, pool, null, stateDir.resolve("logs"));
        } catch (LibvirtException e) {
            close(connection, secretsConnection);
            throw Errors.of("open the secret store of " + uri, e);
        } catch (RuntimeException e) {
            close(connection, secretsConnection);
            throw e instanceof VmException v && poolName.isEmpty()
                    ? new VmException(v.getMessage() + " on " + uri + " (the platform makes it there when it first runs; or give --pool NAME)")
                    : e;
        }
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public synchronized HostCapabilities capabilities() {
        if (capabilities == null) {
            try {
                capabilities = CapabilityProbe.probe(connection, uri);
            } catch (LibvirtException e) {
                throw Errors.of("read the capabilities of " + uri, e);
            }
        }
        return capabilities;
    }

    @Override
    public boolean hasVm(String name) {
        try {
            connection.domainLookupByName(name);
            return true;
        } catch (LibvirtException e) {
            if (Errors.is(e, ErrorNumber.VIR_ERR_NO_DOMAIN)) {
                return false;
            }
            throw Errors.of("look for VM '" + name + "' on " + uri, e);
        }
    }

    @Override
    public String upload(Path file, String name) {
        if (pool.pool() == null) {
            return copy(file, pool.directory().resolve(name));
        }
        StoragePoolBinding.refresh(pool.pool());
        if (volumeExists(name)) {
            throw new VmException(name + " exists in pool " + pool.name() + " on " + uri + ": remove it there or move the VM under another name");
        }
        try {
            long size = Files.size(file);
            String xml = XmlWriter.render(Element.of("volume").add(Element.text("name", name))
                    .add(Element.of("capacity").attr("unit", "bytes").text(Long.toString(size)))
                    .add(Element.of("allocation").attr("unit", "bytes").text("0"))
                    .add(Element.of("target").add(Element.of("format").attr("type", "raw"))
                            .add(Element.of("permissions").add(Element.text("mode", "0600")))));
            StorageVol volume = pool.pool().storageVolCreateXML(xml, 0);
            try {
                send(volume, file, size);
                return volume.getPath();
            } catch (IOException | LibvirtException | RuntimeException e) {
                try {
                    volume.delete(0);
                } catch (LibvirtException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
        } catch (IOException e) {
            throw new VmException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (LibvirtException e) {
            throw Errors.of("copy " + file.getFileName() + " to " + uri, e);
        }
    }

    private boolean volumeExists(String name) {
        try {
            pool.pool().storageVolLookupByName(name);
            return true;
        } catch (LibvirtException e) {
            if (Errors.is(e, ErrorNumber.VIR_ERR_NO_STORAGE_VOL)) {
                return false;
            }
            throw Errors.of("look for " + name + " in pool " + pool.name() + " on " + uri, e);
        }
    }

    /** Into the disks directory of an embedded driver's state directory, owner-only. */
    private static String copy(Path file, Path target) {
        if (Files.exists(target)) {
            throw new VmException(target + " exists already: remove it or move the VM under another name");
        }
        try {
            Files.createDirectories(target.getParent());
            Files.copy(file, target);
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
            return target.toString();
        } catch (IOException e) {
            try {
                Files.deleteIfExists(target);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw new VmException("cannot copy " + file + " to " + target + ": " + e.getMessage(), e);
        }
    }

    private void send(StorageVol volume, Path file, long size) throws IOException, LibvirtException {
        Stream stream = connection.streamNew(0);
        try (InputStream in = Files.newInputStream(file)) {
            volume.upload(stream, 0, size, 0);
            byte[] buffer = new byte[CHUNK];
            for (int n; (n = in.readNBytes(buffer, 0, CHUNK)) > 0;) {
                byte[] chunk = n == CHUNK ? buffer : Arrays.copyOf(buffer, n);
                for (int sent = 0; sent < n;) {
                    sent += stream.send(sent == 0 ? chunk : Arrays.copyOfRange(chunk, sent, n));
                }
            }
            stream.finish();
        } catch (IOException | LibvirtException | RuntimeException e) {
            stream.abort();
            throw e;
        } finally {
            stream.free();
        }
    }

    @Override
    public String defineVolumeKey(String volumePath, byte[] key) {
        return secrets.define(volumePath, key);
    }

    @Override
    public Domain define(DomainDefinition definition) {
        HostCapabilities host = capabilities();
        String name = definition.spec().name();
        String xml = DomainMapper.map(definition, host.kvmUsable(), host.arch(), connection.defaultNetwork(), logs.resolve(name + ".serial.log")).render();
        try {
            connection.domainDefineXML(xml);
            return DomainReader.read(DomainCalls.on(connection.domainLookupByName(name), d -> d.getXMLDesc(0)), VmState.SHUT_OFF);
        } catch (LibvirtException e) {
            throw Errors.of("define VM '" + name + "' on " + uri, e);
        }
    }

    @Override
    public void remove(String path, String secretUuid) {
        if (pool.pool() == null) {
            try {
                Files.deleteIfExists(Path.of(path));
            } catch (IOException e) {
                throw new VmException("cannot remove " + path + ": " + e.getMessage(), e);
            }
        } else {
            try {
                connection.storageVolLookupByPath(path).delete(0);
            } catch (LibvirtException e) {
                if (!Errors.is(e, ErrorNumber.VIR_ERR_NO_STORAGE_VOL)) {
                    throw Errors.of("remove " + path + " from " + uri, e);
                }
            }
        }
        if (!secretUuid.isEmpty()) {
            secrets.delete(secretUuid);
        }
        StoragePoolBinding.refresh(pool.pool());
    }

    @Override
    public void close() {
        close(connection, embeddedSecrets);
    }

    private static void close(LibvirtConnection connection, Connect secretsConnection) {
        try {
            if (secretsConnection != null) {
                secretsConnection.close();
            }
            connection.close();
        } catch (LibvirtException e) {
            // closing: nothing left to do about it
        } finally {
            LibvirtProcess.release();
        }
    }
}
