package io.phyllome.host.shell.format;

import io.phyllome.host.document.DiskList;
import io.phyllome.host.document.MediaList;
import io.phyllome.host.document.OrphanReport;
import io.phyllome.host.vm.ByteSize;

/** The text forms of the disk and media documents. */
final class StorageTexts {

    private StorageTexts() {
    }

    static String disks(DiskList list) {
        Table table = new Table("FILE", ">SIZE", ">USED", "ENCRYPTION", "VM");
        list.disks().forEach(d -> table.row(d.path(), new ByteSize(d.capacityBytes()), Sizes.human(d.allocationBytes()),
                d.encrypted() ? "encrypted" : "NOT encrypted", d.usedBy().isEmpty() ? "(unused)" : String.join(",", d.usedBy())));
        return table.toString();
    }

    static String media(MediaList list) {
        Table table = new Table("NAME", ">SIZE", "SHA256");
        list.media().forEach(m -> table.row(m.name(), new ByteSize(m.sizeBytes()), m.sha256()));
        return table.toString();
    }

    static String orphans(OrphanReport report) {
        if (report.interrupted().isEmpty() && report.unused().isEmpty() && report.orphanKeys().isEmpty() && report.transfers().isEmpty()) {
            return "nothing orphaned";
        }
        String removed = report.cleaned() ? " (removed)" : "";
        StringBuilder out = new StringBuilder();
        report.interrupted().forEach(v -> out.append("left by an interrupted creation: ").append(v.path()).append(v.withKey() ? " (with its key)" : "")
                .append(removed).append('\n'));
        report.unused().forEach(p -> out.append("unused disk: ").append(p).append(" (kept; delete it with disk:delete ").append(p).append(")\n"));
        report.orphanKeys().forEach(k -> out.append("key without a disk: ").append(k).append(removed).append('\n'));
        report.transfers().forEach(t -> out.append("left by an interrupted ").append(t).append(removed).append('\n'));
        if (!report.cleaned() && !report.orphanKeys().isEmpty()) {
            out.append("a key without a disk belongs to a disk deleted or moved outside the platform: move a moved disk back first,"
                    + " or it can never be read again\n");
        }
        if (!report.cleaned() && !(report.interrupted().isEmpty() && report.orphanKeys().isEmpty() && report.transfers().isEmpty())) {
            out.append("remove the leftovers of interrupted creations and the keys without a disk with disk:orphans --clean\n");
        }
        return out.toString().stripTrailing();
    }
}
