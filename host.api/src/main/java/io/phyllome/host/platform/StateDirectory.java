package io.phyllome.host.platform;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The one directory where the platform keeps mutable state (disks, firmware variables, the
 * embedded hypervisor's files). Everything else it uses is read-only.
 */
public final class StateDirectory {

    /** Framework (or system) property that sets the state directory. */
    public static final String PROPERTY = "phyllome.state.dir";

    private StateDirectory() {
    }

    /**
     * The state directory: the {@value #PROPERTY} property when set; otherwise
     * {@code /var/lib/phyllome} for root and {@code $XDG_DATA_HOME/phyllome} (or
     * {@code ~/.local/share/phyllome}) for other users.
     *
     * @param properties looks up a framework property, e.g. {@code BundleContext::getProperty}
     */
    public static Path resolve(UnaryOperator<String> properties) {
        String configured = properties.apply(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        if ("root".equals(System.getProperty("user.name"))) {
            return Path.of("/var/lib/phyllome");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path data = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return data.resolve("phyllome");
    }
}
