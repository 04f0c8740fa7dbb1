package io.phyllome.host.vm;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Boot a kernel and initial ramdisk from the host directly, without a boot loader in the guest.
 *
 * @param kernel  the kernel image on the host
 * @param initrd  the initial ramdisk on the host, or {@code null}
 * @param cmdline the kernel command line, or an empty string
 */
public record DirectBoot(Path kernel, Path initrd, String cmdline) {

    public DirectBoot {
        Objects.requireNonNull(kernel, "kernel");
        cmdline = cmdline == null ? "" : cmdline;
    }
}
