package io.phyllome.host.shell.format;

import java.util.List;

import io.phyllome.host.diagnostics.HostValidation.Check;
import io.phyllome.host.diagnostics.HostValidation.Status;

/** What {@code host:check} returns: each check's outcome, with the fix for what is wrong. */
public record HostCheckReport(List<Check> checks, int failed) implements Output {

    public static HostCheckReport of(List<Check> checks) {
        return new HostCheckReport(List.copyOf(checks), (int) checks.stream().filter(c -> c.status() == Status.FAIL).count());
    }

    @Override
    public String kind() {
        return "host-check";
    }

    @Override
    public String text() {
        Table table = new Table("STATUS", "CHECK", "DETAIL");
        checks.forEach(c -> table.row(c.status(), c.subject(), c.detail()));
        return table.toString();
    }
}
