package io.phyllome.host.core.transfer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

import io.phyllome.host.platform.StateDirectory;
import io.phyllome.host.vm.VmException;

/**
 * Exports and imports under way, in {@code STATE/journal}: a record names the process, then what
 * a crash would leave that nothing else would find — an export's package directory (outside the
 * state directory), an import's files in the media library (its disks have creation records of
 * their own). It is written before the first of them and removed once the work is complete or
 * undone; a record whose process is gone names a crash's leftovers, which {@code disk:orphans}
 * reports and {@code --clean} removes. Lines: pid, start time, kind, subject, then files.
 */
public final class TransferJournal {

    /** What an interrupted export ({@code kind} "export": the package directory) or import ("import": the VM's name) left. */
    public record Leftover(String kind, String subject, boolean existed, List<Path> files, Path record) {

        /** In words, for disk:orphans. */
        @Override
        public String toString() {
            return switch (kind) {
                case "export" -> "vm:export: a half-written package " + subject;
                case "import" -> "vm:import: the boot files of VM " + subject + " " + files;
                default -> "command: its journal record " + record; // torn: nothing was made yet
            };
        }
    }

    private final Path dir;

    private TransferJournal(Path dir) {
        this.dir = dir;
    }

    /** The journal in {@code dir} (for tests). */
    static TransferJournal at(Path dir) {
        return new TransferJournal(dir);
    }

    /** The journal of this platform's state directory; one that records nothing outside a framework (unit tests). */
    public static TransferJournal here() {
        Bundle bundle = FrameworkUtil.getBundle(TransferJournal.class);
        if (bundle == null || bundle.getBundleContext() == null) {
            return new TransferJournal(null);
        }
        return new TransferJournal(StateDirectory.resolve(bundle.getBundleContext()::getProperty).resolve("journal"));
    }

    /** Records, durably, that this process writes the package {@code directory} (which {@code existed}, empty, or not). */
    Optional<Path> beginExport(Path directory, boolean existed) {
        return begin("export", directory + "\n" + existed);
    }

    /** Records that this process imports a VM named {@code vmName}; its media files follow with {@link #note}. */
    Optional<Path> beginImport(String vmName) {
        return begin("import", vmName + "\nfalse");
    }

    /** Where the media library keeps the file {@code name} (beside the journal, in the state directory). */
    Path mediaFile(String name) {
        return dir == null ? Path.of(name) : dir.resolveSibling("media").resolve(name);
    }

    /** Adds a file the work made, before it is made. */
    static void note(Optional<Path> record, Path file) {
        if (record.isPresent()) {
            try {
                Files.writeString(record.get(), file + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
            } catch (IOException e) {
                throw new VmException("cannot record " + file + " in " + record.get() + ": " + e.getMessage(), e);
            }
        }
    }

    /** The work is complete, or undone. */
    static void end(Optional<Path> record) {
        try {
            if (record.isPresent()) {
                Files.deleteIfExists(record.get());
            }
        } catch (IOException e) {
            throw new VmException("cannot remove " + record.get() + ": " + e.getMessage(), e);
        }
    }

    /** What interrupted work left: the records whose process is no longer running. */
    public List<Leftover> abandoned() {
        List<Leftover> found = new ArrayList<>();
        if (dir == null || !Files.isDirectory(dir)) {
            return found;
        }
        try (DirectoryStream<Path> records = Files.newDirectoryStream(dir, "*.record")) {
            for (Path record : records) {
                List<String> lines = Files.readAllLines(record, StandardCharsets.UTF_8);
                if (lines.size() < 5) {
                    found.add(new Leftover("torn", "", false, List.of(), record)); // the crash came while it was written: nothing made yet
                } else if (!running(Long.parseLong(lines.get(0)), Long.parseLong(lines.get(1)))) {
                    found.add(new Leftover(lines.get(2), lines.get(3), Boolean.parseBoolean(lines.get(4)),
                            lines.subList(5, lines.size()).stream().map(Path::of).toList(), record));
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new VmException("cannot read the journal " + dir + ": " + e.getMessage(), e);
        }
        return found;
    }

    /** Removes what {@code leftover} names, unless it belongs to one of the VMs {@code vms} (an import that defined its VM). */
    public static void remove(Leftover leftover, Set<String> vms) {
        try {
            if (leftover.kind().equals("export") && Files.isDirectory(Path.of(leftover.subject()))) {
                Trees.delete(Path.of(leftover.subject()), leftover.existed());
            } else if (leftover.kind().equals("import") && !vms.contains(leftover.subject())) {
                for (Path file : leftover.files()) {
                    Files.deleteIfExists(file);
                    Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".sha256")); // the media library's checksum beside it
                }
            }
            Files.deleteIfExists(leftover.record());
        } catch (IOException e) {
            throw new VmException("cannot remove " + leftover + ": " + e.getMessage(), e);
        }
    }

    private Optional<Path> begin(String kind, String subject) {
        if (dir == null) {
            return Optional.empty();
        }
        ProcessHandle self = ProcessHandle.current();
        String text = self.pid() + "\n" + self.info().startInstant().map(i -> i.toEpochMilli()).orElse(0L) + "\n" + kind + "\n" + subject + "\n";
        Path record = dir.resolve(UUID.randomUUID() + ".record");
        try {
            Files.createDirectories(dir);
            Files.writeString(record, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            return Optional.of(record);
        } catch (IOException e) {
            throw new VmException("cannot record the " + kind + " of " + subject.lines().findFirst().orElse("") + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Whether the process with that id and start time still runs (a reused id has another start time). */
    private static boolean running(long pid, long started) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .map(p -> started == 0 || p.info().startInstant().map(i -> i.toEpochMilli() == started).orElse(true)).orElse(false);
    }
}
