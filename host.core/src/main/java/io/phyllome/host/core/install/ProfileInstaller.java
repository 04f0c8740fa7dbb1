package io.phyllome.host.core.install;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.resource.Capability;
import org.osgi.resource.Resource;
import org.osgi.resource.Wire;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.resolver.ResolutionException;
import org.osgi.service.resolver.Resolver;

import io.phyllome.host.core.faults.FaultInjection;
import io.phyllome.host.core.locks.StateLocks;
import io.phyllome.host.platform.StateDirectory;
import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.Profiles;
import io.phyllome.host.profile.ProvidesProfile;
import io.phyllome.host.repository.ProfileRepository;
import io.phyllome.host.vm.VmException;

/**
 * Installs, updates and uninstalls profile bundles from OSGi repository indexes. The framework's
 * own resolver ({@link Resolver}, registered by Felix) decides what a profile bundle needs from the
 * indexes besides what already runs; the bundles go to {@code STATE/profiles} and are installed
 * from there again when the platform starts, so they survive a restart without touching the
 * platform's read-only jar. Only bundles installed this way can be updated or uninstalled.
 */
@Component(service = ProfileRepository.class, configurationPid = ProfileInstaller.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ProfileInstaller.Config.class)
public class ProfileInstaller implements ProfileRepository {

    public static final String PID = "io.phyllome.host.profiles.install";
    /** Framework property: repository index URLs or paths, separated by commas; used when the configuration gives none. */
    public static final String REPOSITORIES_PROPERTY = "phyllome.profile.repositories";

    private static final System.Logger LOG = System.getLogger(ProfileInstaller.class.getName());
    private static final Duration REFRESH_TIMEOUT = Duration.ofSeconds(30);

    @ObjectClassDefinition(name = "Phyllome profile repositories", description = "Where profile:available and profile:install find profile bundles.")
    public @interface Config {
        @AttributeDefinition(description = "OSGi repository indexes (index.xml or index.xml.gz): file: or http(s): URLs, or paths")
        String[] repositories() default {};
    }

    private final BundleContext context;
    private final Path dir;
    private volatile List<URI> repositories;
    private static final String DOWNLOAD_PREFIX = ".download-";
    private static final String DOWNLOAD_SUFFIX = ".part";
    /** One change of STATE/profiles at a time, across the platform's processes. */
    private final StateLocks locks;
    private Thread restore;

    @Activate
    public ProfileInstaller(BundleContext context, Config config) {
        this.context = context;
        Path state = StateDirectory.resolve(context::getProperty);
        this.dir = state.resolve("profiles");
        this.locks = StateLocks.in(state);
        modified(config);
        restore = new Thread(this::restore, "phyllome-profile-restore");
        restore.setDaemon(true);
        restore.start();
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
        repositories = entries.stream().map(String::trim).filter(s -> !s.isEmpty()).map(ProfileInstaller::toUri).toList();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        restore.join(REFRESH_TIMEOUT.toMillis());
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
            restore.join(REFRESH_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The directory the installed profile bundles live in. */
    public Path directory() {
        return dir;
    }

    @Override
    public List<URI> repositories() {
        return repositories;
    }

    /** Installs again, at start-up, the bundles installed earlier (the framework's cache may be fresh). */
    private void restore() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        removeAbandonedDownloads();
        // no lock: parallel starts need not queue, and a jar appears whole (moved in after its
        // download, which is a hidden file until then) or not at all
        List<Bundle> bundles = new ArrayList<>();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "[!.]*.jar")) {
            for (Path jar : jars) {
                String location = location(jar);
                Bundle bundle = context.getBundle(location);
                try {
                    bundles.add(bundle != null ? bundle : context.installBundle(location));
                } catch (BundleException | IllegalStateException e) {
                    LOG.log(System.Logger.Level.WARNING, "cannot install the profile bundle {0} again: {1}", jar, e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot list the installed profiles in {0}: {1}", dir, e.getMessage());
        }
        for (Bundle bundle : bundles) {
            try {
                if (!isFragment(bundle)) {
                    bundle.start();
                }
            } catch (BundleException | IllegalStateException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot start the installed profile bundle {0}: {1}", bundle.getSymbolicName(), e.getMessage());
            }
        }
    }

    /** What the configured repositories offer, newest versions first. */
    @Override
    public Catalog available() {
        awaitRestored();
        List<Available> result = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (RepositoryIndex index : read(problems)) {
            for (RepositoryIndex.IndexResource resource : index.resources()) {
                for (Capability capability : resource.getCapabilities(ProvidesProfile.NAMESPACE)) {
                    String id = String.valueOf(capability.getAttributes().get(ProvidesProfile.NAMESPACE));
                    Optional<Bundle> installed = installedBundle(resource.symbolicName());
                    result.add(new Available(id, String.valueOf(capability.getAttributes().getOrDefault(ProvidesProfile.FAMILY, "")).toLowerCase(Locale.ROOT),
                            resource.symbolicName(), resource.version(), index.location(), installed.map(Bundle::getVersion),
                            installed.isPresent() && !owned(installed.get())));
                }
            }
        }
        result.sort(Comparator.comparing(Available::profile).thenComparing(Available::version, Comparator.reverseOrder()));
        return new Catalog(result, problems);
    }

    /** Installs the newest bundle that provides profile {@code id}, with what it needs, and starts it. */
    @Override
    public String install(String id) {
        awaitRestored();
        try (StateLocks.Held changing = changingProfiles()) {
            Optional<Bundle> present = bundleOf(id);
            if (present.isPresent()) {
                throw new VmException("profile '" + id + "' is already installed (bundle " + present.get().getSymbolicName() + " "
                        + present.get().getVersion() + "): profile:update " + id + " installs a newer version");
            }
            List<RepositoryIndex.IndexResource> all = allResources();
            RepositoryIndex.IndexResource chosen = all.stream().filter(r -> provides(r, id)).max(Comparator.comparing(RepositoryIndex.IndexResource::version))
                    .orElseThrow(() -> new VmException("no repository offers profile '" + id + "': profile:available lists what "
                            + describeRepositories() + " offer"));
            List<RepositoryIndex.IndexResource> needed = resolve(id, chosen, all, Set.of());
            List<Bundle> installed = new ArrayList<>();
            try {
                for (RepositoryIndex.IndexResource resource : needed) {
                    Path jar = download(resource, dir.resolve(resource.symbolicName() + ".jar"));
                    FaultInjection.point(FaultInjection.PROFILE_INSTALL_STORED); // complete and verified: the next start installs it
                    installed.add(context.installBundle(location(jar)));
                }
                for (Bundle bundle : installed) {
                    if (!isFragment(bundle)) {
                        bundle.start();
                    }
                }
            } catch (BundleException | IOException | RuntimeException e) {
                for (Bundle bundle : installed) {
                    remove(bundle);
                }
                throw new VmException("cannot install profile '" + id + "' from " + chosen + ": " + e.getMessage(), e);
            }
            StringBuilder out = new StringBuilder("installed profile '" + id + "': " + chosen.symbolicName() + " " + chosen.version());
            needed.stream().filter(r -> r != chosen).forEach(r -> out.append("\nalso installed what it needs: ").append(r));
            return out.toString();
        }
    }

    /** Replaces the bundle of profile {@code id} by the newest version the repositories offer. */
    @Override
    public String update(String id) {
        awaitRestored();
        try (StateLocks.Held changing = changingProfiles()) {
            Bundle bundle = ownedBundleOf(id, "updated");
            List<RepositoryIndex.IndexResource> all = allResources();
            Version current = bundle.getVersion();
            RepositoryIndex.IndexResource newest = all.stream().filter(r -> r.symbolicName().equals(bundle.getSymbolicName()))
                    .max(Comparator.comparing(RepositoryIndex.IndexResource::version)).orElse(null);
            if (newest == null || newest.version().compareTo(current) <= 0) {
                return "profile '" + id + "' is up to date: " + bundle.getSymbolicName() + " " + current
                        + (newest == null ? " (no repository offers it)" : "");
            }
            List<RepositoryIndex.IndexResource> needed = resolve(id, newest, all, Set.of(bundle));
            List<Bundle> extra = new ArrayList<>();
            Path jar = dir.resolve(bundle.getSymbolicName() + ".jar");
            Path next = dir.resolve(bundle.getSymbolicName() + ".jar.next");
            try {
                for (RepositoryIndex.IndexResource resource : needed) {
                    if (resource != newest) {
                        extra.add(context.installBundle(location(download(resource, dir.resolve(resource.symbolicName() + ".jar")))));
                    }
                }
                download(newest, next);
                try (InputStream in = Files.newInputStream(next)) {
                    bundle.update(in);
                }
                move(next, jar);
                refresh(List.of(bundle));
                for (Bundle b : extra) {
                    if (!isFragment(b)) {
                        b.start();
                    }
                }
                if (bundle.getState() != Bundle.ACTIVE) {
                    bundle.start();
                }
            } catch (BundleException | IOException | RuntimeException e) {
                extra.forEach(this::remove);
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
            List<String> others = profilesOf(bundle).stream().filter(p -> !p.equals(id)).toList();
            remove(bundle);
            return "uninstalled profile '" + id + "': " + what + (others.isEmpty() ? "" : "; it also provided " + String.join(", ", others));
        }
    }

    // --- helpers ------------------------------------------------------------------------------

    private StateLocks.Held changingProfiles() {
        return locks.acquire("profiles", "installing, updating or removing profiles in " + dir);
    }

    private List<RepositoryIndex.IndexResource> resolve(String id, RepositoryIndex.IndexResource chosen, List<RepositoryIndex.IndexResource> all,
            Set<Bundle> replaced) {
        ServiceReference<Resolver> ref = context.getServiceReference(Resolver.class);
        Resolver resolver = ref == null ? null : context.getService(ref);
        if (resolver == null) {
            throw new VmException("the framework offers no resolver service: profiles cannot be installed on this platform");
        }
        try {
            Map<Resource, List<Wire>> result = resolver.resolve(new InstallContext(context, List.of(chosen), all, replaced));
            List<RepositoryIndex.IndexResource> needed = new ArrayList<>();
            needed.add(chosen);
            for (Resource resource : result.keySet()) {
                if (resource instanceof RepositoryIndex.IndexResource r && r != chosen) {
                    needed.add(r);
                }
            }
            return needed;
        } catch (ResolutionException e) {
            String missing = e.getUnresolvedRequirements().stream().map(Object::toString).reduce((a, b) -> a + "; " + b).orElse("");
            throw new VmException("profile '" + id + "' (" + chosen + ") cannot run on this platform: " + e.getMessage()
                    + (missing.isEmpty() ? "" : " (missing: " + missing + ")"));
        } finally {
            context.ungetService(ref);
        }
    }

    private List<RepositoryIndex> read(List<String> problems) {
        List<RepositoryIndex> indexes = new ArrayList<>();
        if (repositories.isEmpty()) {
            problems.add("no repositories are configured: set 'repositories' in PID " + PID + " (or the property " + REPOSITORIES_PROPERTY + ")");
        }
        for (URI uri : repositories) {
            try {
                indexes.add(RepositoryIndex.read(uri));
            } catch (IOException | RuntimeException e) {
                problems.add("cannot read the repository " + uri + ": " + e.getMessage());
            }
        }
        return indexes;
    }

    private List<RepositoryIndex.IndexResource> allResources() {
        List<String> problems = new ArrayList<>();
        List<RepositoryIndex.IndexResource> all = read(problems).stream().flatMap(i -> i.resources().stream()).toList();
        if (all.isEmpty() && !problems.isEmpty()) {
            throw new VmException(String.join("; ", problems));
        }
        return all;
    }

    private String describeRepositories() {
        return repositories.isEmpty() ? "the repositories (none configured)" : "the repositories " + repositories;
    }

    private static boolean provides(RepositoryIndex.IndexResource resource, String id) {
        return resource.getCapabilities(ProvidesProfile.NAMESPACE).stream().anyMatch(c -> id.equals(String.valueOf(c.getAttributes().get(ProvidesProfile.NAMESPACE))));
    }

    private Path download(RepositoryIndex.IndexResource resource, Path target) throws IOException {
        URI url = resource.url().orElseThrow(() -> new IOException("the index gives no download URL for " + resource));
        Files.createDirectories(dir);
        // named after this process, and not *.jar: a crash leaves a file that restore() neither installs nor keeps
        Path temp = Files.createTempFile(dir, DOWNLOAD_PREFIX + ProcessHandle.current().pid() + "-", DOWNLOAD_SUFFIX);
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(url.toURL().openStream(), sha256)) {
                Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            }
            FaultInjection.point(FaultInjection.PROFILE_INSTALL_DOWNLOADED);
            String actual = HexFormat.of().formatHex(sha256.digest());
            Optional<String> expected = resource.sha256();
            if (expected.isPresent() && !expected.get().equalsIgnoreCase(actual)) {
                throw new IOException(url + " has SHA-256 " + actual + ", but the index says " + expected.get());
            }
            move(temp, target);
            return target;
        } catch (NoSuchAlgorithmException e) {
            throw new IOException(e);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Deletes the partial downloads of processes that ended (crashed) before they finished. */
    private void removeAbandonedDownloads() {
        try (DirectoryStream<Path> partial = Files.newDirectoryStream(dir, DOWNLOAD_PREFIX + "*" + DOWNLOAD_SUFFIX)) {
            for (Path file : partial) {
                String pid = file.getFileName().toString().substring(DOWNLOAD_PREFIX.length()).split("-")[0];
                if (!pid.matches("\\d+") || ProcessHandle.of(Long.parseLong(pid)).map(p -> !p.isAlive()).orElse(true)) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot remove partial downloads in {0}: {1}", dir, e.getMessage());
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void remove(Bundle bundle) {
        String location = bundle.getLocation();
        try {
            bundle.uninstall();
            refresh(List.of(bundle));
        } catch (BundleException | IllegalStateException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot uninstall {0}: {1}", bundle.getSymbolicName(), e.getMessage());
        }
        try {
            Path file = Path.of(URI.create(location));
            if (file.startsWith(dir)) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot delete {0}: {1}", location, e.getMessage());
        }
    }

    private void refresh(Collection<Bundle> bundles) {
        CountDownLatch done = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(bundles, event -> done.countDown());
        try {
            if (!done.await(REFRESH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "the framework did not refresh {0} within {1} s", bundles, REFRESH_TIMEOUT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String location(Path jar) {
        return jar.toAbsolutePath().toUri().toString();
    }

    private boolean owned(Bundle bundle) {
        try {
            return Path.of(URI.create(bundle.getLocation())).toAbsolutePath().startsWith(dir.toAbsolutePath());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Optional<Bundle> installedBundle(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName()) && b.getState() != Bundle.UNINSTALLED)
                .findFirst();
    }

    private Bundle ownedBundleOf(String id, String verb) {
        Bundle bundle = bundleOf(id).orElseThrow(() -> new VmException("profile '" + id + "' is not installed: profile:list shows the installed ones"));
        if (!owned(bundle)) {
            throw new VmException("profile '" + id + "' comes with the platform (bundle " + bundle.getSymbolicName()
                    + ") and cannot be " + verb + " here: only profiles installed with profile:install can be");
        }
        return bundle;
    }

    /** The profiles a bundle declares (its io.phyllome.profile capabilities). */
    private static List<String> profilesOf(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision == null) {
            return List.of();
        }
        return revision.getDeclaredCapabilities(ProvidesProfile.NAMESPACE).stream()
                .map(c -> String.valueOf(c.getAttributes().get(ProvidesProfile.NAMESPACE))).toList();
    }

    /** The bundle that provides profile {@code id}: by its capability, or by the bundle of the registered profile. */
    Optional<Bundle> bundleOf(String id) {
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getState() != Bundle.UNINSTALLED && profilesOf(bundle).contains(id)) {
                return Optional.of(bundle);
            }
        }
        ServiceReference<Profiles> ref = context.getServiceReference(Profiles.class);
        if (ref == null) {
            return Optional.empty();
        }
        try {
            Profiles profiles = context.getService(ref);
            Optional<GuestProfile> profile = profiles == null ? Optional.empty() : profiles.find(id);
            return profile.map(p -> FrameworkUtil.getBundle(p.getClass())).filter(Objects::nonNull);
        } finally {
            context.ungetService(ref);
        }
    }

    private static boolean isFragment(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        return revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }
}
