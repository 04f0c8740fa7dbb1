package io.phyllome.host.core.vms;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.phyllome.host.core.faults.FaultInjection;
import io.phyllome.host.core.transfer.VmCreator;
import io.phyllome.host.hypervisor.Domain;
import io.phyllome.host.hypervisor.Hypervisor;
import io.phyllome.host.profile.Profiles;
import io.phyllome.host.storage.Storage;
import io.phyllome.host.storage.Volume;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.DiskSpec;
import io.phyllome.host.vm.InvalidSpecException;
import io.phyllome.host.vm.NoSuchVmException;
import io.phyllome.host.vm.VirtualMachines;
import io.phyllome.host.vm.VmDisk;
import io.phyllome.host.vm.VmException;
import io.phyllome.host.vm.VmInfo;
import io.phyllome.host.vm.VmSpec;
import io.phyllome.host.vm.VmSummary;

/**
 * The VMs of this host: lists, runs, changes and deletes them. A new VM comes from the
 * {@link VmCreator} ({@link VmCreation}), with new, empty disks.
 */
@Component(service = VirtualMachines.class)
public class VmService implements VirtualMachines {

    private static final System.Logger LOG = System.getLogger(VmService.class.getName());

    private final Hypervisor hypervisor;
    private final Storage storage;
    private final Profiles profiles;
    private final VmCreator creator;

    @Activate
    public VmService(@Reference Hypervisor hypervisor, @Reference Storage storage, @Reference Profiles profiles,
            @Reference VmCreator creator) {
        this.hypervisor = hypervisor;
        this.storage = storage;
        this.profiles = profiles;
        this.creator = creator;
    }

    @Override
    public VmInfo create(VmSpec spec) {
        return creator.create(spec, storage::create, List.of());
    }

    @Override
    public List<VmInfo> list() {
        return hypervisor.list().stream().map(d -> toInfo(d, List.of(), profiles)).toList();
    }

    @Override
    public List<VmSummary> summaries() {
        return hypervisor.summaries().stream().map(d -> new VmSummary(d.name(), d.state(), d.profile(),
                !d.profile().isEmpty() && profiles.find(d.profile()).isPresent(), d.memory(), d.cpus())).toList();
    }

    @Override
    public VmInfo info(String name) {
        return toInfo(require(name), List.of(), profiles);
    }

    @Override
    public void start(String name) {
        Domain domain = require(name);
        if (domain.state().isActive()) {
            throw new VmException("VM '" + name + "' is already " + domain.state());
        }
        hypervisor.start(name);
    }

    @Override
    public void shutdown(String name) {
        requireActive(name);
        hypervisor.shutdown(name);
    }

    @Override
    public void stop(String name) {
        requireActive(name);
        hypervisor.forceStop(name);
    }

    @Override
    public boolean autostart(String name) {
        require(name);
        return hypervisor.autostart(name);
    }

    @Override
    public void setAutostart(String name, boolean on) {
        require(name);
        hypervisor.setAutostart(name, on);
    }

    @Override
    public void delete(String name, boolean keepDisks) {
        Domain domain = require(name);
        if (domain.state().isActive()) {
            try {
                hypervisor.forceStop(name);
            } catch (VmException e) {
                if (require(name).state().isActive()) {
                    throw e;
                } // it powered off by itself meanwhile
            }
        }
        // marked before the definition goes: a crash in between leaves them to disk:orphans --clean
        List<Volume> going = keepDisks ? List.of() : disksGoingWith(domain);
        going.forEach(storage::beginDelete);
        try {
            // the definition goes first: a disk is never deleted while a VM still refers to it
            hypervisor.undefine(name);
        } catch (RuntimeException e) {
            going.forEach(storage::confirm); // the VM stays, and its disks with it
            throw e;
        }
        FaultInjection.point(FaultInjection.VM_DELETE_UNDEFINED);
        going.forEach(storage::delete);
        LOG.log(System.Logger.Level.INFO, "deleted VM {0}", name);
    }

    /** The platform's disks of {@code domain} that no other VM uses. */
    private List<Volume> disksGoingWith(Domain domain) {
        Set<String> usedElsewhere = hypervisor.list().stream().filter(d -> !d.name().equals(domain.name())).flatMap(d -> d.disks().stream())
                .map(VmDisk::source).collect(Collectors.toSet());
        return domain.disks().stream().filter(d -> d.managed() && !usedElsewhere.contains(d.source())).map(d -> storage.find(d.source()))
                .flatMap(Optional::stream).toList();
    }

    @Override
    public String definition(String name) {
        require(name);
        return hypervisor.nativeDefinition(name);
    }

    @Override
    public byte[] screenshot(String name) {
        requireActive(name);
        return hypervisor.screenshot(name);
    }

    @Override
    public Optional<InetSocketAddress> vncDisplay(String name) {
        requireActive(name);
        return hypervisor.vncDisplay(name);
    }

    @Override
    public Optional<Path> serialLog(String name) {
        require(name);
        return hypervisor.serialLog(name);
    }

    @Override
    public List<String> useVirtio(String name) {
        Domain domain = require(name);
        if (domain.state().isActive()) {
            throw new VmException("VM '" + name + "' is " + domain.state() + ": shut it down first (vm:shutdown " + name + ")");
        }
        return hypervisor.useVirtio(name);
    }

    @Override
    public VmDisk addDisk(String name, DiskSpec disk) {
        Domain domain = require(name);
        List<InvalidSpecException.Problem> problems = SpecValidator.checkDisk(disk);
        if (!problems.isEmpty()) {
            throw InvalidSpecException.of(problems);
        }
        int index = (int) domain.disks().stream().filter(VmDisk::managed).count();
        Volume volume = storage.create(name, index, disk);
        try {
            FaultInjection.point(FaultInjection.DISK_ADD_DISK_MADE);
            String target = hypervisor.attachDisk(name, volume);
            FaultInjection.point(FaultInjection.DISK_ADD_ATTACHED);
            storage.confirm(volume);
            return new VmDisk(target, volume.path(), false, volume.encrypted(), true);
        } catch (RuntimeException e) {
            try {
                storage.delete(volume);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    @Override
    public void resizeDisk(String name, String target, ByteSize size) {
        Domain domain = require(name);
        VmDisk disk = domain.disks().stream().filter(d -> d.target().equals(target)).findFirst()
                .orElseThrow(() -> new VmException("VM '" + name + "' has no disk '" + target + "': its disks are "
                        + domain.disks().stream().map(VmDisk::target).toList()));
        Volume volume = disk.managed() ? storage.find(disk.source()).orElse(null) : null;
        if (volume == null) {
            throw new VmException("disk " + target + " of VM '" + name + "' (" + disk.source() + ") was not created by the platform: resize it with qemu-img");
        }
        if (size.compareTo(volume.capacity()) <= 0) {
            throw new VmException("disks only grow: " + target + " is " + volume.capacity() + ", give a larger size than that");
        }
        hypervisor.resizeDisk(name, target, size);
    }

    @Override
    public void deleteDisk(String path) {
        List<String> users = usersOf(path);
        if (!users.isEmpty()) {
            throw new VmException("disk " + path + " is used by VM " + String.join(", ", users) + ": delete the VM first (vm:delete)");
        }
        storage.delete(storage.find(path).orElseThrow(() -> new VmException("no disk of the platform at " + path + ": disk:list shows them")));
    }

    /** The VMs whose definition refers to the disk at {@code path}. */
    private List<String> usersOf(String path) {
        return hypervisor.list().stream().filter(d -> d.disks().stream().anyMatch(disk -> disk.source().equals(path))).map(Domain::name).toList();
    }

    private Domain require(String name) {
        return hypervisor.find(name).orElseThrow(() -> new NoSuchVmException(name));
    }

    private void requireActive(String name) {
        Domain domain = require(name);
        if (!domain.state().isActive()) {
            throw new VmException("VM '" + name + "' is " + domain.state() + ": start it with vm:start " + name);
        }
    }

    static VmInfo toInfo(Domain domain, List<String> creationFindings, Profiles profiles) {
        boolean installed = !domain.profile().isEmpty() && profiles.find(domain.profile()).isPresent();
        List<String> findings = new ArrayList<>(creationFindings);
        if (!domain.profile().isEmpty() && !installed) {
            findings.add("warning: its profile '" + domain.profile() + "' is not installed on this host; the VM still runs");
        }
        return new VmInfo(domain.name(), domain.uuid(), domain.state(), domain.profile(), installed, domain.memory(), domain.cpus(),
                domain.disks(), findings);
    }

}
