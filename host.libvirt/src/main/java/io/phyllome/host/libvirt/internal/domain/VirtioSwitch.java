package io.phyllome.host.libvirt.internal.domain;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import io.phyllome.host.device.DiskBus;
import io.phyllome.host.libvirt.internal.xml.XmlReader;

/**
 * Moves a defined domain's disks and NICs from emulated to virtio devices, for a guest that has
 * its virtio drivers now (a Windows installed from SATA and e1000e). CD-ROMs and a profile's
 * transient boot media stay as they are; libvirt assigns the new devices their addresses.
 */
public final class VirtioSwitch {

    private static final Set<String> EMULATED_DISK_BUSES = Set.of("sata", "scsi", "ide", "usb");

    private VirtioSwitch() {
    }

    /** The result of a switch: the new definition and what changed, one line per device. */
    public record Result(String xml, List<String> changes) {
    }

    public static Result apply(String domainXml) {
        Document doc = XmlReader.parse(domainXml, "domain XML");
        List<String> changes = new ArrayList<>();
        int virtioDisks = countVirtioDisks(doc);
        for (Element disk : XmlReader.elements(doc.getDocumentElement(), "disk")) {
            Element target = XmlReader.firstChild(disk, "target");
            if (!"disk".equals(disk.getAttribute("device")) || target == null || !EMULATED_DISK_BUSES.contains(target.getAttribute("bus"))) {
                continue;
            }
            if (XmlReader.firstChild(disk, "transient") != null) {
                continue; // a profile's boot medium whose writes are discarded (OpenCore on SATA), not the guest's own disk
            }
            String before = target.getAttribute("dev") + " (" + target.getAttribute("bus") + ")";
            String dev = DiskXml.target(DiskBus.VIRTIO, virtioDisks++);
            target.setAttribute("bus", "virtio");
            target.setAttribute("dev", dev);
            removeChild(disk, "address");
            changes.add("disk " + before + " -> " + dev + " (virtio)");
        }
        for (Element nic : XmlReader.elements(doc.getDocumentElement(), "interface")) {
            Element model = XmlReader.firstChild(nic, "model");
            if (model != null && !"virtio".equals(model.getAttribute("type"))) {
                changes.add("network card " + model.getAttribute("type") + " -> virtio");
                model.setAttribute("type", "virtio");
                removeChild(nic, "address");
            }
        }
        return new Result(serialize(doc), changes);
    }

    private static int countVirtioDisks(Document doc) {
        int count = 0;
        for (Element target : XmlReader.elements(doc.getDocumentElement(), "target")) {
            if ("disk".equals(target.getParentNode().getNodeName()) && "virtio".equals(target.getAttribute("bus"))) {
                count++;
            }
        }
        return count;
    }

    private static void removeChild(Element parent, String name) {
        Element child = XmlReader.firstChild(parent, name);
        if (child != null) {
            parent.removeChild(child);
        }
    }

    private static String serialize(Document doc) {
        try {
            Transformer transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the changed domain XML: " + e.getMessage(), e);
        }
    }
}
