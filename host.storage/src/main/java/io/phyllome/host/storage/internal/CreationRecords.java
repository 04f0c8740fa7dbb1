package io.phyllome.host.storage.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.phyllome.host.vm.VmException;

/**
 * The journal of disk creations that are not complete yet: {@code NAME.qcow2.creating} beside the
 * volume, written before its key and file exist and removed once a VM's definition refers to it.
 * A record outlives its process only when that process died in between, so the records of dead
 * processes name exactly the volumes a crash left behind; a disk kept on purpose has none. A
 * record holds the id and start time of the process that wrote it and the host and boot it ran
 * in, nothing secret: a record of another host (a pool on a shared file system) is never taken
 * for a leftover here, and one of an earlier boot always is.
 */
final class CreationRecords {

    static final String SUFFIX = ".creating";
    /** This host's name, as records name it (no spaces). */
    private static final String HOST = hostName();

    private CreationRecords() {
    }

    static Path of(Path volume) {
        return volume.resolveSibling(volume.getFileName() + SUFFIX);
    }

    /**
     * Records that this process is creating {@code volume}; durable before the key and file exist.
     * Of processes that begin one volume at the same time, only one succeeds.
     *
     * @throws VmException when a record is there already: another process creates it, or a crash left it
     */
    static void begin(Path volume) {
        ProcessHandle self = ProcessHandle.current();
        String owner = self.pid() + " " + self.info().startInstant().map(i -> i.toEpochMilli()).orElse(0L) + " " + HOST + " " + boot() + "\n";
        try {
            Files.writeString(of(volume), owner, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    StandardOpenOption.SYNC);
        } catch (FileAlreadyExistsException e) {
            throw new VmException("disk " + volume + " is being created by another platform process, or a crash interrupted its creation:"
                    + " see disk:orphans, and remove what a crash left with disk:orphans --clean", e);
        } catch (IOException e) {
            throw new VmException("cannot record the creation of disk " + volume + ": " + e.getMessage(), e);
        }
    }

    /** The creation of {@code volume} is complete (or undone); true when a record was removed. */
    static boolean end(Path volume) throws IOException {
        return Files.deleteIfExists(of(volume));
    }

    /** The volumes in {@code pool} whose creation was begun by a process that is no longer running. */
    static List<Path> abandoned(Path pool) {
        List<Path> volumes = new ArrayList<>();
        if (!Files.isDirectory(pool)) {
            return volumes;
        }
        try (DirectoryStream<Path> records = Files.newDirectoryStream(pool, "*" + SUFFIX)) {
            for (Path record : records) {
                if (!ownerRunning(record)) {
                    String name = record.getFileName().toString();
                    volumes.add(record.resolveSibling(name.substring(0, name.length() - SUFFIX.length())));
                }
            }
        } catch (IOException e) {
            throw new VmException("cannot list " + pool + ": " + e.getMessage(), e);
        }
        volumes.sort(null);
        return volumes;
    }

    /**
     * Whether the process that wrote the record may still run: on another host (nothing to tell
     * from here), or here in this boot with the same id and start time (not a reused id).
     */
    private static boolean ownerRunning(Path record) {
        try {
            String[] owner = Files.readString(record, StandardCharsets.UTF_8).trim().split(" ");
            long pid = Long.parseLong(owner[0]);
            long started = Long.parseLong(owner[1]);
            if (owner.length >= 4) {
                if (!owner[2].equals(HOST)) {
                    return true;
                }
                if (!owner[3].equals(boot())) {
                    return false; // written before this host's last reboot
                }
            }
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            return process.isPresent() && process.get().isAlive()
                    && (started == 0 || process.get().info().startInstant().map(i -> i.toEpochMilli() == started).orElse(true));
        } catch (IOException | RuntimeException unreadable) {
            return false; // torn by the crash itself: its process is gone
        }
    }

    private static String hostName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim().replace(' ', '_');
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** This boot's id, which the kernel changes at every boot. */
    private static String boot() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
