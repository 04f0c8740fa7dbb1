package io.phyllome.host.libvirt.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.libvirt.Connect;
import org.libvirt.DomainInfo.DomainState;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.libvirt.Stream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.phyllome.host.hypervisor.Domain;
import io.phyllome.host.hypervisor.DomainDefinition;
import io.phyllome.host.hypervisor.DomainSummary;
import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.hypervisor.Hypervisor;
import io.phyllome.host.libvirt.internal.domain.DomainMapper;
import io.phyllome.host.libvirt.internal.domain.DomainReader;
import io.phyllome.host.libvirt.internal.domain.VirtioSwitch;
import io.phyllome.host.platform.StateDirectory;
import io.phyllome.host.storage.Volume;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.VmException;
import io.phyllome.host.vm.VmSpec;
import io.phyllome.host.vm.VmState;

/**
 * The hypervisor SPI on the bundle's libvirt connection ({@link LibvirtSession}): VMs defined,
 * run, read and changed through libvirt. Over 300 lines because the SPI has twenty operations,
 * each a few lines around one libvirt call with its error; the XML lives in {@code domain}.
 */
// the configuration's uri and pool become service properties, as clients select a hypervisor by them
@Component(service = Hypervisor.class, configurationPid = LibvirtConfig.PID)
public class LibvirtHypervisor implements Hypervisor {

    private static final System.Logger LOG = System.getLogger(LibvirtHypervisor.class.getName());
    /** Undefine with managed save, snapshot and checkpoint metadata, NVRAM and TPM state. */
    private static final int UNDEFINE_EVERYTHING = 1 | 2 | 4 | 16 | 32;
    /** The definition a VM has when it next starts, not its live state. */
    private static final int XML_INACTIVE = 2;

    private final LibvirtSession session;

    @Activate
    public LibvirtHypervisor(@Reference LibvirtSession session) {
        this.session = session;
    }

    @Override
    public HostCapabilities capabilities() {
        return session.capabilities();
    }

    @Override
    public Domain define(DomainDefinition definition) {
        String name = definition.spec().name();
        if (find(name).isPresent()) {
            throw exists(name);
        }
        HostCapabilities host = capabilities();
        Path serialLog = directory("logs").resolve(name + ".serial.log");
        String network = session.read(() -> session.connection().defaultNetwork());
        String xml = DomainMapper.map(definition, host.kvmUsable(), host.arch(), network, serialLog).render();
        return session.change("define VM '" + name + "'", () -> {
            try {
                return read(session.connection().domainDefineXML(xml));
            } catch (LibvirtException e) {
                if (findNow(name).isPresent()) { // defined meanwhile by another libvirt client
                    throw exists(name);
                }
                throw Errors.of("define VM '" + name + "'", e);
            }
        }, () -> findNow(name)); // defined before libvirt went away, or not at all
    }

    private static VmException exists(String name) {
        return new VmException("a VM named '" + name + "' already exists: choose another name, or delete it with vm:delete " + name);
    }

    @Override
    public Optional<Domain> find(String name) {
        return session.read(() -> findNow(name));
    }

    private Optional<Domain> findNow(String name) {
        // one lookup, not a listing of every domain: creating or deleting a VM stays as fast on
        // a host with a thousand VMs as on an empty one
        try {
            return Optional.of(read(session.connection().domainLookupByName(name)));
        } catch (LibvirtException e) {
            if (Errors.is(e, ErrorNumber.VIR_ERR_NO_DOMAIN)) {
                return Optional.empty(); // no such VM, or undefined meanwhile
            }
            throw Errors.of("find VM '" + name + "'", e);
        }
    }

    @Override
    public List<Domain> list() {
        return session.read(this::listNow);
    }

    private List<Domain> listNow() {
        List<Domain> domains = new ArrayList<>();
        for (String name : names()) {
            String xml;
            VmState state;
            org.libvirt.Domain domain = null;
            try {
                domain = session.connection().domainLookupByName(name);
                xml = domain.getXMLDesc(0);
                state = state(domain.getInfo().state);
            } catch (LibvirtException e) {
                continue; // undefined between listing and reading (another client deleted it): not there any more
            } finally {
                java.lang.ref.Reference.reachabilityFence(domain);
            }
            domains.add(DomainReader.read(xml, state));
        }
        return domains;
    }

    @Override
    public List<DomainSummary> summaries() {
        return session.read(() -> DomainListing.list(session.connection()));
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
    public boolean autostart(String name) {
        return session.read(() -> {
            try {
                org.libvirt.Domain domain = lookup(name);
                try {
                    return domain.getAutostart();
                } finally {
                    java.lang.ref.Reference.reachabilityFence(domain);
                }
            } catch (LibvirtException e) {
                throw Errors.of("read the autostart flag of VM '" + name + "'", e);
            }
        });
    }

    @Override
    public void setAutostart(String name, boolean on) {
        act(name, on ? "mark for autostart" : "unmark for autostart", domain -> domain.setAutostart(on));
    }

    @Override
    public void undefine(String name) {
        session.change("delete VM '" + name + "'", () -> {
            undefineNow(name);
            return Boolean.TRUE;
        }, () -> findNow(name).isEmpty() ? Optional.of(Boolean.TRUE) : Optional.empty()); // gone already, or to be deleted again
    }

    private void undefineNow(String name) {
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
        return DomainReader.spec(xml(name, XML_INACTIVE, "read"));
    }

    @Override
    public Optional<Path> firmwareVariables(String name) {
        return nvramFile(name).filter(Files::isRegularFile);
    }

    @Override
    public void restoreFirmwareVariables(String name, Path file) {
        NvramFiles.restore(name, file, nvramFile(name).orElseThrow(() -> new VmException("the UEFI variables of VMs on " + session.uri()
                + " are out of this platform's reach")));
    }

    private Optional<Path> nvramFile(String name) {
        return NvramFiles.of(name, DomainReader.nvram(xml(name, XML_INACTIVE, "read")), session.uri());
    }

    @Override
    public String nativeDefinition(String name) {
        return xml(name, 0, "describe");
    }

    /** A VM's definition ({@code flags}: live or inactive); {@code verb} says what for in an error. */
    private String xml(String name, int flags, String verb) {
        return session.read(() -> {
            try {
                return lookup(name).getXMLDesc(flags);
            } catch (LibvirtException e) {
                throw Errors.of(verb + " VM '" + name + "'", e);
            }
        });
    }

    @Override
    public byte[] screenshot(String name) {
        return session.read(() -> screenshotNow(name));
    }

    private byte[] screenshotNow(String name) {
        org.libvirt.Domain domain = lookup(name);
        try {
            Stream stream = session.connection().streamNew(0);
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
    public Optional<InetSocketAddress> vncDisplay(String name) {
        // the live definition carries the port autoport chose; a VM that does not run has none
        return session.read(() -> {
            try {
                org.libvirt.Domain domain = lookup(name);
                return domain.isActive() == 1 ? DomainReader.vncDisplay(domain.getXMLDesc(0)) : Optional.empty();
            } catch (LibvirtException e) {
                throw Errors.of("find the display of VM '" + name + "'", e);
            }
        });
    }

    @Override
    public Optional<Path> serialLog(String name) {
        String path = DomainReader.serialLog(xml(name, 0, "read the serial port of"));
        return path.isEmpty() ? Optional.empty() : Optional.of(Path.of(path));
    }

    @Override
    public List<String> useVirtio(String name) {
        return session.change("switch VM '" + name + "' to virtio", () -> useVirtioNow(name));
    }

    private List<String> useVirtioNow(String name) {
        try {
            VirtioSwitch.Result result = VirtioSwitch.apply(lookup(name).getXMLDesc(XML_INACTIVE));
            if (!result.changes().isEmpty()) {
                session.connection().domainDefineXML(result.xml());
            }
            return result.changes();
        } catch (LibvirtException e) {
            throw Errors.of("switch VM '" + name + "' to virtio", e);
        }
    }

    @Override
    public String attachDisk(String name, Volume volume) {
        String action = "attach a disk to VM '" + name + "'";
        return session.change(action, () -> {
            try {
                return DomainDisks.attach(lookup(name), volume);
            } catch (LibvirtException e) {
                throw Errors.of(action, e);
            }
        });
    }

    @Override
    public void resizeDisk(String name, String target, ByteSize size) {
        String action = "resize disk " + target + " of VM '" + name + "'";
        session.change(action, () -> {
            try {
                DomainDisks.resize(lookup(name), target, size);
            } catch (LibvirtException e) {
                throw Errors.of(action, e);
            }
            return null;
        });
    }

    /**
     * The names of all defined domains. libvirt lists inactive and active domains in separate
     * calls; listing the inactive ones before and after the active ones catches a domain that
     * starts or stops in between.
     */
    private TreeSet<String> names() {
        try {
            Connect c = session.connection();
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
        session.change(verb + " VM '" + name + "'", () -> {
            try {
                org.libvirt.Domain domain = lookup(name);
                try {
                    action.apply(domain);
                } finally {
                    java.lang.ref.Reference.reachabilityFence(domain);
                }
            } catch (LibvirtException e) {
                throw Errors.of(verb + " VM '" + name + "'", e);
            }
            return null;
        });
    }

    private org.libvirt.Domain lookup(String name) {
        try {
            return session.connection().domainLookupByName(name);
        } catch (LibvirtException e) {
            throw Errors.of("find VM '" + name + "'", e);
        }
    }

    /**
     * libvirt-java frees a domain's pointer in its finalizer, which may run as soon as the object
     * is no longer reachable, while a native call still uses the pointer ("invalid domain pointer"
     * under load): every use keeps the object reachable to its end.
     */
    private Domain read(org.libvirt.Domain domain) throws LibvirtException {
        try {
            return DomainReader.read(domain.getXMLDesc(0), state(domain.getInfo().state));
        } finally {
            java.lang.ref.Reference.reachabilityFence(domain);
        }
    }

    private Path directory(String name) {
        Path dir = session.stateDir().resolve(name);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new VmException("cannot create " + dir + ": " + e.getMessage() + " (set " + StateDirectory.PROPERTY + " to a writable directory)");
        }
        return dir;
    }

    static VmState state(DomainState state) {
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
