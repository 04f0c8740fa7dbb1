package io.phyllome.host.diagnostics;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What this host needs to run VMs well, and what each installed profile needs, checked in the
 * spirit of {@code virt-host-validate}: each check passes, warns or fails, and says how to fix
 * what is wrong. What {@code host:check} and {@code GET /api/v1/host/check} report.
 */
@ProviderType
public interface HostValidation {

    enum Status {
        PASS, WARN, FAIL
    }

    /**
     * One check's outcome.
     *
     * @param subject what was checked, e.g. {@code UEFI firmware} or {@code profile linux}
     * @param detail  what was found, with the fix when it is not a pass
     */
    record Check(Status status, String subject, String detail) {
    }

    /** Every check, the host's first and then one per installed profile (a dry run that creates nothing). */
    List<Check> validate();
}
