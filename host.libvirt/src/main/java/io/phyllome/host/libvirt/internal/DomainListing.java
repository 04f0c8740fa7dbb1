package io.phyllome.host.libvirt.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.libvirt.DomainInfo;
import org.libvirt.jna.ConnectionPointer;
import org.libvirt.jna.virDomainInfo;
import org.w3c.dom.Element;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

import io.phyllome.host.hypervisor.DomainSummary;
import io.phyllome.host.libvirt.internal.domain.MetadataXml;
import io.phyllome.host.libvirt.internal.xml.XmlReader;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.VmException;

/**
 * A listing of every domain that asks libvirt only for what it shows: one call for all domains
 * (names and UUIDs come with them), then per domain its info (state, memory, CPUs) and the
 * platform's metadata element, never the whole domain XML. libvirt-java has no
 * virConnectListAllDomains, so these calls go through JNA directly.
 */
final class DomainListing {

    /** virDomainGetMetadata's type of a custom XML element, looked up by its namespace. */
    private static final int METADATA_ELEMENT = 2;
    private static final int VIR_ERR_NO_DOMAIN = 42;
    private static final int VIR_ERR_NO_DOMAIN_METADATA = 80;

    /** The libvirt calls the binding does not offer (or offers only per domain object). */
    interface ListingCalls extends Library {
        int virConnectListAllDomains(ConnectionPointer conn, PointerByReference domains, int flags);

        String virDomainGetName(Pointer domain);

        int virDomainGetUUIDString(Pointer domain, byte[] buf);

        int virDomainGetInfo(Pointer domain, virDomainInfo info);

        Pointer virDomainGetMetadata(Pointer domain, int type, String uri, int flags);

        int virDomainFree(Pointer domain);

        int virGetLastErrorCode();

        String virGetLastErrorMessage();
    }

    private static volatile ListingCalls calls;

    private DomainListing() {
    }

    /** Every defined domain (active or not), ordered by name. */
    static List<DomainSummary> list(LibvirtConnection connection) {
        PointerByReference array = new PointerByReference();
        int n = calls().virConnectListAllDomains(connection.pointer(), array, 0);
        if (n < 0) {
            throw new VmException(Errors.PREFIX + "list VMs: " + calls().virGetLastErrorMessage());
        }
        List<DomainSummary> domains = new ArrayList<>(n);
        Pointer list = array.getValue();
        try {
            for (int i = 0; i < n; i++) {
                Pointer domain = list.getPointer((long) i * Native.POINTER_SIZE);
                DomainSummary summary = summary(domain);
                if (summary != null) {
                    domains.add(summary);
                }
            }
        } finally {
            for (int i = 0; i < n; i++) {
                calls().virDomainFree(list.getPointer((long) i * Native.POINTER_SIZE));
            }
            Native.free(Pointer.nativeValue(list));
        }
        domains.sort(Comparator.comparing(DomainSummary::name));
        return domains;
    }

    /** One domain's summary; null when it was undefined since the listing (another client deleted it). */
    private static DomainSummary summary(Pointer domain) {
        String name = calls().virDomainGetName(domain);
        byte[] uuid = new byte[37];
        calls().virDomainGetUUIDString(domain, uuid); // local: the UUID came with the listing
        virDomainInfo info = new virDomainInfo();
        if (calls().virDomainGetInfo(domain, info) < 0) {
            if (calls().virGetLastErrorCode() == VIR_ERR_NO_DOMAIN) {
                return null;
            }
            throw new VmException(Errors.PREFIX + "read the state of VM '" + name + "': " + calls().virGetLastErrorMessage());
        }
        String profile = profile(domain, name);
        if (profile == null) {
            return null;
        }
        return new DomainSummary(name, Native.toString(uuid, "US-ASCII"), LibvirtHypervisor.state(new DomainInfo(info).state), profile,
                new ByteSize(info.maxMem.longValue() * 1024), info.nrVirtCpu);
    }

    /** The profile id in the platform's metadata element; empty without one, null when the domain is gone. */
    private static String profile(Pointer domain, String name) {
        Pointer xml = calls().virDomainGetMetadata(domain, METADATA_ELEMENT, MetadataXml.PHYLLOME_NS, 0);
        if (xml == null) {
            int code = calls().virGetLastErrorCode();
            if (code == VIR_ERR_NO_DOMAIN_METADATA) {
                return ""; // not created by the platform
            }
            if (code == VIR_ERR_NO_DOMAIN) {
                return null;
            }
            throw new VmException(Errors.PREFIX + "read the metadata of VM '" + name + "': " + calls().virGetLastErrorMessage());
        }
        String text;
        try {
            text = xml.getString(0, "UTF-8");
        } finally {
            Native.free(Pointer.nativeValue(xml));
        }
        return profileOf(text);
    }

    /**
     * The {@code <profile id='…'/>} of the platform's {@code <vm>} metadata element, which libvirt
     * returns without its namespace.
     */
    static String profileOf(String metadata) {
        Element vm = XmlReader.parse(metadata, "the platform's domain metadata").getDocumentElement();
        Element profile = XmlReader.firstChild(vm, "profile");
        return profile == null ? "" : profile.getAttribute("id");
    }

    private static ListingCalls calls() {
        if (calls == null) {
            calls = Native.load("virt", ListingCalls.class);
        }
        return calls;
    }
}
