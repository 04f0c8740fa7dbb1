package io.phyllome.host.core.transfer;

import static io.phyllome.host.core.transfer.PackageFiles.FORMAT;
import static io.phyllome.host.core.transfer.PackageFiles.VM_FILE;
import static io.phyllome.host.core.transfer.PackageFiles.KEYS_FILE;
import static io.phyllome.host.core.transfer.PackageFiles.HOST_FILE;
import static io.phyllome.host.core.transfer.PackageFiles.FIRMWARE_VARIABLES;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.phyllome.host.core.faults.FaultInjection;
import io.phyllome.host.hypervisor.Domain;
import io.phyllome.host.hypervisor.Hypervisor;
import io.phyllome.host.platform.HostFingerprint;
import io.phyllome.host.profile.Profiles;
import io.phyllome.host.storage.Storage;
import io.phyllome.host.storage.Volume;
import io.phyllome.host.vm.DirectBoot;
import io.phyllome.host.vm.NoSuchVmException;
import io.phyllome.host.vm.VmDisk;
import io.phyllome.host.vm.VmException;
import io.phyllome.host.vm.VmPackage;
import io.phyllome.host.vm.VmSpec;
import io.phyllome.host.vm.VmState;

/** Writes a shut-off VM as a package, sealed with a passphrase; a failed export leaves nothing. */
final class PackageExport {

    private final Hypervisor hypervisor;
    private final Storage storage;
    private final Profiles profiles;
    private final Supplier<Optional<HostFingerprint>> fingerprint;
    private final TransferJournal journal = TransferJournal.here();

    PackageExport(Hypervisor hypervisor, Storage storage, Profiles profiles, Supplier<Optional<HostFingerprint>> fingerprint) {
        this.hypervisor = hypervisor;
        this.storage = storage;
        this.profiles = profiles;
        this.fingerprint = fingerprint;
    }

    VmPackage export(String name, Path directory, char[] passphrase) {
        Domain domain = hypervisor.find(name).orElseThrow(() -> new NoSuchVmException(name));
        if (domain.state() != VmState.SHUT_OFF) {
            throw new VmException("VM '" + name + "' is " + domain.state() + ": shut it down first (vm:shutdown " + name
                    + "), so that its disks do not change while they are copied");
        }
        KeyWrap wrap = KeyWrap.forExport(passphrase);
        Path dir = directory.toAbsolutePath().normalize();
        boolean existed = Files.exists(dir);
        Optional<Path> record = journal.beginExport(dir, existed); // before the directory: a crash from here on is repaired
        try {
            prepareEmpty(dir);
            VmPackage written = write(domain, dir, wrap);
            TransferJournal.end(record);
            return written;
        } catch (IOException | RuntimeException e) {
            if (!(e instanceof NotEmptyException)) {
                removeQuietly(dir, existed, e);
            }
            try {
                TransferJournal.end(record);
            } catch (VmException cleanup) {
                e.addSuppressed(cleanup);
            }
            if (NoSpace.full(e)) {
                throw new VmException(NoSpace.explain(dir), e); // whether the disk copy or a file of the package hit it
            }
            throw e instanceof VmException v ? v : new VmException("cannot write the package " + dir + ": " + e.getMessage(), e);
        }
    }

    private VmPackage write(Domain domain, Path dir, KeyWrap wrap) throws IOException {
        VmSpec spec = hypervisor.spec(domain.name());
        Map<String, String> vm = new TreeMap<>();
        Map<String, String> keys = new TreeMap<>();
        List<String> notes = new ArrayList<>();
        vm.put("format", FORMAT);
        vm.put("name", spec.name());
        vm.put("profile", spec.profile());
        vm.put("profile.version", profiles.find(spec.profile()).map(PackageFiles::version).orElse(""));
        vm.put("memory", Long.toString(spec.memory().orElseThrow().bytes()));
        vm.put("cpus", Integer.toString(spec.cpus()));
        spec.options().forEach((key, value) -> vm.put("option." + key, value));
        keys.put("algorithm", KeyWrap.ALGORITHM);
        keys.put("iterations", Integer.toString(wrap.iterations()));
        keys.put("salt", wrap.salt());

        Files.createDirectories(dir.resolve("disks"));
        int index = 0;
        for (VmDisk disk : domain.disks()) {
            if (!disk.managed()) {
                notes.add(disk.target() + " (" + disk.source() + ") is not a disk of the platform and stays behind");
                continue;
            }
            Volume volume = storage.find(disk.source()).orElseThrow(() -> new VmException("disk " + disk.source() + " of VM '"
                    + domain.name() + "' is missing: disk:list shows the disks there are"));
            String file = "disks/disk-" + index + ".qcow2";
            byte[] key = storage.exportCopy(volume, dir.resolve(file));
            try {
                if (key.length > 0) {
                    keys.put("key." + file, wrap.wrap(file, key));
                }
            } finally {
                Arrays.fill(key, (byte) 0);
            }
            vm.put("disk." + index + ".file", file);
            vm.put("disk." + index + ".size", Long.toString(volume.capacity().bytes()));
            vm.put("disk." + index + ".encrypted", Boolean.toString(volume.encrypted()));
            index++;
        }
        FaultInjection.point(FaultInjection.VM_EXPORT_DISKS_COPIED);
        if (spec.directBoot().isPresent()) {
            DirectBoot boot = spec.directBoot().get();
            Files.createDirectories(dir.resolve("boot"));
            Files.copy(boot.kernel(), dir.resolve("boot/kernel"));
            vm.put("boot.kernel", "boot/kernel");
            if (boot.initrd() != null) {
                Files.copy(boot.initrd(), dir.resolve("boot/initrd"));
                vm.put("boot.initrd", "boot/initrd");
            }
            vm.put("boot.cmdline", boot.cmdline());
        }
        Optional<Path> variables = hypervisor.firmwareVariables(domain.name());
        if (variables.isPresent()) {
            Files.createDirectories(dir.resolve("nvram"));
            Files.copy(variables.get(), dir.resolve(FIRMWARE_VARIABLES));
            vm.put("firmware.variables", FIRMWARE_VARIABLES);
        } else {
            notes.add("its UEFI variables are out of this platform's reach and stay behind: the firmware starts with fresh ones");
        }
        PropertiesFile.write(dir.resolve(VM_FILE), vm);
        PropertiesFile.write(dir.resolve(KEYS_FILE), keys);
        Files.writeString(dir.resolve("domain.xml"), hypervisor.nativeDefinition(domain.name()));
        Optional<HostFingerprint> host = fingerprint.get();
        if (host.isPresent()) {
            PropertiesFile.write(dir.resolve(HOST_FILE), host.get().components());
        }
        List<String> files = new ArrayList<>(Manifest.write(dir));
        FaultInjection.point(FaultInjection.VM_EXPORT_MANIFEST_WRITTEN);
        Files.writeString(dir.resolve(Manifest.SEAL), wrap.seal(Files.readAllBytes(dir.resolve(Manifest.FILE))) + "\n");
        files.add(Manifest.FILE);
        files.add(Manifest.SEAL);
        return new VmPackage(dir, domain.name(), spec.profile(), files, notes);
    }

    /** A package directory with something in it, which an export never touches. */
    private static final class NotEmptyException extends VmException {
        private static final long serialVersionUID = 1L;

        NotEmptyException(Path dir) {
            super(dir + " is not empty: give a new or empty directory for the package");
        }
    }

    /** Makes {@code dir} an empty directory. */
    private static void prepareEmpty(Path dir) {
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> entries = Files.list(dir)) {
                    if (entries.findAny().isPresent()) {
                        throw new NotEmptyException(dir);
                    }
                }
                return;
            }
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------")); // the owner's until copied on
        } catch (IOException e) {
            throw new VmException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Removes a failed export: the directory if the export made it, else what it wrote inside. */
    private static void removeQuietly(Path dir, boolean existed, Exception failure) {
        try {
            Trees.delete(dir, existed);
        } catch (IOException | RuntimeException cleanup) {
            failure.addSuppressed(cleanup);
        }
    }
}
