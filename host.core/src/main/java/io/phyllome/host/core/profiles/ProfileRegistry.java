package io.phyllome.host.core.profiles;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.phyllome.host.platform.StateDirectory;
import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.ProfileDescriptor;
import io.phyllome.host.profile.Profiles;

/**
 * Tracks the {@link GuestProfile} services of active profile bundles, and which of them
 * misbehaved. A profile whose {@code descriptor()} fails is never listed, only reported.
 */
@Component(configurationPid = ProfileRegistry.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ProfileRegistry.Config.class)
public class ProfileRegistry implements Profiles, ProfileFaults {

    public static final String PID = "io.phyllome.host.profiles";
    private static final System.Logger LOG = System.getLogger(ProfileRegistry.class.getName());

    @ObjectClassDefinition(name = "Phyllome guest profiles", description = "How the host runs guest profiles.")
    public @interface Config {
        @AttributeDefinition(description = "Seconds a profile may take to choose a VM's devices before it is reported faulty")
        long contributeTimeoutSeconds() default 30;

        @AttributeDefinition(description = "Whether profiles may choose host passthrough (host-passthrough CPU), which ties VMs to this host")
        boolean allowPassthrough() default false;
    }

    private final Map<String, GuestProfile> byId = new ConcurrentHashMap<>();
    private final Map<String, String> faults = new ConcurrentHashMap<>();
    private final Map<String, Claim> claims = new ConcurrentHashMap<>();
    /** Faults kept across processes; none outside a framework (unit tests). */
    private volatile RecordedFaults recorded;
    private volatile BundleContext context;
    private volatile Duration timeout = DEFAULT_TIMEOUT;
    private volatile boolean passthrough;

    public ProfileRegistry() {
    }

    @Activate
    void activate(Config config, BundleContext context) {
        this.context = context;
        recorded = new RecordedFaults(StateDirectory.resolve(context::getProperty).resolve("profile-faults"));
        configure(config);
    }

    @Modified
    void configure(Config config) {
        timeout = Duration.ofSeconds(Math.max(1, config.contributeTimeoutSeconds()));
        passthrough = config.allowPassthrough();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addProfile(GuestProfile profile, Map<String, Object> properties) {
        String id;
        try {
            id = profile.descriptor().id();
        } catch (RuntimeException | LinkageError e) {
            String name = String.valueOf(properties.getOrDefault("component.name", profile.getClass().getName()));
            faulty(name, "its descriptor failed: " + e);
            return;
        }
        Claim claim = new Claim(profile, bundleId(properties), String.valueOf(properties.getOrDefault("component.name", profile.getClass().getName())));
        Claim earlier = claims.putIfAbsent(id, claim);
        if (earlier == null) {
            byId.put(id, profile);
            Optional<String> known = recorded == null ? Optional.empty() : recorded.of(id, bundleOf(id));
            known.ifPresentOrElse(reason -> faults.put(id, reason), () -> faults.remove(id));
            return;
        }
        // the bundle installed later is the newcomer, whichever registers first: a built-in is never blamed
        Claim newcomer = earlier.bundle() < claim.bundle() ? claim : earlier;
        Claim kept = newcomer == claim ? earlier : claim;
        claims.put(id, kept);
        byId.put(id, kept.profile());
        faulty(newcomer.component(), "declares the id '" + id + "', which " + kept.component() + " (bundle " + kept.bundle()
                + ") already provides; it was ignored: a profile id must be unique");
    }

    /** Who registered a profile id: the bundle installed earlier keeps it. */
    private record Claim(GuestProfile profile, long bundle, String component) {
    }

    private static long bundleId(Map<String, Object> properties) {
        return properties.get("service.bundleid") instanceof Long id ? id : Long.MAX_VALUE;
    }

    void removeProfile(GuestProfile profile, Map<String, Object> properties) {
        faults.remove(String.valueOf(properties.get("component.name")));
        byId.entrySet().removeIf(e -> {
            if (e.getValue() == profile) {
                faults.remove(e.getKey());
                claims.remove(e.getKey());
                return true;
            }
            return false;
        });
    }

    @Override
    public List<ProfileDescriptor> list() {
        return byId.values().stream().map(GuestProfile::descriptor).sorted(Comparator.comparing(ProfileDescriptor::id)).toList();
    }

    @Override
    public Optional<GuestProfile> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public Map<String, String> faults() {
        return new TreeMap<>(faults);
    }

    @Override
    public void faulty(String id, String reason) {
        String bundle = bundleOf(id);
        String text = bundle.isEmpty() ? reason : reason + " (bundle " + bundle + ")";
        LOG.log(System.Logger.Level.WARNING, "profile {0} is faulty: it {1}", id, text);
        faults.put(id, text);
        if (recorded != null && !bundle.isEmpty()) {
            recorded.record(id, bundle, text);
        }
    }

    @Override
    public Optional<String> faultOf(String id) {
        return Optional.ofNullable(faults.get(id));
    }

    /**
     * The symbolic name and version of the bundle that registered profile {@code id}; empty when
     * none is registered or outside a framework. The registering bundle, not the class's: a data
     * profile's class is the extender's, but its bundle (and version) is the one with profile.json.
     */
    private String bundleOf(String id) {
        Claim claim = claims.get(id);
        if (claim == null) {
            return "";
        }
        BundleContext framework = context;
        Bundle bundle = framework != null && claim.bundle() != Long.MAX_VALUE ? framework.getBundle(claim.bundle()) : null;
        if (bundle == null) {
            bundle = FrameworkUtil.getBundle(claim.profile().getClass());
        }
        return bundle == null ? "" : bundle.getSymbolicName() + " " + bundle.getVersion();
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    @Override
    public boolean passthroughAllowed() {
        return passthrough;
    }
}
