package io.phyllome.host.device;

import java.util.Objects;

/** Something the user should know about a VM's device set, e.g. that it runs emulated. */
public record Finding(Severity severity, String message) {

    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    public enum Severity {
        INFO, WARNING
    }

    @Override
    public String toString() {
        return severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + message;
    }
}
