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
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.FrameworkWiring;

import io.phyllome.host.core.faults.FaultInjection;

/**
 * {@code STATE/profiles}: the jars of the profile bundles installed from repositories, which the
 * framework installs from here again at every start (its cache may be fresh, and the platform's
 * jar is read-only). Downloads arrive as hidden files and are moved in whole once verified.
 */
final class ProfileDirectory {

    static final Duration REFRESH_TIMEOUT = Duration.ofSeconds(30);
    private static final System.Logger LOG = System.getLogger(ProfileDirectory.class.getName());
    private static final String DOWNLOAD_PREFIX = ".download-";
    private static final String DOWNLOAD_SUFFIX = ".part";

    private final BundleContext context;
    private final Path dir;

    ProfileDirectory(BundleContext context, Path dir) {
        this.context = context;
        this.dir = dir;
    }

    Path path() {
        return dir;
    }

    /** Where the bundle with this symbolic name is kept. */
    Path jarOf(String symbolicName) {
        return dir.resolve(symbolicName + ".jar");
    }

    /** Installs and starts again the bundles installed earlier; returns them. */
    List<Bundle> restore() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        removeAbandonedDownloads();
        // no lock: parallel starts need not queue, and a jar appears whole (moved in after its
        // download, which is a hidden file until then) or not at all
        List<Bundle> bundles = new ArrayList<>();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "[!.]*.jar")) {
            for (Path jar : jars) {
                Bundle bundle = context.getBundle(location(jar));
                try {
                    bundles.add(bundle != null ? bundle : install(jar));
                } catch (BundleException | IllegalStateException e) {
                    LOG.log(System.Logger.Level.WARNING, "cannot install the profile bundle {0} again: {1}", jar, e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot list the installed profiles in {0}: {1}", dir, e.getMessage());
        }
        for (Bundle bundle : bundles) {
            try {
                InstalledBundles.start(bundle);
            } catch (BundleException | IllegalStateException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot start the installed profile bundle {0}: {1}", bundle.getSymbolicName(), e.getMessage());
            }
        }
        return bundles;
    }

    /**
     * Installs the jar at the start level of the platform's own bundles: the framework's default
     * for new bundles is above the level a one-shot process begins at, where the profile would
     * be installed but never started.
     */
    Bundle install(Path jar) throws BundleException {
        Bundle bundle = context.installBundle(location(jar));
        BundleStartLevel platform = context.getBundle().adapt(BundleStartLevel.class);
        BundleStartLevel installed = bundle.adapt(BundleStartLevel.class);
        if (platform != null && installed != null) {
            installed.setStartLevel(platform.getStartLevel());
        }
        return bundle;
    }

    /** Downloads {@code resource} to {@code target}, checking the SHA-256 the index gives. */
    Path download(RepositoryIndex.IndexResource resource, Path target) throws IOException {
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

    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Uninstalls the bundle and deletes its jar if it is kept here. */
    void remove(Bundle bundle) {
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

    /** Refreshes the bundles' wiring and waits (a bounded time) until the framework is done. */
    void refresh(Collection<Bundle> bundles) {
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

    /** Whether the bundle was installed from here (and so may be updated or uninstalled). */
    boolean owns(Bundle bundle) {
        try {
            return Path.of(URI.create(bundle.getLocation())).toAbsolutePath().startsWith(dir.toAbsolutePath());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
