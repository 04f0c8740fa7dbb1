package io.phyllome.host.libvirt.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.libvirt.Connect;
import org.libvirt.DomainInfo.DomainState;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.libvirt.Stream;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

import io.phyllome.host.hypervisor.DiskPool;
import io.phyllome.host.hypervisor.Domain;
import io.phyllome.host.hypervisor.DomainDefinition;
import io.phyllome.host.hypervisor.HostCapabilities;
import io.phyllome.host.hypervisor.Hypervisor;
import io.phyllome.host.hypervisor.RemoteHost;
import io.phyllome.host.hypervisor.RemoteHosts;
import io.phyllome.host.hypervisor.Secrets;
import io.phyllome.host.device.DiskBus;
import io.phyllome.host.libvirt.internal.domain.DiskXml;
import io.phyllome.host.libvirt.internal.domain.DomainMapper;
import io.phyllome.host.libvirt.internal.domain.MetadataXml;
import io.phyllome.host.libvirt.internal.domain.DomainReader;
import io.phyllome.host.libvirt.internal.domain.VirtioSwitch;
import io.phyllome.host.libvirt.internal.xml.XmlWriter;
import io.phyllome.host.platform.StateDirectory;
import io.phyllome.host.storage.Volume;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.VmDisk;
import io.phyllome.host.vm.VmException;
import io.phyllome.host.vm.VmSpec;
import io.phyllome.host.vm.VmState;

/**
 * The hypervisor SPIs on one libvirt connection. The connection opens on first use, so the
 * platform starts even when libvirt is unreachable and says why on each request.
 */
@Component(configurationPid = LibvirtConfig.PID, service = { Hypervisor.class, Secrets.class, DiskPool.class, RemoteHosts.class })
@Designate(ocd = LibvirtConfig.class)
public class LibvirtHypervisor implements Hypervisor, Secrets, DiskPool, RemoteHosts {

    private static final System.Logger LOG = System.getLogger(LibvirtHypervisor.class.getName());
    /** Undefine with managed save, snapshot and checkpoint metadata, NVRAM and TPM state. */
    private static final int UNDEFINE_EVERYTHING = 1 | 2 | 4 | 16 | 32;
    /** The definition a VM has when it next starts, not its live state. */
    private static final int XML_INACTIVE = 2;
    private static final int AFFECT_LIVE = 1;
    private static final int AFFECT_CONFIG = 2;
    private static final int METADATA_ELEMENT = 2;
    private static final int START_PAUSED = 1;
    private static final int BLOCK_RESIZE_BYTES = 1;

    private final Path stateDir;
    private final String configuredUri;
    private final String configuredPool;
    private StoragePoolBinding.Bound diskPool;
    private LibvirtConnection connect;
    private String uri;
    /** The embedded driver's secret driver, which keeps its own connection; null otherwise. */
    private Connect embeddedSecrets;
    private HostCapabilities capabilities;
    private final SecretStore secrets = new SecretStore(this::secretConnection, () -> uri, this::embeddedSecretFiles);

    @Activate
    public LibvirtHypervisor(LibvirtConfig config, BundleContext context) {
        this.stateDir = StateDirectory.resolve(context::getProperty);
        // the property (the launcher's PHYLLOME_LIBVIRT_URI) wins over the host's configuration files
        String fromFramework = context.getProperty(LibvirtConfig.URI_PROPERTY);
        this.configuredUri = fromFramework != null && !fromFramework.isBlank() ? fromFramework.trim() : config.uri().trim();
        this.configuredPool = config.pool().trim();
    }

    @Deactivate
    synchronized void close() {
        if (embeddedSecrets != null) {
            try {
                embeddedSecrets.close();
            } catch (LibvirtException e) {
                LOG.log(System.Logger.Level.WARNING, "closing the embedded secret driver: " + e.getMessage());
            }
            embeddedSecrets = null;
        }
        if (connect != null) {
            try {
                connect.close();
            } catch (LibvirtException e) {
                LOG.log(System.Logger.Level.WARNING, "closing " + uri + ": " + e.getMessage());
            }
            connect = null;
            diskPool = null;
            LibvirtProcess.release();
        }
    }

    @Override
    public synchronized HostCapabilities capabilities() {
        if (capabilities == null) {
            LibvirtConnection c = connection();
            try {
                capabilities = CapabilityProbe.probe(c, uri);
            } catch (LibvirtException e) {
                throw Errors.of("read the host's capabilities", e);
            }
        }
        return capabilities;
    }

    @Override
    public Domain define(DomainDefinition definition) {
        String name = definition.spec().name();
        if (find(name).isPresent()) {
            throw exists(name);
        }
        HostCapabilities host = capabilities();
        Path serialLog = directory("logs").resolve(name + ".serial.log");
        String xml = DomainMapper.map(definition, host.kvmUsable(), host.arch(), connection().defaultNetwork(), serialLog).render();
        try {
            return read(connection().domainDefineXML(xml));
        } catch (LibvirtException e) {
            if (find(name).isPresent()) { // defined meanwhile by another libvirt client
                throw exists(name);
            }
            throw Errors.of("define VM '" + name + "'", e);
        }
    }

    private static VmException exists(String name) {
        return new VmException("a VM named '" + name + "' already exists: choose another name, or delete it with vm:delete " + name);
    }

    @Override
    public Optional<Domain> find(String name) {
        // one lookup, not a listing of every domain: creating or deleting a VM stays as fast on
        // a host with a thousand VMs as on an empty one
        try {
            org.libvirt.Domain domain = connection().domainLookupByName(name);
            return Optional.of(DomainReader.read(domain.getXMLDesc(0), state(domain.getInfo().state)));
        } catch (LibvirtException e) {
            if (Errors.is(e, ErrorNumber.VIR_ERR_NO_DOMAIN)) {
                return Optional.empty(); // no such VM, or undefined meanwhile
            }
            throw Errors.of("find VM '" + name + "'", e);
        }
    }

    @Override
    public List<Domain> list() {
        List<Domain> domains = new ArrayList<>();
        for (String name : names()) {
            try {
                org.libvirt.Domain domain = connection().domainLookupByName(name);
                domains.add(DomainReader.read(domain.getXMLDesc(0), state(domain.getInfo().state)));
            } catch (LibvirtException e) {
                // undefined between listing and reading (e.g. by another platform process): not there any more
            }
        }
        return domains;
    }

    @Override
    public void start(String name) {
        act(name, "start", org.libvirt.Domain::create);
    }

    @Override
    public void shutdown(String name) {
        act(name, "shut down", org.libvirt.Domain::shutdown);
    }

    @Override
    public void forceStop(String name) {
        act(name, "stop", org.libvirt.Domain::destroy);
    }

    @Override
    public void undefine(String name) {
        org.libvirt.Domain domain = lookup(name);
        try {
            String serialLog = DomainReader.serialLog(domain.getXMLDesc(0));
            domain.undefine(UNDEFINE_EVERYTHING);
            if (!serialLog.isEmpty() && Path.of(serialLog).startsWith(directory("logs"))) {
                Files.deleteIfExists(Path.of(serialLog));
            }
        } catch (LibvirtException e) {
            throw Errors.of("delete VM '" + name + "'", e);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "VM " + name + " deleted, its serial log stays: " + e.getMessage());
        }
    }

    @Override
    public VmSpec spec(String name) {
        try {
            return DomainReader.spec(lookup(name).getXMLDesc(XML_INACTIVE));
        } catch (LibvirtException e) {
            throw Errors.of("read VM '" + name + "'", e);
        }
    }

    @Override
    public Optional<Path> firmwareVariables(String name) {
        return nvramFile(name).filter(Files::isRegularFile);
    }

    @Override
    public void restoreFirmwareVariables(String name, Path file) {
        Path target = nvramFile(name).orElseThrow(() -> new VmException("the UEFI variables of VMs on " + uri + " are out of this"
                + " platform's reach"));
        try {
            Files.createDirectories(target.getParent());
            Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new VmException("cannot give VM '" + name + "' its UEFI variables (" + target + "): " + e.getMessage(), e);
        }
    }

    /**
     * Where libvirt keeps a VM's UEFI variables: its definition's {@code <nvram>}, or libvirt's
     * default file, which it chooses when the VM first starts ({@code NAME_VARS.fd} in the
     * daemon's or the embedded driver's {@code nvram} directory). Empty for a remote daemon.
     */
    private Optional<Path> nvramFile(String name) {
        String explicit;
        try {
            explicit = DomainReader.nvram(lookup(name).getXMLDesc(XML_INACTIVE));
        } catch (LibvirtException e) {
            throw Errors.of("read VM '" + name + "'", e);
        }
        if (!explicit.isEmpty()) {
            return Optional.of(Path.of(explicit));
        }
        if (embedded()) {
            return Optional.of(Connector.embeddedRoot(uri).orElseThrow().resolve("lib/qemu/nvram").resolve(name + "_VARS.fd"));
        }
        return Connector.SYSTEM_URI.equals(uri) ? Optional.of(Path.of("/var/lib/libvirt/qemu/nvram", name + "_VARS.fd")) : Optional.empty();
    }

    @Override
    public String describe(String name) {
        try {
            return lookup(name).getXMLDesc(0);
        } catch (LibvirtException e) {
            throw Errors.of("describe VM '" + name + "'", e);
        }
    }

    @Override
    public byte[] screenshot(String name) {
        org.libvirt.Domain domain = lookup(name);
        try {
            Stream stream = connection().streamNew(0);
            try {
                String mimeType = domain.screenshot(stream, 0);
                ByteArrayOutputStream image = new ByteArrayOutputStream();
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = stream.receive(buffer)) > 0;) {
                    image.write(buffer, 0, n);
                }
                stream.finish();
                return Screenshots.toPng(image.toByteArray(), mimeType);
            } finally {
                stream.free();
            }
        } catch (LibvirtException e) {
            throw Errors.of("take a screenshot of VM '" + name + "'", e);
        }
    }

    @Override
    public List<String> useVirtio(String name) {
        try {
            VirtioSwitch.Result result = VirtioSwitch.apply(lookup(name).getXMLDesc(XML_INACTIVE));
            if (!result.changes().isEmpty()) {
                connection().domainDefineXML(result.xml());
            }
            return result.changes();
        } catch (LibvirtException e) {
            throw Errors.of("switch VM '" + name + "' to virtio", e);
        }
    }

    @Override
    public String attachDisk(String name, Volume volume) {
        org.libvirt.Domain domain = lookup(name);
        try {
            String xml = domain.getXMLDesc(XML_INACTIVE);
            Domain current = DomainReader.read(xml, VmState.UNKNOWN);
            DiskBus bus = DomainReader.diskBus(xml);
            String target = DomainReader.freeTarget(xml, bus);
            String disk = XmlWriter.render(new DiskXml(false, volume.path(), "qcow2", bus, target, false, volume.secretUuid(), 0).toElement());
            List<String> managed = new ArrayList<>(current.disks().stream().filter(VmDisk::managed).map(VmDisk::source).toList());
            managed.add(volume.path());
            String metadata = XmlWriter.render(new MetadataXml(null, current.profile(), DomainReader.options(xml), managed).platformElement(""));
            int flags = AFFECT_CONFIG | (domain.isActive() == 1 ? AFFECT_LIVE : 0);
            domain.attachDeviceFlags(disk, flags);
            try {
                domain.setMetadata(METADATA_ELEMENT, metadata, MetadataXml.PREFIX, MetadataXml.PHYLLOME_NS, AFFECT_CONFIG);
            } catch (LibvirtException e) {
                try {
                    domain.detachDeviceFlags(disk, flags); // no definition may refer to a disk about to be removed
                } catch (LibvirtException undo) {
                    e.addSuppressed(undo);
                }
                throw e;
            }
            return target;
        } catch (LibvirtException e) {
            throw Errors.of("attach a disk to VM '" + name + "'", e);
        }
    }

    @Override
    public void resizeDisk(String name, String target, ByteSize size) {
        org.libvirt.Domain domain = lookup(name);
        try {
            boolean active = domain.isActive() == 1;
            if (!active) {
                domain.create(START_PAUSED);
            }
            try {
                domain.blockResize(target, size.bytes(), BLOCK_RESIZE_BYTES);
            } finally {
                if (!active) {
                    domain.destroy();
                }
            }
        } catch (LibvirtException e) {
            throw Errors.of("resize disk " + target + " of VM '" + name + "'", e);
        }
    }

    @Override
    public String defineVolumeKey(String volumePath, byte[] key) {
        return secrets.define(volumePath, key);
    }

    @Override
    public Path directory() {
        // without a configured pool the directory is known without libvirt: start-up asks it early
        return configuredPool.isEmpty() ? stateDir.resolve("disks") : diskPool().directory();
    }

    @Override
    public String name() {
        return diskPool().name();
    }

    @Override
    public void refresh() {
        StoragePoolBinding.refresh(diskPool().pool());
    }

    @Override
    public RemoteHost open(String uri, String pool) {
        connection();
        if (embedded()) {
            throw new VmException("this platform runs libvirt's embedded driver, and libvirt then opens no other host in the same process:"
                    + " move the VM with vm:export and vm:import, or run the platform with the libvirt daemon");
        }
        return LibvirtRemoteHost.open(uri, pool, stateDir);
    }

    private synchronized StoragePoolBinding.Bound diskPool() {
        if (diskPool == null) {
            diskPool = StoragePoolBinding.bind(connection(), configuredPool, stateDir.resolve("disks"));
        }
        return diskPool;
    }

    @Override
    public void rekey(Path image, String secretUuid, byte[] newKey) {
        DiskRekey.rekey(connection(), capabilities().kvmUsable() ? "kvm" : "qemu", image, secretUuid, newKey);
    }

    @Override
    public Optional<String> findVolumeKey(String volumePath) {
        return Optional.ofNullable(volumeKeys().get(volumePath));
    }

    @Override
    public Map<String, String> volumeKeys() {
        return secrets.volumeKeys();
    }

    @Override
    public void delete(String uuid) {
        secrets.delete(uuid);
    }

    private synchronized LibvirtConnection connection() {
        if (connect == null) {
            Connector.Opened opened = Connector.open(configuredUri, stateDir);
            connect = opened.connection();
            uri = opened.uri();
        }
        if (embedded()) {
            CallerIdentity.ensure(); // the embedded driver reads disk keys as its caller
        }
        return connect;
    }

    /** The connection that keeps disk keys: the embedded driver's secret driver has its own. */
    private synchronized Connect secretConnection() {
        LibvirtConnection c = connection();
        if (!embedded()) {
            return c;
        }
        if (embeddedSecrets == null) {
            try {
                embeddedSecrets = new Connect(Connector.EMBEDDED_SECRETS_URI + Connector.embeddedRoot(uri).orElseThrow());
            } catch (LibvirtException e) {
                throw Errors.of("open the embedded driver's secret store", e);
            }
        }
        return embeddedSecrets;
    }

    /** Where the embedded secret driver keeps its secrets; empty with a daemon. */
    private synchronized Optional<Path> embeddedSecretFiles() {
        connection();
        return Connector.embeddedRoot(uri).map(root -> root.resolve(Connector.EMBEDDED_SECRETS));
    }

    private boolean embedded() {
        return uri.startsWith(Connector.EMBEDDED_URI);
    }

    /**
     * The names of all defined domains. libvirt lists inactive and active domains in separate
     * calls; listing the inactive ones before and after the active ones catches a domain that
     * starts or stops in between.
     */
    private TreeSet<String> names() {
        try {
            Connect c = connection();
            TreeSet<String> names = new TreeSet<>(Arrays.asList(c.listDefinedDomains()));
            for (int id : c.listDomains()) {
                try {
                    names.add(c.domainLookupByID(id).getName());
                } catch (LibvirtException stopped) {
                    // stopped since listed: the second listing of inactive domains has it
                }
            }
            names.addAll(Arrays.asList(c.listDefinedDomains()));
            return names;
        } catch (LibvirtException e) {
            throw Errors.of("list VMs", e);
        }
    }

    /** A libvirt call on one domain that may fail. */
    private interface DomainAction {
        void apply(org.libvirt.Domain domain) throws LibvirtException;
    }

    private void act(String name, String verb, DomainAction action) {
        try {
            action.apply(lookup(name));
        } catch (LibvirtException e) {
            throw Errors.of(verb + " VM '" + name + "'", e);
        }
    }

    private org.libvirt.Domain lookup(String name) {
        try {
            return connection().domainLookupByName(name);
        } catch (LibvirtException e) {
            throw Errors.of("find VM '" + name + "'", e);
        }
    }

    private Domain read(org.libvirt.Domain domain) {
        try {
            return DomainReader.read(domain.getXMLDesc(0), state(domain.getInfo().state));
        } catch (LibvirtException e) {
            throw Errors.of("read a VM's definition", e);
        }
    }

    private Path directory(String name) {
        Path dir = stateDir.resolve(name);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new VmException("cannot create " + dir + ": " + e.getMessage() + " (set " + StateDirectory.PROPERTY + " to a writable directory)");
        }
        return dir;
    }

    private static VmState state(DomainState state) {
        return switch (state) {
            case VIR_DOMAIN_RUNNING, VIR_DOMAIN_BLOCKED -> VmState.RUNNING;
            case VIR_DOMAIN_PAUSED -> VmState.PAUSED;
            case VIR_DOMAIN_SHUTDOWN -> VmState.SHUTTING_DOWN;
            case VIR_DOMAIN_SHUTOFF -> VmState.SHUT_OFF;
            case VIR_DOMAIN_CRASHED -> VmState.CRASHED;
            default -> VmState.UNKNOWN;
        };
    }
}
