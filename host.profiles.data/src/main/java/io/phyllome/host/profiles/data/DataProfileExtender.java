package io.phyllome.host.profiles.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.BundleTracker;

import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.ProvidesProfile;

/**
 * The extender of data profiles: every active bundle wired to this bundle's extender capability
 * gets its {@code profile.json} registered as a {@link GuestProfile}, in that bundle's name, so
 * the registry, the guard and the installer treat it as a coded profile of that bundle (its id
 * checked against the bundle's {@code io.phyllome.profile} capability, its faults recorded under
 * its version). An invalid file registers a {@link FaultyDataProfile} carrying the reason.
 */
@Component(service = {})
@Capability(namespace = DataProfileExtender.NAMESPACE, name = DataProfileExtender.EXTENDER, version = DataProfileExtender.VERSION)
public class DataProfileExtender {

    /** The OSGi extender namespace (osgi.extender). */
    public static final String NAMESPACE = "osgi.extender";
    /** The extender's name: a data profile bundle requires {@code osgi.extender=io.phyllome.host.profile.data}. */
    public static final String EXTENDER = "io.phyllome.host.profile.data";
    public static final String VERSION = "1.0.0";
    /** Where a data profile bundle keeps its profile. */
    public static final String PROFILE_JSON = "profile.json";

    private final Bundle self;
    /** The registration of each extended bundle, so that a bundle never has two (see registerOnce). */
    private final Map<Long, ServiceRegistration<GuestProfile>> live = new ConcurrentHashMap<>();
    private final BundleTracker<ServiceRegistration<GuestProfile>> tracker;

    @Activate
    public DataProfileExtender(BundleContext context) {
        this.self = context.getBundle();
        this.tracker = new BundleTracker<>(context, Bundle.ACTIVE, null) {
            @Override
            public ServiceRegistration<GuestProfile> addingBundle(Bundle bundle, BundleEvent event) {
                return isExtended(bundle) ? registerOnce(bundle) : null;
            }

            @Override
            public void removedBundle(Bundle bundle, BundleEvent event, ServiceRegistration<GuestProfile> registration) {
                live.remove(bundle.getBundleId(), registration);
                unregister(registration);
            }
        };
        tracker.open();
    }

    @Deactivate
    void deactivate() {
        tracker.close();
    }

    /** Whether the bundle's extender requirement is wired to this bundle (not to another extender of the same name). */
    private boolean isExtended(Bundle bundle) {
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        if (wiring == null) {
            return false;
        }
        List<BundleWire> wires = wiring.getRequiredWires(DataProfileExtender.NAMESPACE);
        return wires != null && wires.stream().anyMatch(w -> w.getProvider().getBundle().equals(self)
                && EXTENDER.equals(w.getCapability().getAttributes().get(DataProfileExtender.NAMESPACE)));
    }

    /**
     * Registers the bundle's profile, replacing a registration it still has: when the installer's
     * start of a new bundle races with the framework's start-level thread, the bundle is stopped
     * and started again while its first registration is still being made, and the tracker adds
     * it twice before it reports the first removal.
     */
    private synchronized ServiceRegistration<GuestProfile> registerOnce(Bundle bundle) {
        ServiceRegistration<GuestProfile> previous = live.remove(bundle.getBundleId());
        if (previous != null) {
            unregister(previous);
        }
        ServiceRegistration<GuestProfile> registration = register(bundle);
        if (registration != null) {
            live.put(bundle.getBundleId(), registration);
        }
        return registration;
    }

    private static void unregister(ServiceRegistration<GuestProfile> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework unregisters a stopping bundle's services itself
        }
    }

    private static ServiceRegistration<GuestProfile> register(Bundle bundle) {
        String where = PROFILE_JSON + " of bundle " + bundle.getSymbolicName() + " " + bundle.getVersion();
        GuestProfile profile;
        String id;
        try {
            ProfileDocument document = ProfileJson.read(where, read(bundle, where));
            profile = new DataProfile(document);
            id = document.id();
        } catch (RuntimeException e) {
            // the registry reports it (FAULTY, with this reason), and profile:install refuses the bundle with it
            profile = new FaultyDataProfile(e instanceof InvalidProfileJson ? e : new InvalidProfileJson(where, List.of(String.valueOf(e.getMessage()))));
            id = declaredId(bundle);
        }
        Hashtable<String, Object> properties = new Hashtable<>();
        // the registry names a profile whose descriptor fails (and a duplicate id's newcomer) by this
        // property: the bundle and the id, never the bare id, which would blame the profile that owns it
        properties.put("component.name", bundle.getSymbolicName() + "/" + id);
        properties.put("phyllome.profile.source", PROFILE_JSON);
        BundleContext context = bundle.getBundleContext();
        return context == null ? null : context.registerService(GuestProfile.class, profile, properties);
    }

    private static byte[] read(Bundle bundle, String where) {
        URL entry = bundle.getEntry(PROFILE_JSON);
        if (entry == null) {
            throw new InvalidProfileJson(where, List.of("the bundle requires the data-profile extender but has no " + PROFILE_JSON + " at its root"));
        }
        try (InputStream in = entry.openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new InvalidProfileJson(where, List.of("cannot be read: " + e.getMessage()));
        }
    }

    /** The id the bundle's capability declares, for a profile whose own file cannot tell it. */
    private static String declaredId(Bundle bundle) {
        return bundle.adapt(org.osgi.framework.wiring.BundleRevision.class).getDeclaredCapabilities(ProvidesProfile.NAMESPACE).stream()
                .map(c -> String.valueOf(c.getAttributes().get(ProvidesProfile.NAMESPACE))).findFirst()
                .orElse(bundle.getSymbolicName() + "/" + PROFILE_JSON);
    }
}
