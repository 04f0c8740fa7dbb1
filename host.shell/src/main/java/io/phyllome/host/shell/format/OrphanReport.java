package io.phyllome.host.shell.format;

import java.util.List;

import io.phyllome.host.diagnostics.CrashLeftovers;

/**
 * What {@code disk:orphans} returns: what a crash can leave behind. Keys are named by their ids
 * only, never by their value; with {@code cleaned}, all but {@code unused} is gone.
 */
public record OrphanReport(List<Leftover> interrupted, List<String> unused, List<String> orphanKeys, List<String> transfers, boolean cleaned)
        implements Output {

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

    @Override
    public String text() {
        if (interrupted.isEmpty() && unused.isEmpty() && orphanKeys.isEmpty() && transfers.isEmpty()) {
            return "nothing orphaned";
        }
        String removed = cleaned ? " (removed)" : "";
        StringBuilder out = new StringBuilder();
        interrupted.forEach(v -> out.append("left by an interrupted creation: ").append(v.path()).append(v.withKey() ? " (with its key)" : "")
                .append(removed).append('\n'));
        unused.forEach(p -> out.append("unused disk: ").append(p).append(" (kept; delete it with disk:delete ").append(p).append(")\n"));
        orphanKeys.forEach(k -> out.append("key without a disk: ").append(k).append(removed).append('\n'));
        transfers.forEach(t -> out.append("left by an interrupted ").append(t).append(removed).append('\n'));
        if (!cleaned && !orphanKeys.isEmpty()) {
            out.append("a key without a disk belongs to a disk deleted or moved outside the platform: move a moved disk back first,"
                    + " or it can never be read again\n");
        }
        if (!cleaned && !(interrupted.isEmpty() && orphanKeys.isEmpty() && transfers.isEmpty())) {
            out.append("remove the leftovers of interrupted creations and the keys without a disk with disk:orphans --clean\n");
        }
        return out.toString().stripTrailing();
    }
}
