package io.phyllome.host.diagnostics;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Whether each installed profile could create a VM on this host, found by preparing one with the
 * recommended resources and creating nothing: what {@code host:check} reports per profile.
 */
@ProviderType
public interface ProfileDryRun {

    /**
     * One profile's outcome.
     *
     * @param profile      the profile id
     * @param problem      why it cannot create a VM here, naming the fix, or an empty string
     * @param warnings     what the user should know although it can (warnings, resources below the recommendation)
     * @param notes        informational findings
     * @param resources    the probe's resources, e.g. {@code 2G, 2 CPUs}
     * @param missingMedia whether the problem is only that media (e.g. an installer) are not in the library yet
     */
    record Outcome(String profile, String problem, List<String> warnings, List<String> notes, String resources, boolean missingMedia) {
    }

    /** The outcome of each installed profile that is not marked faulty, ordered by id. */
    List<Outcome> run();

    /** Whether the configuration lets profiles choose passthrough. */
    boolean passthroughAllowed();
}
