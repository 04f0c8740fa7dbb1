package io.phyllome.host.shell.format;

import java.util.List;
import java.util.Locale;

import io.phyllome.host.vm.PortabilityFinding;

/** What {@code vm:lint} returns: what ties a VM to its host; the command fails when {@code blockers} is not 0. */
public record LintReport(String vm, List<Finding> findings, int blockers) implements Output {

    /** One tie: {@code severity} is blocker (the VM cannot move as it is) or warning. */
    public record Finding(String severity, String what, String why, String fix) {
    }

    public static LintReport of(String vm, List<PortabilityFinding> findings) {
        return new LintReport(vm, findings.stream().map(f -> new Finding(f.severity().name().toLowerCase(Locale.ROOT), f.what(), f.why(), f.fix()))
                .toList(), (int) findings.stream().filter(f -> f.severity() == PortabilityFinding.Severity.BLOCKER).count());
    }

    @Override
    public String kind() {
        return "vm-lint";
    }

    /** One line a finding, {@code blocker: WHAT (WHY): FIX}, as {@link PortabilityFinding} writes it. */
    @Override
    public String text() {
        if (findings.isEmpty()) {
            return vm + ": nothing ties it to this host";
        }
        return String.join("\n", findings.stream().map(f -> f.severity() + ": " + f.what() + " (" + f.why() + "): " + f.fix()).toList());
    }
}
