package io.phyllome.host.vm;

/**
 * A disk or medium attached to a VM.
 *
 * @param target    the guest-visible device name, e.g. {@code vda}
 * @param source    the file or volume behind it
 * @param readOnly  whether the guest cannot write it (install media)
 * @param encrypted whether it is encrypted at rest
 * @param managed   whether the platform created it (and so deletes it with the VM)
 */
public record VmDisk(String target, String source, boolean readOnly, boolean encrypted, boolean managed) {
}
