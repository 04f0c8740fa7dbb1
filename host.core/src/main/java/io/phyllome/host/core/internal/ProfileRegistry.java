package io.phyllome.host.core.internal;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

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

    static final String PID = "io.phyllome.host.profiles";
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
    private volatile Duration timeout = DEFAULT_TIMEOUT;
    private volatile boolean passthrough;

    public ProfileRegistry() {
    }

    @Activate
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
        faults.remove(id);
        if (byId.putIfAbsent(id, profile) != null) {
            faulty(id, "a second profile with this id (" + properties.get("component.name") + ") was ignored");
        }
    }

    void removeProfile(GuestProfile profile, Map<String, Object> properties) {
        faults.remove(String.valueOf(properties.get("component.name")));
        byId.entrySet().removeIf(e -> {
            if (e.getValue() == profile) {
                faults.remove(e.getKey());
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
        LOG.log(System.Logger.Level.WARNING, "profile {0} is faulty: it {1}", id, reason);
        faults.put(id, reason);
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
