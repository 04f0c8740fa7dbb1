package io.phyllome.bench.platform;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.framework.wiring.BundleRevision;

/**
 * The platform inside this JVM: the bundles, start levels and properties of the exported
 * {@code phyllome.jar} (its {@code launcher.properties}), in a Felix framework this process
 * owns. What the bnd launcher does, minus its command-line handling, so that one process can
 * hold a platform with a thousand VMs on libvirt's in-memory test driver and measure it.
 */
public final class EmbeddedPlatform implements AutoCloseable {

    private final Framework framework;
    private final Shell shell;

    private EmbeddedPlatform(Framework framework, Shell shell) {
        this.framework = framework;
        this.shell = shell;
    }

    /**
     * Starts the platform of {@code jar} with {@code properties} added to its framework
     * properties (e.g. the state directory and the libvirt URI) and {@code extraBundles}
     * installed after its own, and waits for its shell commands.
     */
    public static EmbeddedPlatform start(Path jar, Path storage, Map<String, String> properties, List<Path> extraBundles) throws Exception {
        try (JarFile exported = new JarFile(jar.toFile())) {
            Properties launch = new Properties();
            try (InputStream in = exported.getInputStream(entry(exported, "launcher.properties"))) {
                launch.load(in);
            }
            Map<String, String> config = new HashMap<>();
            for (String key : launch.stringPropertyNames()) {
                if (!key.startsWith("launch.")) {
                    config.put(key, launch.getProperty(key));
                }
            }
            String systemPackages = launch.getProperty("launch.system.packages");
            if (systemPackages != null && !systemPackages.isBlank()) {
                config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, systemPackages);
            }
            config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
            config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
            // no console on this process's stdin, and no framework stop when the shell ends
            config.put("gosh.args", "--nointeractive --noshutdown");
            config.putAll(properties);

            FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"));
            Framework framework = factory.newFramework(config);
            framework.init();
            BundleContext context = framework.getBundleContext();

            Map<String, Integer> levels = startLevels(launch.getProperty("launch.runbundles.attrs", ""));
            int defaultLevel = Integer.parseInt(launch.getProperty("launch.startlevel.default", "1"));
            List<Bundle> bundles = new ArrayList<>();
            for (String path : launch.getProperty("launch.bundles", "").split(",")) {
                try (InputStream in = exported.getInputStream(entry(exported, path.trim()))) {
                    bundles.add(context.installBundle(path.trim(), in));
                }
            }
            for (Path extra : extraBundles) {
                bundles.add(context.installBundle(extra.toUri().toString()));
            }
            for (Bundle bundle : bundles) {
                bundle.adapt(BundleStartLevel.class).setStartLevel(levels.getOrDefault(bundle.getSymbolicName(), defaultLevel));
            }
            framework.start();
            for (Bundle bundle : bundles) {
                if ((bundle.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) == 0) {
                    bundle.start(Bundle.START_ACTIVATION_POLICY);
                }
            }
            int beginning = Integer.parseInt(launch.getProperty(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, "1"));
            setStartLevel(framework, beginning);
            return new EmbeddedPlatform(framework, Shell.await(context, 30, TimeUnit.SECONDS));
        }
    }

    public Shell shell() {
        return shell;
    }

    public BundleContext context() {
        return framework.getBundleContext();
    }

    @Override
    public void close() throws BundleException, InterruptedException {
        shell.close();
        framework.stop();
        framework.waitForStop(TimeUnit.SECONDS.toMillis(60));
    }

    private static ZipEntry entry(JarFile jar, String name) {
        ZipEntry entry = jar.getEntry(name);
        if (entry == null) {
            throw new IllegalStateException(jar.getName() + " has no " + name + ": is it the platform's exported jar?");
        }
        return entry;
    }

    /** {@code bsn;version="...";startlevel=N,...} from launch.runbundles.attrs */
    private static Map<String, Integer> startLevels(String attrs) {
        Map<String, Integer> levels = new HashMap<>();
        for (String clause : attrs.split(",(?=[a-zA-Z])")) {
            String[] parts = clause.split(";");
            for (String part : parts) {
                if (part.trim().startsWith("startlevel=")) {
                    levels.put(parts[0].trim(), Integer.parseInt(part.trim().substring("startlevel=".length())));
                }
            }
        }
        return levels;
    }

    private static void setStartLevel(Framework framework, int level) throws InterruptedException {
        Object done = new Object();
        synchronized (done) {
            framework.adapt(FrameworkStartLevel.class).setStartLevel(level, event -> {
                synchronized (done) {
                    done.notifyAll();
                }
            });
            done.wait(TimeUnit.SECONDS.toMillis(60));
        }
    }
}
