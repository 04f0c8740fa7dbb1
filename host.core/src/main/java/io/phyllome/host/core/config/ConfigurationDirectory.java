package io.phyllome.host.core.config;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.metatype.MetaTypeService;

import io.phyllome.host.platform.HostConfiguration;

/**
 * The host's one configuration directory ({@code /etc/phyllome}, or the framework property
 * {@value #PROPERTY}): at start, each {@code PID.cfg} file in it goes to Config Admin as the
 * configuration of that PID. The platform's shipped defaults (component annotations, the
 * .bndrun's properties) apply to everything no file sets. Configurations made from a file that
 * is gone are deleted, so a host's configuration is its directory. A file or key that cannot be
 * used is logged, naming the file; the platform starts anyway.
 *
 * <p>Hand-written rather than Apache Felix FileInstall (same file format), because a read-only host
 * reads its files once, at start, with no polling thread and no write-back; every key is checked
 * against its component's metatype, so {@code host:check} names a misspelt key instead of it
 * being ignored; {@code PHYLLOME_*} variables override without a file; and a one-shot command
 * waits until the components run with the files ({@link #awaitApplied()}).
 */
@Component(service = HostConfiguration.class, immediate = true)
public class ConfigurationDirectory implements HostConfiguration {

    /** Framework (or system) property that sets the configuration directory. */
    public static final String PROPERTY = "phyllome.config.dir";
    static final Path DEFAULT = Path.of("/etc/phyllome");
    /** Property added to each configuration made from a file: the file it came from. */
    static final String SOURCE = "phyllome.config.file";

    private static final System.Logger LOG = System.getLogger(ConfigurationDirectory.class.getName());
    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(10);

    /** A file of the directory and what became of it. */
    public record Applied(Path file, String pid, Set<String> keys, List<String> problems, Dictionary<String, Object> properties) {

        /** One line for host:info: the file, the keys it set, or why it was not applied. */
        @Override
        public String toString() {
            String what = properties == null ? "not applied" : String.join(", ", keys);
            return file + " (" + what + ")" + (problems.isEmpty() ? "" : ": " + String.join("; ", problems));
        }
    }

    private final Path directory;
    private final List<Applied> applied;
    private final List<String> environment;
    private final ServiceComponentRuntime scr;

    @Activate
    public ConfigurationDirectory(BundleContext context, @Reference ConfigurationAdmin admin,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY) MetaTypeService metatype,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY) ServiceComponentRuntime scr) {
        this.directory = resolve(context::getProperty);
        this.scr = scr;
        this.applied = apply(context, admin, metatype);
        this.environment = EnvironmentOverrides.inEffect(System::getenv, context::getProperty, this::configured);
    }

    /** The configuration directory: the {@value #PROPERTY} property when set, otherwise {@code /etc/phyllome}. */
    public static Path resolve(UnaryOperator<String> properties) {
        String configured = properties.apply(PROPERTY);
        return configured != null && !configured.isBlank() ? Path.of(configured.trim()).toAbsolutePath() : DEFAULT;
    }

    @Override
    public Path directory() {
        return directory;
    }

    /** Where the running configuration comes from besides the shipped defaults: files, then environment variables. */
    @Override
    public List<String> sources() {
        List<String> sources = new ArrayList<>();
        applied.forEach(a -> sources.add(a.toString()));
        sources.addAll(environment);
        return sources;
    }

    private boolean configured(String pidAndKey) {
        String[] parts = pidAndKey.split("/", 2);
        return applied.stream().anyMatch(a -> a.properties() != null && a.pid().equals(parts[0]) && a.keys().contains(parts[1]));
    }

    private List<Applied> apply(BundleContext context, ConfigurationAdmin admin, MetaTypeService metatype) {
        List<ConfigFile> files;
        try {
            files = ConfigFile.readAll(directory);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot list the configuration directory {0} ({1}): the shipped configuration applies", directory, e.getMessage());
            files = List.of();
        }
        List<Applied> result = new ArrayList<>();
        for (ConfigFile file : files) {
            result.add(apply(file, context, admin, metatype));
        }
        deleteStale(admin, result);
        return List.copyOf(result);
    }

    private Applied apply(ConfigFile file, BundleContext context, ConfigurationAdmin admin, MetaTypeService metatype) {
        if (!file.readable()) {
            LOG.log(System.Logger.Level.WARNING, "configuration file {0} is not applied: {1}", file.file(), file.problem());
            return new Applied(file.file(), file.pid(), Set.of(), List.of(file.problem()), null);
        }
        Map<String, Setting> schema = Setting.schema(file.pid(), context, metatype);
        List<String> problems = new ArrayList<>();
        if (schema == null && metatype != null) {
            problems.add("no installed bundle describes PID " + file.pid() + ": applied as text, for a bundle that may come later");
        }
        ConfigValues.Converted converted = ConfigValues.convert(file, schema);
        problems.addAll(converted.problems());
        problems.forEach(p -> LOG.log(System.Logger.Level.WARNING, "configuration file {0}: {1}", file.file(), p));
        Dictionary<String, Object> properties = converted.properties();
        Set<String> keys = new TreeSet<>(Collections.list(properties.keys()));
        properties.put(SOURCE, file.file().toString());
        try {
            Configuration configuration = admin.getConfiguration(file.pid(), "?");
            configuration.updateIfDifferent(properties);
            LOG.log(System.Logger.Level.INFO, "applied configuration file {0} ({1})", file.file(), String.join(", ", keys));
            return new Applied(file.file(), file.pid(), keys, List.copyOf(problems), properties);
        } catch (IOException | IllegalStateException e) {
            String problem = "Config Admin refused it: " + e.getMessage();
            LOG.log(System.Logger.Level.WARNING, "configuration file {0} is not applied: {1}", file.file(), problem);
            problems.add(problem);
            return new Applied(file.file(), file.pid(), keys, List.copyOf(problems), null);
        }
    }

    /** Deletes the configurations made from files that are no longer there (a kept framework cache). */
    private static void deleteStale(ConfigurationAdmin admin, List<Applied> current) {
        Set<String> files = current.stream().filter(a -> a.properties() != null).map(a -> a.file().toString()).collect(Collectors.toSet());
        try {
            Configuration[] configurations = admin.listConfigurations("(" + SOURCE + "=*)");
            for (Configuration c : configurations == null ? new Configuration[0] : configurations) {
                Object source = c.getProperties() == null ? null : c.getProperties().get(SOURCE);
                if (!files.contains(String.valueOf(source))) {
                    LOG.log(System.Logger.Level.INFO, "configuration {0} came from {1}, which is gone: deleted", c.getPid(), source);
                    c.delete();
                }
            }
        } catch (IOException | InvalidSyntaxException | IllegalStateException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot remove configurations of deleted files: {0}", e.getMessage());
        }
    }

    /**
     * Waits (at most ten seconds) until every active component of a PID that a file configured
     * runs with that configuration. Config Admin delivers configurations asynchronously, so a
     * one-shot command would otherwise race with them (e.g. reach the default libvirt).
     */
    @Override
    public void awaitApplied() {
        if (scr == null) {
            return;
        }
        List<Applied> done = applied.stream().filter(a -> a.properties() != null).toList();
        if (!done.isEmpty() && !ConfiguredComponents.await(scr, done, APPLY_TIMEOUT)) {
            LOG.log(System.Logger.Level.WARNING, "components did not take the configuration of {0} within {1} s", directory, APPLY_TIMEOUT.toSeconds());
        }
    }
}
