package io.phyllome.distro.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures of FaultInjectionE2EIT as docs/reliability.md shows them: every case tried, what it
 * left, what the repair left and what was lost. Written to the run's work directory, and to the
 * file {@code phyllome.it.reliability.doc} names when set (tools/reliability.sh sets it).
 */
final class ReliabilityReport {

    /** One case: a command killed at one step (or run out of space), and what it came to. */
    record Row(String command, String step, String outcome, int leftoversFound, int leftoversAfterRepair, int lost, double seconds) {
    }

    private final List<Row> rows = new ArrayList<>();

    synchronized void add(Row row) {
        rows.add(row);
    }

    synchronized void write(Path work) {
        String text = render();
        writeTo(work.resolve("reliability.md"), text);
        String doc = System.getProperty("phyllome.it.reliability.doc", "");
        if (!doc.isBlank() && !doc.startsWith("${")) {
            writeTo(Path.of(doc), text);
        }
    }

    private String render() {
        int found = rows.stream().mapToInt(Row::leftoversFound).sum();
        int after = rows.stream().mapToInt(Row::leftoversAfterRepair).sum();
        int lost = rows.stream().mapToInt(Row::lost).sum();
        StringBuilder md = new StringBuilder("# Reliability\n\n");
        md.append("Written by `tools/reliability.sh` (the end-to-end test `FaultInjectionE2EIT`); do not edit by hand: run it again.\n")
                .append("Each case runs one platform command as `./phyllome COMMAND` does, against the system libvirtd, and halts the JVM at\n")
                .append("one of the command's steps (`-Dphyllome.fault.halt-at=STEP`, as `kill -9` or a power cut would), or runs it out of\n")
                .append("disk space on a small loop-mounted ext4; then starts the platform again and repairs (`disk:orphans --clean`). The\n")
                .append("user's VM, its disk and a disk kept by `vm:delete --keep-disks` sit in the same state directory throughout.\n\n")
                .append("- **leftovers found**: what the crash left that the repair reported (disks, keys, creation records, half-written\n")
                .append("  packages, boot files, partial downloads)\n")
                .append("- **after repair**: anything still orphaned afterwards: a disk no VM uses (other than the kept one), a key without its\n")
                .append("  disk, a creation or journal record, a half-written package directory, a partial download; should be 0\n")
                .append("- **lost**: the user's VM, disks or keys changed or gone, or a VM left without a disk it refers to; must be 0\n\n")
                .append("| | |\n|---|---|\n")
                .append("| date | ").append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))).append(" |\n")
                .append("| cases tried | ").append(rows.size()).append(" |\n")
                .append("| leftovers found and repaired | ").append(found).append(" |\n")
                .append("| leftovers after repair | ").append(after).append(" |\n")
                .append("| data lost | ").append(lost).append(" |\n")
                .append("| load average (1, 5, 15 min) at the end | ").append(loadAverage()).append(" (2 CPUs; other test runs share the machine) |\n")
                .append("| run time | ").append(String.format("%.0f s", rows.stream().mapToDouble(Row::seconds).sum())).append(" |\n\n")
                .append("| command | killed after / fault | outcome after restart and repair | leftovers found | after repair | lost | s |\n")
                .append("|---|---|---|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            md.append("| `").append(r.command()).append("` | ").append(r.step()).append(" | ").append(r.outcome()).append(" | ")
                    .append(r.leftoversFound()).append(" | ").append(r.leftoversAfterRepair()).append(" | ").append(r.lost()).append(" | ")
                    .append(String.format("%.1f", r.seconds())).append(" |\n");
        }
        return md.toString();
    }

    private static String loadAverage() {
        String[] fields = Host.read(Path.of("/proc/loadavg")).split(" ");
        return fields.length >= 3 ? fields[0] + " " + fields[1] + " " + fields[2] : "?";
    }

    private static void writeTo(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
