package io.phyllome.host.libvirt.internal;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Supplier;

import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

import io.phyllome.host.device.DiskBus;
import io.phyllome.host.libvirt.internal.domain.DiskXml;
import io.phyllome.host.libvirt.internal.xml.Element;
import io.phyllome.host.libvirt.internal.xml.XmlReader;
import io.phyllome.host.libvirt.internal.xml.XmlWriter;
import io.phyllome.host.vm.VmException;

/**
 * Gives a copy of an encrypted disk a new key without the old one leaving libvirt: a transient,
 * paused domain opens the copy with the stored key, and QEMU's {@code x-blockdev-amend} adds a
 * LUKS key slot for the new key and then erases the slot of the old one.
 *
 * <p>The key slots are changed by {@link KeySlots}; the key travels only over libvirt's socket
 * to QEMU and appears in no message.
 */
final class DiskRekey {

    private static final System.Logger LOG = System.getLogger(DiskRekey.class.getName());
    private static final int START_PAUSED = 1;
    private static final SecureRandom RANDOM = new SecureRandom();

    private DiskRekey() {
    }

    /**
     * @param connections the connection now: the transient domain is stopped through a new one when
     *                    libvirt restarted meanwhile, or its paused QEMU would outlive the re-key
     */
    static void rekey(Supplier<? extends Connect> connections, String domainType, Path image, String secretUuid, byte[] newKey) {
        byte[] suffix = new byte[4];
        RANDOM.nextBytes(suffix);
        String name = "phyllome-rekey-" + HexFormat.of().formatHex(suffix);
        String xml = XmlWriter.render(Element.of("domain").attr("type", domainType)
                .add(Element.text("name", name))
                .add(Element.of("memory").attr("unit", "MiB").text("64"))
                .add(Element.of("os")
                        .add(Element.of("type").attr("arch", "x86_64").text("hvm")))
                .add(Element.of("devices")
                        .add(new DiskXml(false, image.toString(), "qcow2", DiskBus.VIRTIO, "vda", false, secretUuid, 0).toElement())));
        Domain domain;
        try {
            domain = connections.get().domainCreateXML(xml, START_PAUSED);
        } catch (LibvirtException e) {
            throw Errors.of("open the copy " + image + " to give it a new key", e);
        }
        try {
            String node = "libvirt-" + sourceIndex(domain.getXMLDesc(0)) + "-format";
            KeySlots.replaceKey(command -> domain.qemuMonitorCommand(command, 0), node, node + "-encryption-secret0", newKey);
        } catch (LibvirtException e) {
            throw Errors.of("give the copy " + image + " a new key", e);
        } finally {
            try {
                destroy(domain, name, connections);
            } catch (LibvirtException | VmException e) {
                LOG.log(System.Logger.Level.WARNING, "the transient domain " + name + " that re-keyed " + image + " did not stop: "
                        + e.getMessage() + " (virsh destroy " + name + ")");
            }
        }
    }

    /** Stops the transient domain; by its name on the connection now, when the one it was made on is gone. */
    private static void destroy(Domain domain, String name, Supplier<? extends Connect> connections) throws LibvirtException {
        try {
            DomainCalls.run(domain, Domain::destroy);
        } catch (LibvirtException e) {
            DomainCalls.run(connections.get().domainLookupByName(name), Domain::destroy);
        }
    }

    /** libvirt's index of the domain's only disk source, which names its QEMU block nodes. */
    private static String sourceIndex(String liveXml) {
        for (org.w3c.dom.Element source : XmlReader.elements(XmlReader.parse(liveXml, "the live domain XML").getDocumentElement(), "source")) {
            String index = source.getAttribute("index");
            if (!index.isEmpty()) {
                return index;
            }
        }
        throw new VmException("libvirt did not name the disk's block node (it needs QEMU's -blockdev, libvirt 6.0 or later)");
    }
}
