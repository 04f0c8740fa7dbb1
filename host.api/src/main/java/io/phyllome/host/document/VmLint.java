package io.phyllome.host.document;

import java.util.List;
import java.util.Locale;

import io.phyllome.host.vm.PortabilityFinding;

/** What ties a VM to its host ({@code vm:lint}, which fails when {@code blockers} is not 0). */
public record VmLint(String vm, List<Finding> findings, int blockers) implements Document {

    /** One tie: {@code severity} is blocker (the VM cannot move as it is) or warning. */
    public record Finding(String severity, String what, String why, String fix) {
    }

    public static VmLint of(String vm, List<PortabilityFinding> findings) {
        return new VmLint(vm, findings.stream().map(f -> new Finding(f.severity().name().toLowerCase(Locale.ROOT), f.what(), f.why(), f.fix()))
                .toList(), (int) findings.stream().filter(f -> f.severity() == PortabilityFinding.Severity.BLOCKER).count());
    }

    @Override
    public String kind() {
        return "vm-lint";
    }
}
