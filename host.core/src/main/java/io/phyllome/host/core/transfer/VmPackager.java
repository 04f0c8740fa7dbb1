package io.phyllome.host.core.transfer;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.phyllome.host.hypervisor.Hypervisor;
import io.phyllome.host.hypervisor.RemoteHosts;
import io.phyllome.host.platform.HostFingerprint;
import io.phyllome.host.profile.Profiles;
import io.phyllome.host.storage.MediaLibrary;
import io.phyllome.host.storage.Storage;
import io.phyllome.host.vm.VmInfo;
import io.phyllome.host.vm.VmPackage;
import io.phyllome.host.vm.VmPackages;

/**
 * Writes VMs as packages and defines them again from one. A package holds:
 * <pre>
 * vm.properties       the spec: profile (id, version), memory, CPUs, options, disks, boot files
 * keys.properties     the disks' keys, wrapped with the passphrase ({@link KeyWrap})
 * domain.xml          the source host's domain definition, for the record
 * host.properties     the source host's fingerprint, compared on import
 * disks/disk-N.qcow2  the disks, encrypted, each under the key it got for the move
 * boot/kernel, boot/initrd   a directly booted kernel
 * nvram/VARS.fd       the VM's UEFI variables (boot entries, Secure Boot keys)
 * MANIFEST.sha256     SHA-256 of every other file
 * MANIFEST.sha256.hmac the manifest's seal: only the passphrase makes it ({@link KeyWrap})
 * </pre>
 * The import lets the profile choose the devices on the new host, so the VM gets the firmware,
 * machine type and devices that host has.
 */
@Component(service = VmPackages.class)
public final class VmPackager implements VmPackages {

    private final PackageExport exporter;
    private final PackageImport importer;
    private final VmMigrator migrator;

    /** This host's fingerprint, which packages carry and imports compare; absent in tests without it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile HostFingerprint hostFingerprint;
    /** Other hosts that VMs move to; absent in tests without it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile RemoteHosts remoteHosts;

    @Activate
    public VmPackager(@Reference Hypervisor hypervisor, @Reference Storage storage, @Reference Profiles profiles,
            @Reference MediaLibrary media, @Reference VmCreator creator) {
        Supplier<Optional<HostFingerprint>> fingerprint = () -> Optional.ofNullable(hostFingerprint);
        this.exporter = new PackageExport(hypervisor, storage, profiles, fingerprint);
        this.importer = new PackageImport(hypervisor, storage, profiles, media, creator, fingerprint);
        this.migrator = new VmMigrator(this, hypervisor, creator, () -> Optional.ofNullable(remoteHosts), fingerprint);
    }

    @Override
    public List<String> migrate(String name, String host, String pool) {
        return migrator.migrate(name, host, pool);
    }

    @Override
    public VmPackage export(String name, Path directory, char[] passphrase) {
        return exporter.export(name, directory, passphrase);
    }

    @Override
    public VmInfo importPackage(Path directory, char[] passphrase, String name) {
        return importer.importTo(importer.here(), directory, passphrase, name, true);
    }

    /** {@link #importPackage} to {@code destination}; {@code fromElsewhere}: compare this host's fingerprint with the package's. */
    VmInfo importTo(Destination destination, Path directory, char[] passphrase, String name, boolean fromElsewhere) {
        return importer.importTo(destination, directory, passphrase, name, fromElsewhere);
    }
}
