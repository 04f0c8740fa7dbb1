package io.phyllome.host.libvirt.internal;

import java.util.Arrays;

import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.jna.ConnectionPointer;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * A libvirt connection that can also ask for domain capabilities and expanded CPU baselines,
 * which libvirt-java lacks.
 */
final class LibvirtConnection extends Connect {

    /** virConnectBaselineCPU's flag that lists every feature of the result, not only those beyond its model. */
    private static final int BASELINE_EXPAND_FEATURES = 1;

    /** The libvirt calls the binding does not offer. */
    interface DomainCapabilitiesCall extends Library {
        Pointer virConnectGetDomainCapabilities(ConnectionPointer conn, String emulator, String arch, String machine,
                String virtType, int flags);

        Pointer virConnectBaselineCPU(ConnectionPointer conn, String[] xmlCPUs, int ncpus, int flags);

        Pointer virConnectBaselineHypervisorCPU(ConnectionPointer conn, String emulator, String arch, String machine,
                String virtType, String[] xmlCPUs, int ncpus, int flags);
    }

    private static volatile DomainCapabilitiesCall call;

    LibvirtConnection(String uri) throws LibvirtException {
        super(uri);
    }

    /** The native connection, for calls the binding lacks (DomainListing). */
    ConnectionPointer pointer() {
        return vcp;
    }

    /** libvirt's domain capabilities XML, or an empty string when it cannot tell. */
    String domainCapabilities(String arch, String machine, String virtType) {
        return take(calls().virConnectGetDomainCapabilities(vcp, null, arch, machine, virtType, 0));
    }

    /**
     * The host CPU described by {@code cpuXml} (a {@code <cpu>} element) with every feature
     * listed, or an empty string when libvirt cannot tell.
     */
    String expandHostCpu(String cpuXml) {
        return take(calls().virConnectBaselineCPU(vcp, new String[] { cpuXml }, 1, BASELINE_EXPAND_FEATURES));
    }

    /**
     * The CPU {@code cpuXml} as the hypervisor of {@code virtType} provides it, with every feature
     * listed, or an empty string when libvirt cannot tell.
     */
    String expandGuestCpu(String arch, String machine, String virtType, String cpuXml) {
        return take(calls().virConnectBaselineHypervisorCPU(vcp, null, arch, machine, virtType, new String[] { cpuXml }, 1,
                BASELINE_EXPAND_FEATURES));
    }

    /** The active network named {@code default}, or null for user-mode networking (no such network, or no network driver as in the embedded driver). */
    String defaultNetwork() {
        try {
            return Arrays.asList(listNetworks()).contains("default") ? "default" : null;
        } catch (LibvirtException e) {
            return null;
        }
    }

    private static DomainCapabilitiesCall calls() {
        if (call == null) {
            call = Native.load("virt", DomainCapabilitiesCall.class);
        }
        return call;
    }

    /** The string libvirt returned, freed; empty for none. */
    private static String take(Pointer xml) {
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
