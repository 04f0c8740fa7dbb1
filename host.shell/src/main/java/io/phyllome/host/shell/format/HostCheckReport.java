package io.phyllome.host.shell.format;

import java.util.List;

/** What {@code host:check} returns: each check's outcome, with the fix for what is wrong. */
public record HostCheckReport(List<Check> checks, int failed) implements Output {

    public enum Status {
        PASS, WARN, FAIL
    }

    /** One check's outcome. */
    public record Check(Status status, String subject, String detail) {

        @Override
        public String toString() {
            return String.format("%-4s  %-26s %s", status, subject, detail);
        }
    }

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
