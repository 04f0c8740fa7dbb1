package io.phyllome.host.core.install;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.wiring.BundleRevision;

import io.phyllome.host.profile.Profiles;
import io.phyllome.host.profile.ProvidesProfile;

/** The bundles running in the framework, seen as profile providers. */
final class InstalledBundles {

    private final BundleContext context;
    private final Profiles profiles;

    InstalledBundles(BundleContext context, Profiles profiles) {
        this.context = context;
        this.profiles = profiles;
    }

    /** The bundle that provides profile {@code id}: by its capability, or by the bundle of the registered profile. */
    Optional<Bundle> bundleOf(String id) {
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getState() != Bundle.UNINSTALLED && profilesOf(bundle).contains(id)) {
                return Optional.of(bundle);
            }
        }
        return profiles.find(id).map(p -> FrameworkUtil.getBundle(p.getClass())).filter(Objects::nonNull);
    }

    Optional<Bundle> withSymbolicName(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName()) && b.getState() != Bundle.UNINSTALLED)
                .findFirst();
    }

    /** The profiles a bundle declares (its io.phyllome.profile capabilities). */
    static List<String> profilesOf(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision == null) {
            return List.of();
        }
        return revision.getDeclaredCapabilities(ProvidesProfile.NAMESPACE).stream()
                .map(c -> String.valueOf(c.getAttributes().get(ProvidesProfile.NAMESPACE))).toList();
    }

    /** Starts the bundle unless it is a fragment (which cannot be started). */
    static void start(Bundle bundle) throws BundleException {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        boolean fragment = revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
        if (!fragment) {
            bundle.start();
        }
    }
}
