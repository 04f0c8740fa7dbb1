package io.phyllome.host.core.vms;

import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.phyllome.host.core.profiles.ProfileFaults;
import io.phyllome.host.core.profiles.ProfileGuard;
import io.phyllome.host.device.DeviceSet;
import io.phyllome.host.device.Finding;
import io.phyllome.host.diagnostics.ProfileDryRun;
import io.phyllome.host.hypervisor.Hypervisor;
import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.MissingMediaException;
import io.phyllome.host.profile.ProfileDescriptor;
import io.phyllome.host.profile.Profiles;
import io.phyllome.host.storage.MediaLibrary;
import io.phyllome.host.vm.DiskSpec;
import io.phyllome.host.vm.InvalidSpecException;
import io.phyllome.host.vm.VmException;
import io.phyllome.host.vm.VmSpec;

/**
 * Asks each installed profile for the devices of a VM as {@code vm:create PROFILE NAME} would
 * make it on this host (the recommended resources within what the host has, no options), through
 * the same {@link ProfileGuard}, and creates nothing: what {@code host:check} reports per profile.
 */
@Component(service = ProfileDryRun.class)
public class ProfileProbe implements ProfileDryRun {

    /** The VM name of the probe; never defined. */
    static final String PROBE = "host-check-probe";

    private final Hypervisor hypervisor;
    private final Profiles profiles;
    private final MediaLibrary media;

    @Activate
    public ProfileProbe(@Reference Hypervisor hypervisor, @Reference Profiles profiles, @Reference MediaLibrary media) {
        this.hypervisor = hypervisor;
        this.profiles = profiles;
        this.media = media;
    }

    @Override
    public List<Outcome> run() {
        HostCapabilities host = hypervisor.capabilities();
        List<Outcome> outcomes = new ArrayList<>();
        for (ProfileDescriptor descriptor : profiles.list()) {
            if (!profiles.faults().containsKey(descriptor.id())) {
                profiles.find(descriptor.id()).ifPresent(profile -> outcomes.add(probe(profile, descriptor, host)));
            }
        }
        return outcomes;
    }

    /** allowPassthrough in PID io.phyllome.host.profiles. */
    @Override
    public boolean passthroughAllowed() {
        return profiles instanceof ProfileFaults faults && faults.passthroughAllowed();
    }

    private Outcome probe(GuestProfile profile, ProfileDescriptor descriptor, HostCapabilities host) {
        VmSpec spec = VmCreation.withDefaults(VmSpec.builder(descriptor.id(), PROBE).disk(DiskSpec.of(descriptor.recommended().disk())).build(),
                descriptor.recommended(), host);
        String resources = spec.memory().orElseThrow() + ", " + spec.cpus() + " CPUs";
        List<String> minimum = SpecValidator.checkMinimum(spec, descriptor).stream().map(InvalidSpecException.Problem::message).toList();
        if (!minimum.isEmpty()) {
            return new Outcome(descriptor.id(), String.join("; ", minimum), List.of(), List.of(), resources, false);
        }
        try {
            DeviceSet devices = VmCreation.chooseDevices(profiles, profile, descriptor.id(), spec, host, media);
            List<String> warnings = new ArrayList<>(VmCreation.belowRecommended(spec, descriptor));
            List<String> notes = new ArrayList<>();
            for (Finding finding : devices.findings()) {
                (finding.severity() == Finding.Severity.WARNING ? warnings : notes).add(finding.message());
            }
            return new Outcome(descriptor.id(), "", warnings, notes, resources, false);
        } catch (VmException e) {
            return new Outcome(descriptor.id(), e.getMessage(), List.of(), List.of(), resources, e instanceof MissingMediaException);
        }
    }
}
