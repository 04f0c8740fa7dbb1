package io.phyllome.host.core.vms;

import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.phyllome.host.core.faults.FaultInjection;
import io.phyllome.host.core.locks.StateLocks;
import io.phyllome.host.core.profiles.ProfileFaults;
import io.phyllome.host.core.profiles.ProfileGuard;
import io.phyllome.host.core.transfer.VmCreator.DiskSource;
import io.phyllome.host.core.transfer.VmCreator;
import io.phyllome.host.device.DeviceSet;
import io.phyllome.host.device.Finding;
import io.phyllome.host.hypervisor.Domain;
import io.phyllome.host.hypervisor.DomainDefinition;
import io.phyllome.host.hypervisor.Hypervisor;
import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.platform.StateDirectory;
import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.ProfileContext;
import io.phyllome.host.profile.ProfileDescriptor;
import io.phyllome.host.profile.Profiles;
import io.phyllome.host.profile.Resources;
import io.phyllome.host.storage.MediaFile;
import io.phyllome.host.storage.MediaLibrary;
import io.phyllome.host.storage.Storage;
import io.phyllome.host.storage.Volume;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.DiskSpec;
import io.phyllome.host.vm.InvalidSpecException.Problem;
import io.phyllome.host.vm.InvalidSpecException;
import io.phyllome.host.vm.VmException;
import io.phyllome.host.vm.VmInfo;
import io.phyllome.host.vm.VmPortability;
import io.phyllome.host.vm.VmSpec;

/**
 * Creates VMs: validates a spec, lets its profile choose the devices through the
 * {@link ProfileGuard}, provisions the disks and defines the domain, undoing every step of a
 * creation that fails. {@code vm:create} comes here through {@link VmService}, and the transfers
 * (import, migrate) with disks of their own.
 */
@Component(service = VmCreator.class)
public class VmCreation implements VmCreator {

    private static final System.Logger LOG = System.getLogger(VmCreation.class.getName());

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
    public VmCreation(@Reference Hypervisor hypervisor, @Reference Storage storage, @Reference Profiles profiles,
            @Reference MediaLibrary media, BundleContext context) {
        this(hypervisor, storage, profiles, media, StateLocks.in(StateDirectory.resolve(context::getProperty)));
    }

    /** Without the framework: the unit tests, and the vendor test kit (host.api.testing), which creates on a synthetic host. */
    public VmCreation(Hypervisor hypervisor, Storage storage, Profiles profiles, MediaLibrary media, StateLocks locks) {
        this.hypervisor = hypervisor;
        this.storage = storage;
        this.profiles = profiles;
        this.media = media;
        this.locks = locks;
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
        List<Problem> problems = new ArrayList<>(SpecValidator.checkRequest(spec, host));
        GuestProfile profile = profiles.find(spec.profile()).orElse(null);
        if (profile == null) {
            problems.add(new Problem("profile", "unknown profile '" + spec.profile() + "': the installed profiles are " + installedProfiles()
                    + " (see profile:list); profile:available lists what the repositories offer, and profile:install " + spec.profile()
                    + " installs it from there"));
        }
        if (!problems.isEmpty()) {
            throw InvalidSpecException.of(problems);
        }
        // from the name's check to its definition: of two creations of one name, the second sees the first's VM
        try (StateLocks.Held creating = locks.acquire("vm-" + spec.name(), "creating VM '" + spec.name() + "'")) {
            if (target.hasVm(spec.name())) {
                throw InvalidSpecException.of(List.of(new Problem("name", "a VM named '" + spec.name()
                        + "' already exists: choose another name, or delete it with vm:delete " + spec.name())));
            }
            return createNew(target, spec, profile, host, disks, extraFindings);
        }
    }

    private VmInfo createNew(VmCreator.Host target, VmSpec spec, GuestProfile profile, HostCapabilities host, DiskSource disks,
            List<String> extraFindings) {
        List<Problem> problems = new ArrayList<>();
        ProfileDescriptor descriptor = profile.descriptor();
        for (String option : spec.options().keySet()) {
            if (!profile.options().containsKey(option)) {
                problems.add(new Problem(Problem.option(option), "profile '" + descriptor.id() + "' has no option '" + option + "'"
                        + (profile.options().isEmpty() ? "" : ": it understands " + String.join(", ", new java.util.TreeSet<>(profile.options().keySet())))));
            }
        }
        VmSpec resolved = withDefaults(spec, descriptor.recommended(), host);
        problems.addAll(SpecValidator.checkMinimum(resolved, descriptor));
        if (!problems.isEmpty()) {
            throw InvalidSpecException.of(problems);
        }

        DeviceSet devices = chooseDevices(profiles, profile, descriptor.id(), resolved, host, media);
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
        return VmService.toInfo(domain, findings, profiles);
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

    /** The devices {@code profile} chooses for {@code spec} on {@code host}, under its guard: as a creation does, so does a dry run. */
    static DeviceSet chooseDevices(Profiles profiles, GuestProfile profile, String id, VmSpec spec, HostCapabilities host, MediaLibrary media) {
        return new ProfileGuard(profiles instanceof ProfileFaults faults ? faults : ProfileFaults.DEFAULTS)
                .contribute(profile, id, ProfileContext.of(spec, host, name -> media.find(name).map(MediaFile::path)));
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

    private String installedProfiles() {
        List<String> ids = profiles.list().stream().map(ProfileDescriptor::id).toList();
        return ids.isEmpty() ? "none" : String.join(", ", ids);
    }
}
