package io.phyllome.host.storage.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.phyllome.host.hypervisor.DiskPool;
import io.phyllome.host.hypervisor.Secrets;
import io.phyllome.host.platform.StateDirectory;
import io.phyllome.host.storage.Storage;
import io.phyllome.host.storage.Volume;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.DiskSpec;
import io.phyllome.host.vm.VmException;

/**
 * VM disks as qcow2 files in the directory of the disk pool ({@code STATE/disks} unless another
 * pool is configured), which libvirt is told about after each change. An encrypted disk gets a
 * fresh random key, stored only as a hypervisor secret; the key is handed to {@code qemu-img}
 * through a pipe, never on a command line or in a file. A little over 300 lines: each operation
 * of the Storage SPI keeps its undo next to it (a failed step removes what it made).
 */
@Component
public class DiskStore implements Storage {

    private static final System.Logger LOG = System.getLogger(DiskStore.class.getName());
    static final String POOL = "disks";
    private static final String SUFFIX = ".qcow2";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Secrets secrets;
    private final DiskPool diskPool;

    @Activate
    public DiskStore(@Reference Secrets secrets, @Reference DiskPool diskPool) {
        this.secrets = secrets;
        this.diskPool = diskPool;
    }

    @Override
    public Volume create(String vmName, int index, DiskSpec disk) {
        Path file = pool().resolve(vmName + "-" + index + SUFFIX);
        CreationRecords.begin(file); // before the key and the file: a crash from here on is recognisable
        if (Files.exists(file)) { // someone's disk: checked only now, and left alone
            endQuietly(file);
            throw new VmException("disk " + file + " already exists (kept from an earlier VM named '" + vmName
                    + "'?): choose another name, or delete it with disk:delete " + file);
        }
        String secretUuid = "";
        FaultPoint.at("disk.recorded");
        try {
            if (disk.encrypted()) {
                byte[] key = DiskKeys.newKey();
                try {
                    secretUuid = secrets.defineVolumeKey(file.toString(), key);
                    FaultPoint.at("disk.key-stored");
                    QemuImg.createEncrypted(file, disk.size(), key);
                } finally {
                    Arrays.fill(key, (byte) 0);
                }
            } else {
                QemuImg.create(file, disk.size());
            }
            Files.setPosixFilePermissions(file, OWNER_ONLY);
            diskPool.refresh();
            return new Volume(POOL, file.getFileName().toString(), file.toString(), disk.size(), allocation(file), secretUuid);
        } catch (IOException | RuntimeException e) {
            removeQuietly(file, secretUuid, e);
            throw NoSpaceLeft.of(e, file, "create disk");
        }
    }

    @Override
    public byte[] exportCopy(Volume volume, Path target) {
        Path file = inPool(volume);
        if (!volume.encrypted()) {
            try {
                Files.copy(file, target);
                Files.setPosixFilePermissions(target, OWNER_ONLY);
                return new byte[0];
            } catch (IOException e) {
                throw new VmException("cannot copy disk " + file + " to " + target + ": " + e.getMessage(), e);
            }
        }
        // the copy gets its new key inside the pool, where the hypervisor may open disks
        Path copy = pool().resolve("export-" + UUID.randomUUID() + ".qcow2.part");
        byte[] key = DiskKeys.newKey();
        CreationRecords.begin(copy); // a crash during the copy leaves it recognisable for disk:orphans --clean
        try {
            Files.copy(file, copy);
            Files.setPosixFilePermissions(copy, OWNER_ONLY);
            FaultPoint.at("export.disk-copied");
            secrets.rekey(copy, volume.secretUuid(), key);
            Files.move(copy, target);
            CreationRecords.end(copy);
            diskPool.refresh();
            return key;
        } catch (IOException | RuntimeException e) {
            Arrays.fill(key, (byte) 0);
            removeQuietly(copy, "", e);
            throw e instanceof VmException v ? v : new VmException("cannot copy disk " + file + " to " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Volume adopt(String vmName, int index, Path source, byte[] key) {
        Path file = pool().resolve(vmName + "-" + index + SUFFIX);
        if (Files.exists(file) || Files.exists(CreationRecords.of(file))) {
            throw new VmException("disk " + file + " already exists, or a crash interrupted its creation (see disk:orphans):"
                    + " import under another name");
        }
        QemuImg.checkStandalone(source);
        boolean encrypted = QemuImg.encrypted(source);
        if (encrypted != (key.length > 0)) {
            throw new VmException("disk " + source + (encrypted ? " is encrypted but comes without a key" : " is not encrypted but comes with a key")
                    + ": the package is not one the platform wrote; export the VM again");
        }
        String secretUuid = "";
        CreationRecords.begin(file); // as for a new disk: until a definition refers to it, a crash leaves it recognisable
        if (Files.exists(file)) { // made meanwhile by another process: not ours to remove
            endQuietly(file);
            throw new VmException("disk " + file + " already exists: import under another name");
        }
        try {
            Files.copy(source, file);
            Files.setPosixFilePermissions(file, OWNER_ONLY);
            FaultPoint.at("import.disk-copied");
            if (encrypted) {
                QemuImg.checkKey(file, key);
                secretUuid = secrets.defineVolumeKey(file.toString(), key);
            }
            diskPool.refresh();
            return volume(file, secretUuid);
        } catch (IOException | RuntimeException e) {
            removeQuietly(file, secretUuid, e);
            throw e instanceof VmException v ? v : new VmException("cannot import disk " + source + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(Volume volume) {
        Path file = Path.of(volume.path());
        Path pool = diskPool.directory();
        if (!file.startsWith(pool)) {
            throw new VmException("refusing to delete " + file + ": the platform only deletes disks in " + pool);
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new VmException("cannot delete disk " + file + ": " + e.getMessage(), e);
        }
        FaultPoint.at("disk.file-deleted");
        diskPool.refresh();
        if (volume.encrypted()) {
            secrets.delete(volume.secretUuid());
        }
        confirm(volume); // its record goes last: until then a crash leaves it recognisable
    }

    @Override
    public void beginDelete(Volume volume) {
        CreationRecords.begin(Path.of(volume.path())); // the same journal as a creation: unfinished until deleted
    }

    @Override
    public void confirm(Volume volume) {
        try {
            if (CreationRecords.end(Path.of(volume.path()))) {
                diskPool.refresh(); // libvirt lists every file of the directory, the record too
            }
        } catch (IOException e) {
            // harmless: a VM refers to the volume, so disk:orphans never takes it for a leftover
            LOG.log(System.Logger.Level.WARNING, "cannot remove the creation record of " + volume.path() + ": " + e.getMessage());
        }
    }

    @Override
    public List<Volume> unconfirmed() {
        List<Path> files = CreationRecords.abandoned(diskPool.directory());
        if (files.isEmpty()) {
            return List.of(); // the common case asks libvirt nothing
        }
        Map<String, String> keys = secrets.volumeKeys();
        List<Volume> volumes = new ArrayList<>();
        for (Path file : files) {
            volumes.add(leftover(file, keys.getOrDefault(file.toString(), "")));
        }
        return volumes;
    }

    /** A volume a crash left behind: its file may be half-written or missing (capacity 0 then). */
    private static Volume leftover(Path file, String secretUuid) {
        try {
            return volume(file, secretUuid);
        } catch (RuntimeException unreadable) {
            return new Volume(POOL, file.getFileName().toString(), file.toString(), new ByteSize(0), allocation(file), secretUuid);
        }
    }

    @Override
    public Optional<Volume> find(String path) {
        Path file = Path.of(path);
        if (!file.startsWith(diskPool.directory()) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(volume(file, secrets.findVolumeKey(path).orElse("")));
    }

    private static Volume volume(Path file, String secretUuid) {
        return new Volume(POOL, file.getFileName().toString(), file.toString(), QemuImg.virtualSize(file), allocation(file), secretUuid);
    }

    @Override
    public List<Volume> list() {
        List<Volume> volumes = new ArrayList<>();
        Path pool = diskPool.directory();
        if (!Files.isDirectory(pool)) {
            return volumes;
        }
        Map<String, String> keys = secrets.volumeKeys(); // one listing of the secrets for all volumes
        try (DirectoryStream<Path> files = Files.newDirectoryStream(pool, "*" + SUFFIX)) {
            for (Path file : files) {
                String key = keys.getOrDefault(file.toString(), "");
                try {
                    if (Files.isRegularFile(file)) {
                        volumes.add(volume(file, key));
                    }
                } catch (RuntimeException unreadable) { // another process deletes it, or is still writing it
                    if (Files.exists(CreationRecords.of(file))) {
                        volumes.add(leftover(file, key));
                    } else if (Files.exists(file)) {
                        throw unreadable;
                    }
                }
            }
        } catch (IOException e) {
            throw new VmException("cannot list " + pool + ": " + e.getMessage(), e);
        }
        return volumes;
    }

    @Override
    public List<String> orphanKeys() {
        return secrets.volumeKeys().entrySet().stream()
                .filter(key -> orphan(Path.of(key.getKey())))
                .map(Map.Entry::getValue).sorted().toList();
    }

    /**
     * Whether the key of {@code volume} has no disk: not while a creation record is there, for a
     * disk being created gets its key before its file (an interrupted one is a leftover of its own).
     */
    private boolean orphan(Path volume) {
        return volume.startsWith(diskPool.directory()) && !Files.exists(volume) && !Files.exists(CreationRecords.of(volume));
    }

    @Override
    public void removeOrphanKeys() {
        orphanKeys().forEach(secrets::delete);
    }

    private Path inPool(Volume volume) {
        Path file = Path.of(volume.path());
        if (!file.startsWith(diskPool.directory()) || !Files.isRegularFile(file)) {
            throw new VmException("no disk of the platform at " + file + ": disk:list shows them");
        }
        return file;
    }

    /** The pool directory, searchable by QEMU's user as libvirt's DAC driver requires. */
    private Path pool() {
        Path pool = diskPool.directory();
        try {
            Files.createDirectories(pool);
            Files.setPosixFilePermissions(pool, PosixFilePermissions.fromString("rwx--x--x"));
            return pool;
        } catch (IOException e) {
            throw new VmException("cannot create the disk pool " + pool + ": " + e.getMessage()
                    + " (set " + StateDirectory.PROPERTY + " to a writable directory)", e);
        }
    }

    private void removeQuietly(Path file, String secretUuid, Exception failure) {
        try {
            Files.deleteIfExists(file);
            if (!secretUuid.isEmpty()) {
                secrets.delete(secretUuid);
            }
            CreationRecords.end(file);
        } catch (IOException | RuntimeException cleanup) {
            failure.addSuppressed(cleanup);
        }
    }

    /** Drops this process's creation record of {@code file}, which it did not create after all. */
    private static void endQuietly(Path file) {
        try {
            CreationRecords.end(file);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot remove the creation record of " + file + ": " + e.getMessage());
        }
    }

    private static ByteSize allocation(Path file) {
        try {
            Object blocks = Files.getAttribute(file, "unix:size");
            return new ByteSize(((Number) blocks).longValue());
        } catch (IOException | UnsupportedOperationException e) {
            return new ByteSize(0);
        }
    }
}
