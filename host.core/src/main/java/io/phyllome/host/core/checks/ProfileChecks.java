package io.phyllome.host.core.checks;

import java.util.ArrayList;
import java.util.List;

import io.phyllome.host.diagnostics.HostValidation.Check;
import io.phyllome.host.diagnostics.HostValidation.Status;
import io.phyllome.host.diagnostics.ProfileDryRun;

/** One {@code host:check} line per installed profile, from a dry run of its device choice. */
final class ProfileChecks {

    private ProfileChecks() {
    }

    /**
     * @param passthroughAllowed whether the configuration lets profiles choose passthrough: a
     *                           warning of its own, as such VMs cannot move
     */
    static List<Check> of(List<ProfileDryRun.Outcome> outcomes, boolean passthroughAllowed) {
        List<Check> checks = new ArrayList<>();
        if (passthroughAllowed) {
            checks.add(new Check(Status.WARN, "passthrough", "allowed (allowPassthrough in PID io.phyllome.host.profiles), so profiles may tie"
                    + " new VMs to this host: vm:lint NAME shows which; turn it off unless VMs here never move"));
        }
        outcomes.stream().map(ProfileChecks::check).forEach(checks::add);
        return checks;
    }

    private static Check check(ProfileDryRun.Outcome o) {
        String subject = "profile " + o.profile();
        if (o.missingMedia()) {
            return new Check(Status.WARN, subject, "the host can run it, but a VM needs a file you provide (" + o.resources() + "): " + o.problem());
        }
        if (!o.problem().isEmpty()) {
            return new Check(Status.FAIL, subject, "cannot create a VM here (" + o.resources() + "): " + o.problem());
        }
        if (!o.warnings().isEmpty()) {
            return new Check(Status.WARN, subject, "can create a VM (" + o.resources() + "), but: "
                    + String.join("; ", o.warnings().stream().map(w -> w.replaceFirst("^warning: ", "")).toList()));
        }
        return new Check(Status.PASS, subject, "can create a VM (" + o.resources() + ")" + (o.notes().isEmpty() ? "" : "; " + String.join("; ", o.notes())));
    }
}
