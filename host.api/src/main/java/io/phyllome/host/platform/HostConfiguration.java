package io.phyllome.host.platform;

import java.nio.file.Path;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The host's configuration files: where they are, what they set, and when the platform runs with them. */
@ProviderType
public interface HostConfiguration {

    /** The directory of {@code PID.cfg} files (it may not exist: the shipped configuration applies). */
    Path directory();

    /** Where the running configuration comes from besides the shipped defaults, in words: files, then environment variables. */
    List<String> sources();

    /**
     * Waits (a bounded time) until every component a file configured runs with that configuration.
     * Configurations arrive asynchronously, so a command run right after start-up would otherwise
     * race with them.
     */
    void awaitApplied();
}
