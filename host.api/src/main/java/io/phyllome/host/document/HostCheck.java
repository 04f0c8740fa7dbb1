package io.phyllome.host.document;

import java.util.List;

import io.phyllome.host.diagnostics.HostValidation.Check;
import io.phyllome.host.diagnostics.HostValidation.Status;

/** Each host check's outcome, with the fix for what is wrong ({@code host:check}). */
public record HostCheck(List<Check> checks, int failed) implements Document {

    public static HostCheck of(List<Check> checks) {
        return new HostCheck(List.copyOf(checks), (int) checks.stream().filter(c -> c.status() == Status.FAIL).count());
    }

    @Override
    public String kind() {
        return "host-check";
    }
}
