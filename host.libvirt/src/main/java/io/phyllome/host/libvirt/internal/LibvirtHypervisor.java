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
            try {
                domains.add(read(session.connection().domainLookupByName(name)));
            } catch (LibvirtException e) {
                // undefined between listing and reading (another client deleted it): not there any more
            }
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
        return session.read(() -> withDomain(name, "read the autostart flag of", org.libvirt.Domain::getAutostart));
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
        String serialLog = withDomain(name, "delete", domain -> {
            String log = DomainReader.serialLog(domain.getXMLDesc(0));
            domain.undefine(UNDEFINE_EVERYTHING);
            return log;
        });
        try {
            if (!serialLog.isEmpty() && Path.of(serialLog).startsWith(directory("logs"))) {
                Files.deleteIfExists(Path.of(serialLog));
            }
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
        return session.read(() -> withDomain(name, verb, domain -> domain.getXMLDesc(flags)));
    }

    @Override
    public byte[] screenshot(String name) {
        return session.read(() -> screenshotNow(name));
    }

    private byte[] screenshotNow(String name) {
        return withDomain(name, "take a screenshot of", domain -> {
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
        });
    }

    @Override
    public Optional<InetSocketAddress> vncDisplay(String name) {
        // the live definition carries the port autoport chose; a VM that does not run has none
        return session.read(() -> withDomain(name, "find the display of",
                domain -> domain.isActive() == 1 ? DomainReader.vncDisplay(domain.getXMLDesc(0)) : Optional.<InetSocketAddress>empty()));
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
        VirtioSwitch.Result result = VirtioSwitch.apply(withDomain(name, "read the definition of", domain -> domain.getXMLDesc(XML_INACTIVE)));
        try {
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
        return session.change("attach a disk to VM '" + name + "'", () -> withDomain(name, "attach a disk to", domain -> DomainDisks.attach(domain, volume)));
    }

    @Override
    public void resizeDisk(String name, String target, ByteSize size) {
        act(name, "resize disk " + target + " of", domain -> DomainDisks.resize(domain, target, size));
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

    private void act(String name, String verb, DomainCalls.Action action) {
        session.change(verb + " VM '" + name + "'", () -> withDomain(name, verb, domain -> {
            action.apply(domain);
            return null;
        }));
    }

    /** {@code call} on the VM's domain; a failure is an error that says what was done ({@code verb}) to which VM. */
    private <T> T withDomain(String name, String verb, DomainCalls.Call<T> call) {
        try {
            return DomainCalls.on(lookup(name), call);
        } catch (LibvirtException e) {
            throw Errors.of(verb + " VM '" + name + "'", e);
        }
    }

    private org.libvirt.Domain lookup(String name) {
        try {
            return session.connection().domainLookupByName(name);
        } catch (LibvirtException e) {
            throw Errors.of("find VM '" + name + "'", e);
        }
    }

    /** The domain as the platform describes it, with its state. */
    private Domain read(org.libvirt.Domain domain) throws LibvirtException {
        return DomainCalls.on(domain, d -> DomainReader.read(d.getXMLDesc(0), state(d.getInfo().state)));
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
