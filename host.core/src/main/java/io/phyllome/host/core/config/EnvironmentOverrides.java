package io.phyllome.host.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The environment variables that the {@code ./phyllome} launcher turns into framework
 * properties, and which of them are in effect: set, passed on, and not overridden by a file of
 * the configuration directory.
 */
final class EnvironmentOverrides {

    /**
     * One variable.
     *
     * @param variable    the environment variable
     * @param property    the framework property the launcher sets from it
     * @param overriddenBy the "PID/key" of a configuration that takes precedence over it, or {@code null}
     * @param overrides    the "PID/key" of a configuration it takes precedence over, or {@code null}
     */
    record Override(String variable, String property, String overriddenBy, String overrides) {
    }

    static final List<Override> KNOWN = List.of(
            new Override("PHYLLOME_STATE_DIR", "phyllome.state.dir", null, null),
            new Override("PHYLLOME_CONFIG_DIR", ConfigurationDirectory.PROPERTY, null, null),
            // the libvirt adapter prefers the property to its configuration (LibvirtHypervisor)
            new Override("PHYLLOME_LIBVIRT_URI", "phyllome.libvirt.uri", null, "io.phyllome.host.libvirt/uri"),
            // the profile installer prefers its configuration to the property (ProfileInstaller)
            new Override("PHYLLOME_PROFILE_REPOSITORIES", "phyllome.profile.repositories", "io.phyllome.host.profiles.install/repositories", null));

    private EnvironmentOverrides() {
    }

    /**
     * One line per variable in effect, e.g. {@code environment PHYLLOME_LIBVIRT_URI (phyllome.libvirt.uri)}.
     *
     * @param environment  looks up an environment variable
     * @param properties   looks up a framework property
     * @param configured   whether a file of the configuration directory set "PID/key"
     */
    static List<String> inEffect(UnaryOperator<String> environment, UnaryOperator<String> properties, java.util.function.Predicate<String> configured) {
        List<String> lines = new ArrayList<>();
        for (Override o : KNOWN) {
            String value = environment.apply(o.variable());
            if (value == null || value.isBlank() || properties.apply(o.property()) == null) {
                continue;
            }
            String line = "environment " + o.variable() + " (" + o.property() + ")";
            if (o.overriddenBy() != null && configured.test(o.overriddenBy())) {
                line += ": not in effect, " + o.overriddenBy().replace('/', ' ') + " is configured";
            } else if (o.overrides() != null && configured.test(o.overrides())) {
                line += ": wins over the configured " + o.overrides().replace('/', ' ');
            }
            lines.add(line);
        }
        return lines;
    }
}
