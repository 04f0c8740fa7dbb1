package io.phyllome.host.libvirt.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import io.phyllome.host.vm.VmException;

/** Where libvirt keeps a VM's UEFI variables, and putting them there before the VM first starts. */
final class NvramFiles {

    private NvramFiles() {
    }

    /**
     * The definition's {@code <nvram>} ({@code explicit}), or libvirt's default file, which it
     * chooses when the VM first starts ({@code NAME_VARS.fd} in the daemon's or the embedded
     * driver's {@code nvram} directory). Empty for a remote daemon.
     */
    static Optional<Path> of(String name, String explicit, String uri) {
        if (!explicit.isEmpty()) {
            return Optional.of(Path.of(explicit));
        }
        Optional<Path> embedded = Connector.embeddedRoot(uri);
        if (embedded.isPresent()) {
            return Optional.of(embedded.get().resolve("lib/qemu/nvram").resolve(name + "_VARS.fd"));
        }
        return Connector.SYSTEM_URI.equals(uri) ? Optional.of(Path.of("/var/lib/libvirt/qemu/nvram", name + "_VARS.fd")) : Optional.empty();
    }

    static void restore(String name, Path file, Path target) {
        try {
            Files.createDirectories(target.getParent());
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new VmException("cannot give VM '" + name + "' its UEFI variables (" + target + "): " + e.getMessage(), e);
        }
    }
}
