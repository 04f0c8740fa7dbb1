package io.phyllome.host.core.install;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Version;
import org.osgi.resource.Capability;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.resolver.Resolver;

import io.phyllome.host.core.faults.FaultInjection;
import io.phyllome.host.core.locks.StateLocks;
import io.phyllome.host.platform.StateDirectory;
import io.phyllome.host.profile.Profiles;
import io.phyllome.host.profile.ProvidesProfile;
import io.phyllome.host.repository.ProfileRepository;
import io.phyllome.host.vm.VmException;

/**
 * Installs, updates and uninstalls profile bundles from OSGi repository indexes
 * ({@link IndexResolution}) into {@code STATE/profiles} ({@link ProfileDirectory}), one change at a
 * time across the platform's processes; {@link InstalledBundles} knows which running bundle
 * provides a profile. Only bundles installed this way can be updated or uninstalled.
 */
@Component(service = ProfileRepository.class, configurationPid = ProfileInstaller.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ProfileInstaller.Config.class)
public class ProfileInstaller implements ProfileRepository {

    public static final String PID = "io.phyllome.host.profiles.install";
    /** Framework property: repository index URLs or paths, separated by commas; used when the configuration gives none. */
    public static final String REPOSITORIES_PROPERTY = "phyllome.profile.repositories";

    @ObjectClassDefinition(name = "Phyllome profile repositories", description = "Where profile:available and profile:install find profile bundles.")
    public @interface Config {
        @AttributeDefinition(description = "OSGi repository indexes (index.xml or index.xml.gz): file: or http(s): URLs, or paths")
        String[] repositories() default {};
    }

    /** How long a start waits for the restored bundles' profiles to register. */
    private static final Duration PROFILES_REGISTERED = Duration.ofSeconds(15);

    private final BundleContext context;
    private final Resolver resolver;
    private final ProfileDirectory directory;
    private final InstalledBundles bundles;
    private final StateLocks locks;
    private volatile IndexResolution indexes;
    // restore off the activating thread: starting bundles inside activate would hold SCR up (and may
    // wait for this very component); an executor the component owns is ended in deactivate
    private final ExecutorService restorer = Executors.newSingleThreadExecutor(r -> new Thread(r, "phyllome-profile-restore"));
    private final Future<?> restored;

    @Activate
    public ProfileInstaller(BundleContext context, Config config, @Reference Resolver resolver, @Reference Profiles profiles) {
        this.context = context;
        this.resolver = resolver;
        Path state = StateDirectory.resolve(context::getProperty);
        this.directory = new ProfileDirectory(context, state.resolve("profiles"));
        this.bundles = new InstalledBundles(context, profiles);
        this.locks = StateLocks.in(state);
        modified(config);
        restored = restorer.submit(() -> bundles.awaitProfilesOf(directory.restore(), PROFILES_REGISTERED));
    }

    @Modified
    void modified(Config config) {
        List<String> entries = new ArrayList<>(Arrays.asList(config.repositories()));
        if (entries.isEmpty()) {
            String property = context.getProperty(REPOSITORIES_PROPERTY);
            if (property != null) {
                entries.addAll(Arrays.asList(property.split("[,\\s]+")));
            }
        }
        List<URI> repositories = entries.stream().map(String::trim).filter(s -> !s.isEmpty()).map(ProfileInstaller::toUri).toList();
        indexes = new IndexResolution(context, resolver, repositories);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        restorer.shutdown();
        restorer.awaitTermination(ProfileDirectory.REFRESH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    static URI toUri(String entry) {
        if (entry.matches("(?i)(file|https?|jar):.*")) {
            return URI.create(entry);
        }
        return Path.of(entry).toAbsolutePath().toUri();
    }

    /** Waits (a while) until the bundles installed earlier have been installed and started again. */
    @Override
    public void awaitRestored() {
        try {
            restored.get(ProfileDirectory.REFRESH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // restore logs its own problems; a slow one must not hold the commands up for ever
        }
    }

    @Override
    public List<URI> repositories() {
        return indexes.repositories();
    }

    /** What the configured repositories offer, newest versions first. */
    @Override
    public Catalog available() {
        awaitRestored();
        List<Available> result = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (RepositoryIndex index : indexes.read(problems)) {
            for (RepositoryIndex.IndexResource resource : index.resources()) {
                for (Capability capability : resource.getCapabilities(ProvidesProfile.NAMESPACE)) {
                    String id = String.valueOf(capability.getAttributes().get(ProvidesProfile.NAMESPACE));
                    Optional<Bundle> installed = bundles.withSymbolicName(resource.symbolicName());
                    result.add(new Available(id, String.valueOf(capability.getAttributes().getOrDefault(ProvidesProfile.FAMILY, "")).toLowerCase(Locale.ROOT),
                            resource.symbolicName(), resource.version(), index.location(), installed.map(Bundle::getVersion),
                            installed.isPresent() && !directory.owns(installed.get())));
                }
            }
        }
        result.sort(Comparator.comparing(Available::profile).thenComparing(Available::version, Comparator.reverseOrder()));
        return new Catalog(result, problems);
    }

    @Override
    public Optional<String> cannotRun(Available offer) {
        List<RepositoryIndex.IndexResource> all = indexes.allResources();
        return all.stream().filter(r -> r.symbolicName().equals(offer.bundle()) && r.version().equals(offer.version())).findFirst()
                .flatMap(r -> indexes.whyNot(offer.profile(), r, all));
    }

    /** Installs the newest bundle that provides profile {@code id} ({@code ID@VERSION}: that version) and resolves, and starts it. */
    @Override
    public String install(String request) {
        awaitRestored();
        ProfileRequest wanted = ProfileRequest.parse(request);
        String id = wanted.id();
        try (StateLocks.Held changing = changingProfiles()) {
            IndexResolution resolution = indexes;
            List<RepositoryIndex.IndexResource> all = resolution.allResources();
            List<RepositoryIndex.IndexResource> offered = all.stream().filter(r -> IndexResolution.provides(r, id))
                    .sorted(Comparator.comparing(RepositoryIndex.IndexResource::version).reversed()).toList();
            bundles.refuseSecond(id, offered, directory);
            List<RepositoryIndex.IndexResource> candidates = offered.stream().filter(r -> wanted.accepts(r.version())).toList();
            if (candidates.isEmpty()) {
                throw new VmException("no repository offers profile '" + id + "'" + wanted.atVersion()
                        + ": profile:available lists what " + resolution.describeRepositories() + " offer");
            }
            IndexResolution.Resolved resolved = resolution.firstResolvable(id, candidates, all, Set.of());
            RepositoryIndex.IndexResource chosen = resolved.chosen();
            List<Bundle> installed = new ArrayList<>();
            try {
                for (RepositoryIndex.IndexResource resource : resolved.needed()) {
                    Path jar = directory.download(resource, directory.jarOf(resource.symbolicName()));
                    FaultInjection.point(FaultInjection.PROFILE_INSTALL_STORED); // complete and verified: the next start installs it
                    installed.add(directory.install(jar));
                }
                for (Bundle bundle : installed) {
                    InstalledBundles.start(bundle);
                }
                Optional<String> mismatch = bundles.idMismatch(installed.get(0), PROFILES_REGISTERED);
                if (mismatch.isPresent()) {
                    throw new VmException("refused: " + mismatch.get());
                }
            } catch (BundleException | IOException | RuntimeException e) {
                installed.forEach(directory::remove);
                throw new VmException("cannot install profile '" + id + "' from " + chosen + ": " + e.getMessage(), e);
            }
            StringBuilder out = new StringBuilder("installed profile '" + id + "': " + chosen.symbolicName() + " " + chosen.version());
            if (chosen != candidates.get(0)) {
                out.append(" (").append(candidates.get(0).version()).append(" cannot run on this platform)");
            }
            resolved.needed().stream().filter(r -> r != chosen).forEach(r -> out.append("\nalso installed what it needs: ").append(r));
            return out.toString();
        }
    }

    /** Replaces the bundle of profile {@code id} by the newest version the repositories offer. */
    @Override
    public String update(String id) {
        awaitRestored();
        try (StateLocks.Held changing = changingProfiles()) {
            Bundle bundle = ownedBundleOf(id, "updated");
            IndexResolution resolution = indexes;
            List<RepositoryIndex.IndexResource> all = resolution.allResources();
            Version current = bundle.getVersion();
            List<RepositoryIndex.IndexResource> newer = all.stream()
                    .filter(r -> r.symbolicName().equals(bundle.getSymbolicName()) && r.version().compareTo(current) > 0)
                    .sorted(Comparator.comparing(RepositoryIndex.IndexResource::version).reversed()).toList();
            if (newer.isEmpty()) {
                boolean offered = all.stream().anyMatch(r -> r.symbolicName().equals(bundle.getSymbolicName()));
                return "profile '" + id + "' is up to date: " + bundle.getSymbolicName() + " " + current + (offered ? "" : " (no repository offers it)");
            }
            IndexResolution.Resolved resolved;
            try {
                resolved = resolution.firstResolvable(id, newer, all, Set.of(bundle));
            } catch (VmException e) {
                return "profile '" + id + "' is up to date for this platform: " + bundle.getSymbolicName() + " " + current
                        + " (the newer ones cannot run here: " + e.getMessage() + ")";
            }
            RepositoryIndex.IndexResource newest = resolved.chosen();
            List<RepositoryIndex.IndexResource> needed = resolved.needed();
            List<Bundle> extra = new ArrayList<>();
            Path jar = directory.jarOf(bundle.getSymbolicName());
            Path next = jar.resolveSibling(jar.getFileName() + ".next");
            try {
                for (RepositoryIndex.IndexResource resource : needed) {
                    if (resource != newest) {
                        extra.add(directory.install(directory.download(resource, directory.jarOf(resource.symbolicName()))));
                    }
                }
                directory.download(newest, next);
                // stopped first, started below: Felix's own restart inside update() fails in a one-shot
                // process ("start level is 3, which is greater than the framework's start level of 1")
                bundle.stop(Bundle.STOP_TRANSIENT);
                try (InputStream in = Files.newInputStream(next)) {
                    bundle.update(in);
                }
                ProfileDirectory.move(next, jar);
                directory.refresh(List.of(bundle));
                for (Bundle b : extra) {
                    InstalledBundles.start(b);
                }
                if (bundle.getState() != Bundle.ACTIVE) {
                    bundle.start();
                }
            } catch (BundleException | IOException | RuntimeException e) {
                extra.forEach(directory::remove);
                InstalledBundles.startAgain(bundle, e);
                try {
                    Files.deleteIfExists(next);
                } catch (IOException ignored) {
                    // best effort
                }
                throw new VmException("cannot update profile '" + id + "' to " + newest + ": " + e.getMessage(), e);
            }
            return "updated profile '" + id + "': " + bundle.getSymbolicName() + " " + current + " -> " + bundle.getVersion();
        }
    }

    /** Stops and removes the bundle of profile {@code id} (with every profile it provides). */
    @Override
    public String uninstall(String id) {
        awaitRestored();
        try (StateLocks.Held changing = changingProfiles()) {
            Bundle bundle = ownedBundleOf(id, "uninstalled");
            String what = bundle.getSymbolicName() + " " + bundle.getVersion();
            List<String> others = InstalledBundles.profilesOf(bundle).stream().filter(p -> !p.equals(id)).toList();
            directory.remove(bundle);
            return "uninstalled profile '" + id + "': " + what + (others.isEmpty() ? "" : "; it also provided " + String.join(", ", others));
        }
    }

    private StateLocks.Held changingProfiles() {
        return locks.acquire("profiles", "installing, updating or removing profiles in " + directory.path());
    }

    private Bundle ownedBundleOf(String id, String verb) {
        Bundle bundle = bundles.bundleOf(id).orElseThrow(() -> new VmException("profile '" + id + "' is not installed: profile:list shows the installed ones"));
        if (!directory.owns(bundle)) {
            throw new VmException("profile '" + id + "' comes with the platform (bundle " + bundle.getSymbolicName()
                    + ") and cannot be " + verb + " here: only profiles installed with profile:install can be");
        }
        return bundle;
    }
}
