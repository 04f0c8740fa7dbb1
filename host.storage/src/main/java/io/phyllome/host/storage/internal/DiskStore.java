package io.phyllome.host.storage.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.phyllome.host.hypervisor.Secrets;
import io.phyllome.host.platform.StateDirectory;
import io.phyllome.host.storage.Storage;
import io.phyllome.host.storage.Volume;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.DiskSpec;
import io.phyllome.host.vm.VmException;

/**
 * VM disks as qcow2 files in the state directory's {@code disks} pool. An encrypted disk gets a
 * fresh random key, stored only as a hypervisor secret; the key is handed to {@code qemu-img}
 * through a pipe, never on a command line or in a file.
 */
@Component
public class DiskStore implements Storage {

    private static final System.Logger LOG = System.getLogger(DiskStore.class.getName());
    static final String POOL = "disks";
    private static final String SUFFIX = ".qcow2";

    private final Secrets secrets;
    private final Path pool;

    @Activate
    public DiskStore(@Reference Secrets secrets, BundleContext context) {
        this(secrets, StateDirectory.resolve(context::getProperty).resolve(POOL));
    }

    DiskStore(Secrets secrets, Path pool) {
        this.secrets = secrets;
        this.pool = pool;
    }

    @Override
    public Volume create(String vmName, int index, DiskSpec disk) {
        Path file = pool().resolve(vmName + "-" + index + SUFFIX);
        if (Files.exists(CreationRecords.of(file))) {
            throw new VmException("disk " + file + " is being created by another platform process, or a crash interrupted its creation:"
                    + " see disk:orphans, and remove what a crash left with disk:orphans --clean");
        }
        if (Files.exists(file)) {
            throw new VmException("disk " + file + " already exists (kept from an earlier VM named '" + vmName
                    + "'?): choose another name, or delete it with disk:delete " + file);
        }
        String secretUuid = "";
        CreationRecords.begin(file); // before the key and the file: a crash from here on is recognisable
        try {
            if (disk.encrypted()) {
                byte[] key = DiskKeys.newKey();
                try {
                    secretUuid = secrets.defineVolumeKey(file.toString(), key);
                    QemuImg.createEncrypted(file, disk.size(), key);
                } finally {
                    Arrays.fill(key, (byte) 0);
                }
            } else {
                QemuImg.create(file, disk.size());
            }
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return new Volume(POOL, file.getFileName().toString(), file.toString(), disk.size(), allocation(file), secretUuid);
        } catch (IOException | RuntimeException e) {
            removeQuietly(file, secretUuid, e);
            throw e instanceof VmException v ? v : new VmException("cannot create disk " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(Volume volume) {
        Path file = Path.of(volume.path());
        if (!file.startsWith(pool)) {
            throw new VmException("refusing to delete " + file + ": the platform only deletes disks in " + pool);
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new VmException("cannot delete disk " + file + ": " + e.getMessage(), e);
        }
        if (volume.encrypted()) {
            secrets.delete(volume.secretUuid());
        }
        confirm(volume); // its record goes last: until then a crash leaves it recognisable
    }

    @Override
    public void confirm(Volume volume) {
        try {
            CreationRecords.end(Path.of(volume.path()));
        } catch (IOException e) {
            // harmless: a VM refers to the volume, so disk:orphans never takes it for a leftover
            LOG.log(System.Logger.Level.WARNING, "cannot remove the creation record of " + volume.path() + ": " + e.getMessage());
        }
    }

    @Override
    public List<Volume> unconfirmed() {
        List<Path> files = CreationRecords.abandoned(pool);
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
        if (!file.startsWith(pool) || !Files.isRegularFile(file)) {
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
        if (!Files.isDirectory(pool)) {
            return volumes;
        }
        Map<String, String> keys = secrets.volumeKeys(); // one listing of the secrets for all volumes
        try (DirectoryStream<Path> files = Files.newDirectoryStream(pool, "*" + SUFFIX)) {
            for (Path file : files) {
                if (Files.isRegularFile(file)) {
                    volumes.add(volume(file, keys.getOrDefault(file.toString(), "")));
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
                .filter(key -> Path.of(key.getKey()).startsWith(pool) && !Files.exists(Path.of(key.getKey())))
                .map(Map.Entry::getValue).sorted().toList();
    }

    @Override
    public void removeOrphanKeys() {
        orphanKeys().forEach(secrets::delete);
    }

    /** The pool directory, searchable by QEMU's user as libvirt's DAC driver requires. */
    private Path pool() {
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

    private static ByteSize allocation(Path file) {
        try {
            Object blocks = Files.getAttribute(file, "unix:size");
            return new ByteSize(((Number) blocks).longValue());
        } catch (IOException | UnsupportedOperationException e) {
            return new ByteSize(0);
        }
    }
}
