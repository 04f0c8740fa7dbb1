package io.phyllome.host.document;

import java.util.List;

import io.phyllome.host.diagnostics.CrashLeftovers;

/**
 * What a crash can leave behind ({@code disk:orphans}). Keys are named by their ids only, never by
 * their value; with {@code cleaned}, all but {@code unused} is gone.
 */
public record OrphanReport(List<Leftover> interrupted, List<String> unused, List<String> orphanKeys, List<String> transfers, boolean cleaned)
        implements Document {

    /** A disk of an interrupted creation, and whether it had a key. */
    public record Leftover(String path, boolean withKey) {
    }

    public static OrphanReport of(CrashLeftovers.Report report, boolean cleaned) {
        return new OrphanReport(report.interrupted().stream().map(v -> new Leftover(v.path(), v.encrypted())).toList(), report.unused(),
                report.orphanKeys(), report.transfers(), cleaned);
    }

    @Override
    public String kind() {
        return "disk-orphans";
    }
}
