package io.phyllome.host.repository;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.osgi.framework.Version;

/**
 * Profile bundles offered by repository indexes, and the ones installed from them: what
 * {@code profile:available}, {@code profile:install}, {@code profile:update} and
 * {@code profile:uninstall} work on. Built-in profiles come with the platform and are not managed here.
 */
@ProviderType
public interface ProfileRepository {

    /**
     * One profile a repository offers, and what of it is installed.
     *
     * @param withPlatform whether the installed one came with the platform (it cannot be updated or uninstalled)
     */
    record Available(String profile, String family, String bundle, Version version, URI repository, Optional<Version> installed,
            boolean withPlatform) {
    }

    /** What the repositories offer, and the repositories that could not be read (with why). */
    record Catalog(List<Available> profiles, List<String> problems) {
    }

    /** The repository indexes consulted, in order. */
    List<URI> repositories();

    /** Reads every repository index. */
    Catalog available();

    /**
     * Why an offered bundle cannot run on this platform (a package it needs in a version this
     * platform lacks, say), or empty when it can: an update only when it can.
     */
    Optional<String> cannotRun(Available offer);

    /**
     * Installs the newest profile bundle with this id that resolves here, with what it needs;
     * {@code ID@VERSION} installs that version.
     *
     * @return what was installed, in words
     * @throws IllegalArgumentException naming the problem and the fix when it cannot be installed
     */
    String install(String id);

    /** Replaces an installed profile's bundle by the newest one that resolves; what happened, in words. */
    String update(String id);

    /** Removes a profile installed from a repository; what happened, in words. */
    String uninstall(String id);

    /** Waits (a bounded time) until the profiles installed earlier run again after a start. */
    void awaitRestored();
}
