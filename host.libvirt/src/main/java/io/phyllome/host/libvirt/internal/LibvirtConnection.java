package io.phyllome.host.libvirt.internal;

import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.jna.ConnectionPointer;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** A libvirt connection that can also ask for domain capabilities, which libvirt-java lacks. */
final class LibvirtConnection extends Connect {

    /** The one libvirt call the binding does not offer. */
    interface DomainCapabilitiesCall extends Library {
        Pointer virConnectGetDomainCapabilities(ConnectionPointer conn, String emulator, String arch, String machine,
                String virtType, int flags);
    }

    private static volatile DomainCapabilitiesCall call;

    LibvirtConnection(String uri) throws LibvirtException {
        super(uri);
    }

    /** libvirt's domain capabilities XML, or an empty string when it cannot tell. */
    String domainCapabilities(String arch, String machine, String virtType) {
        if (call == null) {
            call = Native.load("virt", DomainCapabilitiesCall.class);
        }
        Pointer xml = call.virConnectGetDomainCapabilities(vcp, null, arch, machine, virtType, 0);
        if (xml == null) {
            return "";
        }
        try {
            return xml.getString(0, "UTF-8");
        } finally {
            Native.free(Pointer.nativeValue(xml));
        }
    }
}
