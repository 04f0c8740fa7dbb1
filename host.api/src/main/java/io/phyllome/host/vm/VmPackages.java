package io.phyllome.host.vm;

import java.nio.file.Path;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Moves VMs between hosts as self-contained packages: a directory with the VM's spec and profile,
 * its domain definition, its disks (still encrypted, each with a key slot of its own for the move)
 * with those keys wrapped by a passphrase, and a manifest of SHA-256 checksums that
 * {@code sha256sum -c MANIFEST.sha256} also verifies, sealed with the passphrase.
 */
@ProviderType
public interface VmPackages {

    /**
     * Writes the shut-off VM {@code name} as a package into {@code directory}, which must be new
     * or empty. The VM and its disks stay as they are; a failed export leaves no package.
     *
     * @param passphrase wraps the disks' keys; the caller clears the array afterwards
     */
    VmPackage export(String name, Path directory, char[] passphrase);

    /**
     * Verifies the package in {@code directory} and defines its VM on this host, under
     * {@code name} when not empty, with fresh identities (UUID, keys' secrets) and the devices its
     * profile chooses here. Refuses, with the reason and the fix, a modified package, a wrong
     * passphrase, a missing profile or a host that lacks what the profile needs; a refused or
     * failed import leaves nothing behind.
     *
     * @param passphrase unwraps the disks' keys; the caller clears the array afterwards
     * @return the defined (not started) VM, with findings such as how this host differs from
     *         the one the package came from
     */
    VmInfo importPackage(Path directory, char[] passphrase, String name);

    /**
     * Moves the shut-off VM {@code name} to another libvirt host through a package that stays on
     * this host: its disks go into that host's disk pool, still encrypted, and the VM is
     * defined there with the devices its profile chooses for that host. The VM stays here, shut
     * off, for the user to delete once it runs there. A failed move leaves nothing there.
     *
     * @param host the other host as its hypervisor adapter reaches it (libvirt: a URI, e.g.
     *             {@code qemu+ssh://root@host/system})
     * @param pool the storage pool there for the disks; empty for the one the platform makes
     * @return how that host differs from this one, and what was done
     */
    List<String> migrate(String name, String host, String pool);
}
