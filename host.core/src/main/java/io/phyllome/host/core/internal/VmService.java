package io.phyllome.host.core.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.phyllome.host.core.faults.FaultInjection;
import io.phyllome.host.core.locks.StateLocks;
import io.phyllome.host.core.transfer.VmCreator;
import io.phyllome.host.core.transfer.VmCreator.DiskSource;
import io.phyllome.host.device.DeviceSet;
import io.phyllome.host.device.Finding;
import io.phyllome.host.hypervisor.Domain;
import io.phyllome.host.hypervisor.DomainDefinition;
import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.hypervisor.Hypervisor;
import io.phyllome.host.platform.StateDirectory;
import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.ProfileDescriptor;
import io.phyllome.host.profile.Profiles;
import io.phyllome.host.profile.Resources;
import io.phyllome.host.storage.MediaLibrary;
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
import io.phyllome.host.vm.VmPortability;
import io.phyllome.host.vm.VmSpec;

/**
 * Creates and runs VMs: validates a spec, lets its profile choose the devices, provisions the
 * disks and defines the domain, undoing every step of a creation that fails. The transfers
 * ({@link io.phyllome.host.core.transfer.VmPackager}) create the VMs they bring through it, as a {@link VmCreator}.
 */
@Component(service = { VirtualMachines.class, VmCreator.class })
public class VmService implements VirtualMachines, VmCreator {

    private static final System.Logger LOG = System.getLogger(VmService.class.getName());

    private final Hypervisor hypervisor;
    private final Storage storage;
    private final Profiles profiles;
    private final MediaLibrary media;
    /** One creation of a name at a time, across the platform's processes. */
    private final StateLocks locks;
    /** What ties a new VM to this host, reported at creation; absent in tests without it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile VmPortability portability;

    @Activate
    public VmService(@Reference Hypervisor hypervisor, @Reference Storage storage, @Reference Profiles profiles,
            @Reference MediaLibrary media, BundleContext context) {
        this(hypervisor, storage, profiles, media, StateLocks.in(StateDirectory.resolve(context::getProperty)));
    }

    VmService(Hypervisor hypervisor, Storage storage, Profiles profiles, MediaLibrary media, StateLocks locks) {
        this.hypervisor = hypervisor;
        this.storage = storage;
        this.profiles = profiles;
        this.media = media;
        this.locks = locks;
    }

    @Override
    public VmInfo create(VmSpec spec) {
        return create(spec, storage::create, List.of());
    }

    /** This host, as a place to create VMs on. */
    private final VmCreator.Host here = new VmCreator.Host() {
        @Override
        public HostCapabilities capabilities() {
            return hypervisor.capabilities();
        }

        @Override
        public boolean hasVm(String name) {
            return hypervisor.find(name).isPresent();
        }

        @Override
        public Domain define(DomainDefinition definition) {
            Domain domain = hypervisor.define(definition);
            FaultInjection.point(FaultInjection.VM_CREATE_DEFINED);
            definition.volumes().forEach(storage::confirm); // a definition refers to them now: no crash leftovers
            return domain;
        }

        @Override
        public void remove(Volume volume) {
            storage.delete(volume);
        }
    };

    @Override
    public VmInfo create(VmSpec spec, DiskSource disks, List<String> extraFindings) {
        VmInfo created = createOn(here, spec, disks, extraFindings);
        VmPortability lint = portability;
        if (lint == null) {
            return created;
        }
        List<String> findings = new ArrayList<>();
        try {
            lint.lint(created.name()).forEach(f -> findings.add("portability " + f));
        } catch (VmException e) { // the VM exists: creation succeeded all the same
            findings.add("warning: what ties " + created.name() + " to this host was not checked (" + e.getMessage() + "): run vm:lint "
                    + created.name());
        }
        return created.withFindings(findings);
    }

    @Override
    public VmInfo createOn(VmCreator.Host target, VmSpec spec, DiskSource disks, List<String> extraFindings) {
        HostCapabilities host = target.capabilities();
        List<String> problems = new ArrayList<>(SpecValidator.checkRequest(spec, host));
        GuestProfile profile = profiles.find(spec.profile()).orElse(null);
        if (profile == null) {
            problems.add("unknown profile '" + spec.profile() + "': the installed profiles are " + installedProfiles()
                    + " (see profile:list); profile:available lists what the repositories offer, and profile:install " + spec.profile()
                    + " installs it from there");
        }
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(problems);
        }
        // from the name's check to its definition: of two creations of one name, the second sees the first's VM
        try (StateLocks.Held creating = locks.acquire("vm-" + spec.name(), "creating VM '" + spec.name() + "'")) {
            if (target.hasVm(spec.name())) {
                throw new InvalidSpecException(List.of("a VM named '" + spec.name() + "' already exists: choose another name, or delete it with vm:delete "
                        + spec.name()));
            }
            return createNew(target, spec, profile, host, disks, extraFindings);
        }
    }

    private VmInfo createNew(VmCreator.Host target, VmSpec spec, GuestProfile profile, HostCapabilities host, DiskSource disks,
            List<String> extraFindings) {
        List<String> problems = new ArrayList<>();
        ProfileDescriptor descriptor = profile.descriptor();
        for (String option : spec.options().keySet()) {
            if (!profile.options().containsKey(option)) {
                problems.add("profile '" + descriptor.id() + "' has no option '" + option + "'"
                        + (profile.options().isEmpty() ? "" : ": it understands " + String.join(", ", new java.util.TreeSet<>(profile.options().keySet()))));
            }
        }
        VmSpec resolved = withDefaults(spec, descriptor.recommended(), host);
        problems.addAll(SpecValidator.checkMinimum(resolved, descriptor));
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(problems);
        }

        DeviceSet devices = chooseDevices(profile, new VmContext(resolved, host, media));
        List<String> findings = new ArrayList<>(extraFindings);
        findings.addAll(belowRecommended(resolved, descriptor));
        devices.findings().stream().map(Finding::toString).forEach(findings::add);

        List<Volume> volumes = new ArrayList<>();
        Domain domain;
        try {
            for (DiskSpec disk : resolved.disks()) {
                volumes.add(disks.provide(resolved.name(), volumes.size(), disk));
            }
            FaultInjection.point(FaultInjection.VM_CREATE_DISKS_MADE);
            domain = target.define(new DomainDefinition(resolved, descriptor, devices, volumes));
        } catch (RuntimeException e) {
            if (!volumes.isEmpty() && definedAnyway(target, resolved.name(), e)) {
                throw e; // the definition may refer to the disks: they stay, and their creation records say so
            }
            for (Volume volume : volumes) {
                try {
                    target.remove(volume);
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
        LOG.log(System.Logger.Level.INFO, "created VM {0} from profile {1}", domain.name(), descriptor.id());
        return toInfo(domain, findings);
    }

    /**
     * Whether the VM exists although its creation failed: libvirt may have defined it and then
     * restarted before it answered. When that cannot be told, it may: a disk kept is repaired by
     * disk:orphans, a disk removed under a definition is lost.
     */
    private static boolean definedAnyway(VmCreator.Host target, String name, RuntimeException failure) {
        try {
            return target.hasVm(name);
        } catch (RuntimeException unknown) {
            failure.addSuppressed(unknown);
            return true;
        }
    }

    @Override
    public List<VmInfo> list() {
        return hypervisor.list().stream().map(d -> toInfo(d, List.of())).toList();
    }

    @Override
    public VmInfo info(String name) {
        return toInfo(require(name), List.of());
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
        List<String> problems = SpecValidator.checkDisk(disk);
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(problems);
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

    private DeviceSet chooseDevices(GuestProfile profile, VmContext context) {
        return new ProfileGuard(profiles instanceof ProfileFaults faults ? faults : ProfileFaults.DEFAULTS)
                .contribute(profile, profile.descriptor().id(), context);
    }

    /**
     * The spec with the profile's recommendation for every resource the user left out, but never
     * more than the host has.
     */
    static VmSpec withDefaults(VmSpec spec, Resources recommended, HostCapabilities host) {
        VmSpec.Builder b = spec.toBuilder();
        if (spec.memory().isEmpty()) {
            b.memory(recommended.memory().compareTo(host.memory()) <= 0 ? recommended.memory() : ByteSize.ofMiB(host.memory().mib()));
        }
        if (!spec.cpusGiven()) {
            b.cpus(Math.min(recommended.cpus(), host.cpus()));
        }
        return b.build();
    }

    static List<String> belowRecommended(VmSpec spec, ProfileDescriptor profile) {
        Resources recommended = profile.recommended();
        List<String> warnings = new ArrayList<>();
        ByteSize memory = spec.memory().orElseThrow();
        if (memory.compareTo(recommended.memory()) < 0) {
            warnings.add("warning: " + memory + " of memory is below the " + recommended.memory() + " recommended for " + profile.displayName());
        }
        if (spec.cpus() < recommended.cpus()) {
            warnings.add("warning: " + spec.cpus() + " CPUs are fewer than the " + recommended.cpus() + " recommended for " + profile.displayName());
        }
        return warnings;
    }

    private VmInfo toInfo(Domain domain, List<String> creationFindings) {
        boolean installed = !domain.profile().isEmpty() && profiles.find(domain.profile()).isPresent();
        List<String> findings = new ArrayList<>(creationFindings);
        if (!domain.profile().isEmpty() && !installed) {
            findings.add("warning: its profile '" + domain.profile() + "' is not installed on this host; the VM still runs");
        }
        return new VmInfo(domain.name(), domain.uuid(), domain.state(), domain.profile(), installed, domain.memory(), domain.cpus(),
                domain.disks(), findings);
    }

    private String installedProfiles() {
        List<String> ids = profiles.list().stream().map(ProfileDescriptor::id).toList();
        return ids.isEmpty() ? "none" : String.join(", ", ids);
    }
}
