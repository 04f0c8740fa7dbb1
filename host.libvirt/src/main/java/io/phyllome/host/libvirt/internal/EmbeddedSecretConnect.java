package io.phyllome.host.libvirt.internal;

import org.libvirt.Connect;
import org.libvirt.LibvirtException;

import com.sun.jna.Pointer;

/**
 * The embedded secret driver's connection, with its native handle: libvirt's QEMU driver looks
 * a disk key up through a per-thread secret connection, which {@link CallerIdentity} points here.
 */
final class EmbeddedSecretConnect extends Connect {

    EmbeddedSecretConnect(String uri) throws LibvirtException {
        super(uri);
    }

    /** libvirt's {@code virConnectPtr} of this connection. */
    Pointer handle() {
        return vcp.getPointer();
    }
}
