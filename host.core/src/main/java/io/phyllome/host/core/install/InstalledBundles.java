package io.phyllome.host.core.install;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.wiring.BundleRevision;

import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.Profiles;
import io.phyllome.host.profile.ProvidesProfile;
import io.phyllome.host.vm.VmException;

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

    /**
     * Waits (at most {@code limit}) until every profile the active bundles declare is registered
     * or reported faulty: a started bundle's DS components register their services a moment later,
     * and a one-shot command that ran before would say "unknown profile".
     */
    void awaitProfilesOf(List<Bundle> started, Duration limit) {
        List<String> ids = started.stream().filter(b -> b.getState() == Bundle.ACTIVE).flatMap(b -> profilesOf(b).stream()).toList();
        long deadline = System.nanoTime() + limit.toNanos();
        // polling: Profiles offers no events, and this runs once per start on the restore thread
        while (!ids.stream().allMatch(id -> profiles.find(id).isPresent() || profiles.faults().containsKey(id)) && System.nanoTime() < deadline) {
            if (!pause()) {
                return;
            }
        }
    }

    /**
     * Whether the profiles a started bundle registers carry the ids its capability declares: the
     * resolver and profile:available go by the capability, the registry by the descriptor, so a
     * bundle where they differ would be listed under one id and run (or clash) under another. A
     * profile whose descriptor fails is a reason to refuse too.
     */
    Optional<String> idMismatch(Bundle bundle, Duration limit) {
        Set<String> declared = new TreeSet<>(profilesOf(bundle));
        long deadline = System.nanoTime() + limit.toNanos();
        List<ServiceReference<?>> registered = guestProfiles(bundle);
        while (registered.size() < declared.size() && System.nanoTime() < deadline && pause()) {
            registered = guestProfiles(bundle);
        }
        Set<String> described = new TreeSet<>();
        for (ServiceReference<?> ref : registered) {
            try {
                Object service = context.getService(ref);
                if (service instanceof GuestProfile profile) {
                    described.add(profile.descriptor().id());
                }
            } catch (RuntimeException | LinkageError e) {
                // a profile that cannot even describe itself (e.g. a data profile whose profile.json is invalid) never runs here
                return Optional.of("bundle " + bundle.getSymbolicName() + " " + bundle.getVersion() + ": the descriptor of its profile "
                        + ref.getProperty("component.name") + " fails: " + e);
            } finally {
                context.ungetService(ref);
            }
        }
        if (registered.isEmpty() || described.equals(declared)) {
            return Optional.empty();
        }
        return Optional.of("bundle " + bundle.getSymbolicName() + " " + bundle.getVersion() + " declares the profile ids " + declared
                + " (its @ProvidesProfile capability) but its profiles' descriptors say " + described
                + ": the two must be the same id; the vendor's build must fix one of them");
    }

    private static List<ServiceReference<?>> guestProfiles(Bundle bundle) {
        ServiceReference<?>[] refs = bundle.getRegisteredServices();
        return refs == null ? List.of() : Arrays.stream(refs)
                .filter(r -> Arrays.asList((String[]) r.getProperty(Constants.OBJECTCLASS)).contains(GuestProfile.class.getName())).toList();
    }

    private static boolean pause() {
        try {
            Thread.sleep(20);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Refuses to install a second bundle for an id that runs already, saying what would help instead. */
    void refuseSecond(String id, List<RepositoryIndex.IndexResource> offered, ProfileDirectory directory) {
        Optional<Bundle> present = bundleOf(id);
        if (present.isEmpty()) {
            return;
        }
        Bundle bundle = present.get();
        String what = "profile '" + id + "' is already installed (bundle " + bundle.getSymbolicName() + " " + bundle.getVersion() + ")";
        if (!directory.owns(bundle)) {
            throw new VmException(what + " and comes with the platform: a repository's bundle cannot replace it; profile:show " + id
                    + " shows it");
        }
        if (offered.stream().anyMatch(r -> r.symbolicName().equals(bundle.getSymbolicName()))) {
            throw new VmException(what + ": profile:update " + id + " installs the newest version that runs here");
        }
        throw new VmException(what + ", and the repositories offer it in another bundle: profile:uninstall " + id
                + " first, then profile:install " + id);
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

    /** Starts a profile's bundle again after a failed update stopped it; a failure to is added to {@code failure}. */
    static void startAgain(Bundle bundle, Exception failure) {
        try {
            if (bundle.getState() == Bundle.RESOLVED || bundle.getState() == Bundle.INSTALLED) {
                start(bundle);
            }
        } catch (BundleException | RuntimeException e) {
            failure.addSuppressed(e);
        }
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
