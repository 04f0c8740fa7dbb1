package io.phyllome.host.vm;

import java.util.Objects;

/**
 * Something that ties a VM to its host: what it is, why it matters when the VM moves to another
 * host, and how to fix it.
 *
 * @param severity {@link Severity#BLOCKER} when the VM cannot move as it is
 * @param what     what ties it, e.g. {@code host device pci 0000:01:00.0 is passed through}
 * @param why      why that matters for moving
 * @param fix      what to do about it
 */
public record PortabilityFinding(Severity severity, String what, String why, String fix) {

    public enum Severity {
        /** The VM cannot move as it is (host devices, a host-passthrough CPU). */
        BLOCKER,
        /** The VM can move, with care or with less than it has here. */
        WARNING
    }

    public PortabilityFinding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(why, "why");
        Objects.requireNonNull(fix, "fix");
    }

    /** One line: {@code blocker: WHAT (WHY): FIX}. */
    @Override
    public String toString() {
        return severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + what + " (" + why + "): " + fix;
    }
}
