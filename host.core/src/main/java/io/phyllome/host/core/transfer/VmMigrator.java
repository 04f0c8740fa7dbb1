package io.phyllome.host.core.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import io.phyllome.host.core.transfer.VmCreator.DiskSource;
import io.phyllome.host.hypervisor.Domain;
import io.phyllome.host.hypervisor.DomainDefinition;
import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.hypervisor.Hypervisor;
import io.phyllome.host.hypervisor.RemoteHost;
import io.phyllome.host.hypervisor.RemoteHosts;
import io.phyllome.host.platform.HostFingerprint;
import io.phyllome.host.storage.Volume;
import io.phyllome.host.vm.DiskSpec;
import io.phyllome.host.vm.NoSuchVmException;
import io.phyllome.host.vm.VmException;
import io.phyllome.host.vm.VmInfo;
import io.phyllome.host.vm.VmSpec;
import io.phyllome.host.vm.VmState;

/**
 * {@code vm:migrate}: a shut-off VM moves to another libvirt host through the package format. The
 * package is written to a temporary directory of this host under a one-time passphrase that
 * never leaves the process, and imported on the other host: its disks and boot files are
 * uploaded into that host's disk pool, their keys stored in its secret store and the VM defined
 * with the devices its profile chooses for that host. The VM stays here, shut off, until the
 * user deletes it.
 */
final class VmMigrator {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final VmPackager packager;
    private final Hypervisor hypervisor;
    private final VmCreator creator;
    private final Supplier<Optional<RemoteHosts>> remoteHosts;
    private final Supplier<Optional<HostFingerprint>> fingerprint;

    VmMigrator(VmPackager packager, Hypervisor hypervisor, VmCreator creator, Supplier<Optional<RemoteHosts>> remoteHosts,
            Supplier<Optional<HostFingerprint>> fingerprint) {
        this.packager = packager;
        this.hypervisor = hypervisor;
        this.creator = creator;
        this.remoteHosts = remoteHosts;
        this.fingerprint = fingerprint;
    }

    List<String> migrate(String name, String uri, String pool) {
        Domain domain = hypervisor.find(name).orElseThrow(() -> new NoSuchVmException(name));
        if (domain.state() != VmState.SHUT_OFF) {
            throw new VmException("VM '" + name + "' is " + domain.state() + ": shut it down first (vm:shutdown " + name + "). A VM moves"
                    + " shut off: a live move would need its disks' keys on the other host before it arrives, and they never leave libvirt here");
        }
        RemoteHosts hosts = remoteHosts.get().orElseThrow(() -> new VmException("the hypervisor adapter cannot reach other hosts"));
        try (RemoteHost target = hosts.open(uri, pool)) {
            if (target.hasVm(name)) {
                throw new VmException("a VM named '" + name + "' exists on " + uri + " already: delete or rename one of them first");
            }
            List<String> report = new ArrayList<>();
            fingerprint.get().ifPresent(f -> f.compareTarget(target.capabilities()).forEach(difference -> report.add("note: " + difference)));
            VmInfo moved = through(name, new Elsewhere(target));
            report.addAll(moved.findings());
            report.add("moved " + name + " to " + uri + ", where it is defined and shut off; it stays here too, shut off:"
                    + " once it runs there, delete it here with vm:delete --with-disks " + name);
            return report;
        }
    }

    /** Exports the VM to a temporary package and imports that at {@code destination}. */
    private VmInfo through(String name, Destination destination) {
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        char[] passphrase = Base64.getEncoder().encodeToString(random).toCharArray();
        Arrays.fill(random, (byte) 0);
        Path pkg = null;
        try {
            pkg = Files.createTempDirectory("phyllome-move-");
            packager.export(name, pkg, passphrase);
            return packager.importTo(destination, pkg, passphrase, name, false);
        } catch (IOException e) {
            throw new VmException("cannot make a temporary directory for the move: " + e.getMessage(), e);
        } finally {
            Arrays.fill(passphrase, ' ');
            delete(pkg);
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            Trees.delete(dir, false);
        } catch (IOException e) {
            System.getLogger(VmMigrator.class.getName()).log(System.Logger.Level.WARNING, "cannot remove " + dir + ": " + e.getMessage());
        }
    }

    /** The other host as a package's destination and as the host the VM is created on. */
    private final class Elsewhere implements Destination, VmCreator.Host {

        private final RemoteHost target;

        Elsewhere(RemoteHost target) {
            this.target = target;
        }

        @Override
        public Volume disk(String vmName, int index, DiskSpec disk, Path file, byte[] key) {
            String path = target.upload(file, vmName + "-" + index + ".qcow2");
            String secret = "";
            try {
                if (key.length > 0) {
                    secret = target.defineVolumeKey(path, key);
                }
            } catch (RuntimeException e) {
                target.remove(path, "");
                throw e;
            }
            return new Volume(target.uri(), Path.of(path).getFileName().toString(), path, disk.size(), disk.size(), secret);
        }

        @Override
        public Path bootFile(Path file, String name) {
            return Path.of(target.upload(file, name));
        }

        @Override
        public void removeBootFile(Path path, String name) {
            target.remove(path.toString(), "");
        }

        @Override
        public VmInfo create(VmSpec spec, DiskSource disks, List<String> findings) {
            return creator.createOn(this, spec, disks, findings);
        }

        @Override
        public Optional<String> firmwareVariables(String vmName, Path file) {
            return Optional.of("note: its UEFI variables stay on this host: the firmware there starts with fresh ones");
        }

        @Override
        public HostCapabilities capabilities() {
            return target.capabilities();
        }

        @Override
        public boolean hasVm(String name) {
            return target.hasVm(name);
        }

        @Override
        public Domain define(DomainDefinition definition) {
            return target.define(definition);
        }

        @Override
        public void remove(Volume volume) {
            target.remove(volume.path(), volume.secretUuid());
        }
    }
}
