package io.phyllome.host.core.identity;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.hypervisor.Hypervisor;
import io.phyllome.host.platform.HostFingerprint;
import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.ProfileDescriptor;
import io.phyllome.host.profile.Profiles;

/** This host's fingerprint, computed on each call from the running bundles, profiles and hypervisor. */
@Component
public class FingerprintService implements HostFingerprint {

    private final Hypervisor hypervisor;
    private final Profiles profiles;
    private final BundleContext context;

    @Activate
    public FingerprintService(@Reference Hypervisor hypervisor, @Reference Profiles profiles, BundleContext context) {
        this.hypervisor = hypervisor;
        this.profiles = profiles;
        this.context = context;
    }

    @Override
    public Map<String, String> components() {
        return Fingerprint.components(context.getBundle().getVersion().toString(), bundles(), installedProfiles(), hypervisor.capabilities());
    }

    @Override
    public String digest() {
        return HostFingerprint.digest(components());
    }

    @Override
    public List<String> compare(Map<String, String> other) {
        return Fingerprint.compare(components(), other);
    }

    @Override
    public List<String> compareTarget(HostCapabilities target) {
        String platform = context.getBundle().getVersion().toString();
        SortedMap<String, String> bundles = bundles();
        SortedMap<String, String> installed = installedProfiles();
        return Fingerprint.compare(Fingerprint.components(platform, bundles, installed, target),
                Fingerprint.components(platform, bundles, installed, hypervisor.capabilities()), "the target host", "this host");
    }

    /**
     * The installed bundles, several versions of one comma-separated. Installed, not active: a
     * bundle of a later start level (the shell) would otherwise come and go with the moment.
     */
    private SortedMap<String, String> bundles() {
        SortedMap<String, TreeSet<String>> versions = new TreeMap<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getSymbolicName() != null && bundle.getState() != Bundle.UNINSTALLED) {
                versions.computeIfAbsent(bundle.getSymbolicName(), k -> new TreeSet<>()).add(bundle.getVersion().toString());
            }
        }
        SortedMap<String, String> result = new TreeMap<>();
        versions.forEach((bsn, v) -> result.put(bsn, String.join(",", v)));
        return result;
    }

    /** Each profile's bundle and version, by profile id. */
    private SortedMap<String, String> installedProfiles() {
        SortedMap<String, String> result = new TreeMap<>();
        for (ProfileDescriptor descriptor : profiles.list()) {
            Bundle bundle = profiles.find(descriptor.id()).map(GuestProfile::getClass).map(FrameworkUtil::getBundle).orElse(null);
            result.put(descriptor.id(), bundle == null ? "unknown" : bundle.getSymbolicName() + " " + bundle.getVersion());
        }
        return result;
    }
}
