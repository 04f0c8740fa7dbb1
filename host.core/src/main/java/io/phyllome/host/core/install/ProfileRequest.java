package io.phyllome.host.core.install;

import java.util.Optional;

import org.osgi.framework.Version;

import io.phyllome.host.vm.VmException;

/** What {@code profile:install} was asked for: {@code ID}, or {@code ID@VERSION} for one version. */
record ProfileRequest(String id, Optional<Version> version) {

    static ProfileRequest parse(String text) {
        int at = text.indexOf('@');
        if (at < 0) {
            return new ProfileRequest(text, Optional.empty());
        }
        String version = text.substring(at + 1).trim();
        try {
            return new ProfileRequest(text.substring(0, at), Optional.of(Version.parseVersion(version)));
        } catch (IllegalArgumentException e) {
            throw new VmException("'" + version + "' is not a version (e.g. 1.2.0): " + e.getMessage());
        }
    }

    boolean accepts(Version offered) {
        return version.map(offered::equals).orElse(true);
    }

    /** " at version V", or nothing. */
    String atVersion() {
        return version.map(v -> " at version " + v).orElse("");
    }
}
