package io.phyllome.host.core.transfer;

import static io.phyllome.host.core.transfer.PackageFiles.FORMAT;
import static io.phyllome.host.core.transfer.PackageFiles.VM_FILE;
import static io.phyllome.host.core.transfer.PackageFiles.KEYS_FILE;
import static io.phyllome.host.core.transfer.PackageFiles.HOST_FILE;
import static io.phyllome.host.core.transfer.PackageFiles.FIRMWARE_VARIABLES;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

import io.phyllome.host.core.faults.FaultInjection;
import io.phyllome.host.core.transfer.VmCreator.DiskSource;
import io.phyllome.host.hypervisor.Hypervisor;
import io.phyllome.host.platform.HostFingerprint;
import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.Profiles;
import io.phyllome.host.storage.MediaLibrary;
import io.phyllome.host.storage.Storage;
import io.phyllome.host.storage.Volume;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.DirectBoot;
import io.phyllome.host.vm.DiskSpec;
import io.phyllome.host.vm.VmException;
import io.phyllome.host.vm.VmInfo;
import io.phyllome.host.vm.VmSpec;

/** Verifies a package and defines its VM on a destination: this host, or another one a VM moves to. */
final class PackageImport {

    private final Hypervisor hypervisor;
    private final Storage storage;
    private final Profiles profiles;
    private final MediaLibrary media;
    private final VmCreator creator;
    private final Supplier<Optional<HostFingerprint>> fingerprint;
    private final TransferJournal journal = TransferJournal.here();

    PackageImport(Hypervisor hypervisor, Storage storage, Profiles profiles, MediaLibrary media, VmCreator creator,
            Supplier<Optional<HostFingerprint>> fingerprint) {
        this.hypervisor = hypervisor;
        this.storage = storage;
        this.profiles = profiles;
        this.media = media;
        this.creator = creator;
        this.fingerprint = fingerprint;
    }

    /** This host, as the destination of {@link #importTo}. */
    Destination here() {
        return here;
    }

    /** This host as the destination of a package: disks adopted into its pool, boot files into its media library. */
    private final Destination here = new Destination() {
        @Override
        public Volume disk(String vmName, int index, DiskSpec disk, Path file, byte[] key) {
            return storage.adopt(vmName, index, file, key);
        }

        @Override
        public Path bootFile(Path file, String name) {
            if (media.find(name).isPresent()) {
                throw new VmException("the media library has a '" + name + "' already (from an earlier VM of that name?): remove it with"
                        + " media:remove " + name + " or import under another name");
            }
            try {
                return media.importFile(file, Manifest.sha256(file), name, percent -> {
                }).path();
            } catch (IOException e) {
                throw new VmException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void removeBootFile(Path path, String name) {
            media.remove(name);
        }

        @Override
        public VmInfo create(VmSpec spec, DiskSource disks, List<String> findings) {
            return creator.create(spec, disks, findings);
        }

        @Override
        public Optional<String> firmwareVariables(String vmName, Path file) {
            hypervisor.restoreFirmwareVariables(vmName, file);
            return Optional.empty();
        }
    };

    /**
     * Verifies the package in {@code directory} and creates its VM at {@code destination}.
     *
     * @param fromElsewhere whether the package comes from another host, whose fingerprint this
     *                      host is compared with
     */
    VmInfo importTo(Destination destination, Path directory, char[] passphrase, String name, boolean fromElsewhere) {
        if (!Files.isDirectory(directory)) {
            throw new VmException("no VM package at " + directory + ": give the directory vm:export wrote");
        }
        try {
            Path dir = directory.toRealPath();
            KeyWrap wrap = openSeal(dir, passphrase);
            Manifest.verify(dir);
            Map<String, String> vm = PropertiesFile.read(dir.resolve(VM_FILE));
            if (!FORMAT.equals(vm.get("format"))) {
                throw new VmException(dir + " holds a package of format '" + vm.get("format") + "', which this platform does not read (it reads " + FORMAT + ")");
            }
            checkFileNames(dir, vm);
            String vmName = name == null || name.isBlank() ? required(vm, "name") : name;
            String profile = required(vm, "profile");
            GuestProfile guestProfile = profiles.find(profile).orElseThrow(() -> new VmException("the VM needs the guest profile '" + profile + "'"
                    + (vm.getOrDefault("profile.version", "").isEmpty() ? "" : " (version " + vm.get("profile.version") + ")")
                    + ", which this host lacks: install it (profile:available, profile:install " + profile + ") and import again"));
            List<String> findings = new ArrayList<>(fromElsewhere ? hostDifferences(dir) : List.of());
            String version = PackageFiles.version(guestProfile);
            String exported = vm.getOrDefault("profile.version", "");
            if (!exported.isEmpty() && !exported.equals(version)) {
                findings.add("note: profile '" + profile + "' is " + version + " here and was " + exported + " where the VM was exported");
            }
            List<byte[]> keys = unwrapKeys(dir, vm, wrap);
            try {
                return define(destination, dir, vm, vmName, keys, findings);
            } finally {
                keys.forEach(key -> Arrays.fill(key, (byte) 0));
            }
        } catch (IOException e) {
            throw new VmException("cannot read the package " + directory + ": " + e.getMessage(), e);
        }
    }

    /** The passphrase's keys, once they prove the manifest is the one the export sealed. */
    private static KeyWrap openSeal(Path dir, char[] passphrase) throws IOException {
        if (!Files.isRegularFile(dir.resolve(Manifest.FILE), LinkOption.NOFOLLOW_LINKS)
                || !Files.isRegularFile(dir.resolve(Manifest.SEAL), LinkOption.NOFOLLOW_LINKS)) {
            throw new VmException(dir + " is not a VM package: it lacks " + Manifest.FILE + " or " + Manifest.SEAL + " (vm:export writes both)");
        }
        Map<String, String> keys = PropertiesFile.read(dir.resolve(KEYS_FILE));
        if (!KeyWrap.ALGORITHM.equals(keys.get("algorithm"))) {
            throw new VmException("the package is protected with '" + keys.get("algorithm") + "', which this platform does not read");
        }
        KeyWrap wrap = KeyWrap.forImport(passphrase, required(keys, "salt"), required(keys, "iterations"));
        wrap.checkSeal(Files.readAllBytes(dir.resolve(Manifest.FILE)), Files.readString(dir.resolve(Manifest.SEAL)));
        return wrap;
    }

    /** Only the names an export writes: nothing that reaches outside the package. */
    private static void checkFileNames(Path dir, Map<String, String> vm) {
        vm.forEach((key, value) -> {
            boolean disk = key.matches("disk\\.\\d+\\.file");
            boolean boot = key.equals("boot.kernel") || key.equals("boot.initrd");
            boolean variables = key.equals("firmware.variables");
            if ((disk && !value.matches("disks/disk-\\d+\\.qcow2")) || (boot && !value.equals("boot/" + key.substring(5)))
                    || (variables && !value.equals(FIRMWARE_VARIABLES))) {
                throw new VmException("the package names '" + value + "' for " + key + ", which no export writes: export the VM again");
            }
            if ((disk || boot || variables) && !Files.isRegularFile(dir.resolve(value), LinkOption.NOFOLLOW_LINKS)) {
                throw new VmException("the package lacks " + value + ": copy the whole package again");
            }
        });
    }

    private VmInfo define(Destination destination, Path dir, Map<String, String> vm, String vmName, List<byte[]> keys, List<String> findings) {
        VmSpec.Builder spec = VmSpec.builder(required(vm, "profile"), vmName).memory(new ByteSize(Long.parseLong(required(vm, "memory"))))
                .cpus(Integer.parseInt(required(vm, "cpus")));
        vm.forEach((key, value) -> {
            if (key.startsWith("option.")) {
                spec.option(key.substring("option.".length()), value);
            }
        });
        List<Path> disks = new ArrayList<>();
        for (int i = 0; vm.containsKey("disk." + i + ".file"); i++) {
            disks.add(dir.resolve(vm.get("disk." + i + ".file")));
            spec.disk(new DiskSpec(new ByteSize(Long.parseLong(required(vm, "disk." + i + ".size"))),
                    Boolean.parseBoolean(vm.get("disk." + i + ".encrypted"))));
        }
        Map<String, Path> bootFiles = new TreeMap<>();
        // this host's media library is outside the disks' creation records: a crash leaves them to the journal
        boolean existedBefore = destination == here && hypervisor.find(vmName).isPresent(); // then the creation fails as it should
        Optional<Path> record = destination == here ? journal.beginImport(vmName) : Optional.empty();
        try {
            if (vm.containsKey("boot.kernel")) {
                Path kernel = bootFile(destination, dir.resolve(vm.get("boot.kernel")), vmName + ".kernel", bootFiles, record);
                Path initrd = vm.containsKey("boot.initrd") ? bootFile(destination, dir.resolve(vm.get("boot.initrd")), vmName + ".initrd", bootFiles, record)
                        : null;
                spec.directBoot(new DirectBoot(kernel, initrd, vm.getOrDefault("boot.cmdline", "")));
            }
            FaultInjection.point(FaultInjection.VM_IMPORT_BOOT_FILES);
            VmInfo created = destination.create(spec.build(), (name, index, disk) -> destination.disk(name, index, disk, disks.get(index), keys.get(index)),
                    findings);
            TransferJournal.end(record); // the VM refers to its boot files now
            return vm.containsKey("firmware.variables") ? withVariables(destination, created, dir.resolve(vm.get("firmware.variables"))) : created;
        } catch (RuntimeException e) {
            if (destination == here && !existedBefore && definedAnyway(vmName, e)) {
                throw e; // libvirt defined it before it restarted: its boot files stay, the journal's record lets the repair decide
            }
            bootFiles.forEach((name, path) -> {
                try {
                    destination.removeBootFile(path, name);
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
            });
            TransferJournal.end(record);
            throw e;
        }
    }

    /** Whether the VM exists although its creation failed; when that cannot be told, it may. */
    private boolean definedAnyway(String vmName, RuntimeException failure) {
        try {
            return hypervisor.find(vmName).isPresent();
        } catch (RuntimeException unknown) {
            failure.addSuppressed(unknown);
            return true;
        }
    }

    /** The created VM with its UEFI variables, or with a finding that says why it starts with fresh ones. */
    private static VmInfo withVariables(Destination destination, VmInfo created, Path file) {
        Optional<String> finding;
        try {
            finding = destination.firmwareVariables(created.name(), file);
        } catch (VmException e) { // the VM exists: it runs with fresh variables all the same
            finding = Optional.of("warning: its UEFI variables were not restored (" + e.getMessage() + "): the firmware starts with fresh ones");
        }
        return created.withFindings(finding.stream().toList());
    }

    private Path bootFile(Destination destination, Path file, String name, Map<String, Path> taken, Optional<Path> record) {
        TransferJournal.note(record, journal.mediaFile(name));
        Path path = destination.bootFile(file, name);
        taken.put(name, path);
        return path;
    }

    /** How this host differs from the one the package came from, as findings. */
    private List<String> hostDifferences(Path dir) throws IOException {
        Optional<HostFingerprint> here = fingerprint.get();
        if (here.isEmpty() || !Files.isRegularFile(dir.resolve(HOST_FILE))) {
            return List.of();
        }
        return here.get().compare(PropertiesFile.read(dir.resolve(HOST_FILE))).stream()
                .map(difference -> "note: unlike the host the VM comes from, " + difference).toList();
    }

    /** The keys of the package's disks in disk order, empty arrays for unencrypted disks. */
    private static List<byte[]> unwrapKeys(Path dir, Map<String, String> vm, KeyWrap wrap) throws IOException {
        Map<String, String> wrapped = PropertiesFile.read(dir.resolve(KEYS_FILE));
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; vm.containsKey("disk." + i + ".file"); i++) {
            String file = vm.get("disk." + i + ".file");
            if (!Boolean.parseBoolean(vm.get("disk." + i + ".encrypted"))) {
                keys.add(new byte[0]);
                continue;
            }
            try {
                keys.add(wrap.unwrap(file, required(wrapped, "key." + file)));
            } catch (VmException e) {
                keys.forEach(key -> Arrays.fill(key, (byte) 0));
                throw e;
            }
        }
        return keys;
    }

    private static String required(Map<String, String> values, String key) {
        String value = values.get(key);
        if (value == null || value.isEmpty()) {
            throw new VmException("the package lacks '" + key + "': export the VM again");
        }
        return value;
    }
}
