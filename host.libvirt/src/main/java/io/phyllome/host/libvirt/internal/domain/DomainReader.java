package io.phyllome.host.libvirt.internal.domain;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import io.phyllome.host.device.CpuMode;
import io.phyllome.host.device.DiskBus;
import io.phyllome.host.libvirt.internal.xml.XmlReader;
import io.phyllome.host.hypervisor.Domain;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.DirectBoot;
import io.phyllome.host.vm.VmDisk;
import io.phyllome.host.vm.VmSpec;
import io.phyllome.host.vm.VmState;

/** Reads what the platform needs back from libvirt's domain XML. */
public final class DomainReader {

    private DomainReader() {
    }

    public static Domain read(String xml, VmState state) {
        return read(XmlReader.parse(xml, "domain XML").getDocumentElement(), state);
    }

    private static Domain read(Element domain, VmState state) {
        String name = childText(domain, "name");
        String uuid = childText(domain, "uuid");
        long memoryKiB = Long.parseLong(childText(domain, "memory").trim());
        int cpus = Integer.parseInt(childText(domain, "vcpu").trim());

        String profile = "";
        Set<String> managed = new HashSet<>();
        NodeList vms = domain.getElementsByTagNameNS(MetadataXml.PHYLLOME_NS, "vm");
        if (vms.getLength() > 0) {
            Element vm = (Element) vms.item(0);
            NodeList profiles = vm.getElementsByTagNameNS(MetadataXml.PHYLLOME_NS, "profile");
            if (profiles.getLength() > 0) {
                profile = ((Element) profiles.item(0)).getAttribute("id");
            }
            NodeList disks = vm.getElementsByTagNameNS(MetadataXml.PHYLLOME_NS, "disk");
            for (int i = 0; i < disks.getLength(); i++) {
                managed.add(((Element) disks.item(i)).getAttribute("path"));
            }
        }

        List<VmDisk> disks = new ArrayList<>();
        for (Element disk : XmlReader.elements(domain, "disk")) {
            Element source = XmlReader.firstChild(disk, "source");
            Element target = XmlReader.firstChild(disk, "target");
            String path = source == null ? "" : firstNonEmpty(source.getAttribute("file"), source.getAttribute("dev"), source.getAttribute("name"));
            boolean encrypted = source != null && XmlReader.firstChild(source, "encryption") != null || XmlReader.firstChild(disk, "encryption") != null;
            disks.add(new VmDisk(target == null ? "" : target.getAttribute("dev"), path, XmlReader.firstChild(disk, "readonly") != null,
                    encrypted, managed.contains(path)));
        }
        return new Domain(name, uuid, state, profile, new ByteSize(memoryKiB * 1024), cpus, disks, hostDevices(domain), cpuMode(domain),
                bootFiles(domain));
    }

    /** The host devices passed through: {@code <hostdev>} and {@code <interface type='hostdev'>}, by type and address. */
    static List<String> hostDevices(Element domain) {
        List<String> devices = new ArrayList<>();
        Element all = XmlReader.firstChild(domain, "devices");
        if (all == null) {
            return devices;
        }
        for (Node n = all.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element device && (device.getTagName().equals("hostdev")
                    || device.getTagName().equals("interface") && device.getAttribute("type").equals("hostdev"))) {
                devices.add(describeHostDevice(device));
            }
        }
        return devices;
    }

    private static String describeHostDevice(Element device) {
        String type = device.getTagName().equals("interface") ? "pci" : device.getAttribute("type");
        Element source = XmlReader.firstChild(device, "source");
        Element address = source == null ? null : XmlReader.firstChild(source, "address");
        Element vendor = source == null ? null : XmlReader.firstChild(source, "vendor");
        Element product = source == null ? null : XmlReader.firstChild(source, "product");
        if (address != null && !address.getAttribute("bus").isEmpty() && !address.getAttribute("slot").isEmpty()) {
            return String.format("%s %s:%s:%s.%s", type.isEmpty() ? "device" : type, hex(address.getAttribute("domain"), 4),
                    hex(address.getAttribute("bus"), 2), hex(address.getAttribute("slot"), 2), hex(address.getAttribute("function"), 1));
        }
        if (vendor != null && product != null) {
            return type + " " + hex(vendor.getAttribute("id"), 4) + ":" + hex(product.getAttribute("id"), 4);
        }
        if (address != null && !address.getAttribute("device").isEmpty()) {
            return type + " bus " + address.getAttribute("bus") + " device " + address.getAttribute("device");
        }
        Element adapter = source == null ? null : XmlReader.firstChild(source, "adapter");
        return (type.isEmpty() ? "device" : type) + (adapter != null ? " " + adapter.getAttribute("name") : "");
    }

    /** A libvirt number such as {@code 0x01} as zero-padded hex without prefix. */
    private static String hex(String value, int digits) {
        String v = value == null || value.isEmpty() ? "0" : value.trim();
        try {
            long n = v.startsWith("0x") || v.startsWith("0X") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
            return String.format("%0" + digits + "x", n);
        } catch (NumberFormatException e) {
            return v;
        }
    }

    static CpuMode cpuMode(Element domain) {
        Element cpu = XmlReader.firstChild(domain, "cpu");
        String mode = cpu == null ? "" : cpu.getAttribute("mode");
        return switch (mode) {
            case "host-passthrough" -> CpuMode.HOST_PASSTHROUGH;
            case "host-model" -> CpuMode.HOST_MODEL;
            case "maximum" -> CpuMode.MAXIMUM;
            default -> CpuMode.DEFAULT;
        };
    }

    static List<String> bootFiles(Element domain) {
        List<String> files = new ArrayList<>();
        Element os = XmlReader.firstChild(domain, "os");
        if (os != null) {
            for (String name : List.of("kernel", "initrd")) {
                Element file = XmlReader.firstChild(os, name);
                if (file != null && !file.getTextContent().isBlank()) {
                    files.add(file.getTextContent().trim());
                }
            }
        }
        return files;
    }

    /**
     * The spec the VM was created from, as far as a host move needs it: profile, resources,
     * options and a directly booted kernel; no disks (they are volumes), no install media and the
     * host's default network.
     */
    public static VmSpec spec(String xml) {
        Element domain = XmlReader.parse(xml, "domain XML").getDocumentElement();
        Domain read = read(domain, VmState.UNKNOWN);
        VmSpec.Builder spec = VmSpec.builder(read.profile(), read.name()).memory(read.memory()).cpus(read.cpus());
        options(domain).forEach(spec::option);
        Element os = XmlReader.firstChild(domain, "os");
        String kernel = os == null ? "" : childText(os, "kernel");
        if (!kernel.isEmpty()) {
            String initrd = childText(os, "initrd");
            spec.directBoot(new DirectBoot(Path.of(kernel), initrd.isEmpty() ? null : Path.of(initrd), childText(os, "cmdline")));
        }
        return spec.build();
    }

    /** The file of the domain's UEFI variables its definition names; empty when libvirt chooses it. */
    public static String nvram(String xml) {
        Element os = XmlReader.firstChild(XmlReader.parse(xml, "domain XML").getDocumentElement(), "os");
        Element nvram = os == null ? null : XmlReader.firstChild(os, "nvram");
        return nvram == null ? "" : nvram.getTextContent().trim();
    }

    /** The profile options the platform recorded in the domain's metadata. */
    public static Map<String, String> options(String xml) {
        return options(XmlReader.parse(xml, "domain XML").getDocumentElement());
    }

    private static Map<String, String> options(Element domain) {
        Map<String, String> options = new TreeMap<>();
        NodeList elements = domain.getElementsByTagNameNS(MetadataXml.PHYLLOME_NS, "option");
        for (int i = 0; i < elements.getLength(); i++) {
            Element option = (Element) elements.item(i);
            options.put(option.getAttribute("name"), option.getAttribute("value"));
        }
        return options;
    }

    /** The elements named {@code tag} anywhere in the domain XML {@code xml}, in document order. */
    private static List<Element> elements(String xml, String tag) {
        return XmlReader.elements(XmlReader.parse(xml, "domain XML").getDocumentElement(), tag);
    }

    /** The bus of the domain's first disk (not CD-ROM); virtio when it has none. */
    public static DiskBus diskBus(String xml) {
        for (Element disk : elements(xml, "disk")) {
            Element target = XmlReader.firstChild(disk, "target");
            if ("disk".equals(disk.getAttribute("device")) && target != null && !target.getAttribute("bus").isEmpty()) {
                return DiskBus.valueOf(target.getAttribute("bus").toUpperCase(java.util.Locale.ROOT));
            }
        }
        return DiskBus.VIRTIO;
    }

    /** The first guest device name on {@code bus} that no disk of the domain uses yet. */
    public static String freeTarget(String xml, DiskBus bus) {
        Set<String> used = new HashSet<>();
        for (Element target : elements(xml, "target")) {
            used.add(target.getAttribute("dev"));
        }
        for (int index = 0;; index++) {
            String target = DiskXml.target(bus, index);
            if (!used.contains(target)) {
                return target;
            }
        }
    }

    /** The domain's serial log file, if its first serial port writes to one. */
    public static String serialLog(String xml) {
        for (Element serial : elements(xml, "serial")) {
            Element source = XmlReader.firstChild(serial, "source");
            if ("file".equals(serial.getAttribute("type")) && source != null) {
                return source.getAttribute("path");
            }
        }
        return "";
    }

    /**
     * A running domain's VNC server: {@code <graphics type="vnc" port="5901">} with its listen
     * address (127.0.0.1 when it names none); empty without VNC graphics or before a port is given.
     */
    public static Optional<InetSocketAddress> vncDisplay(String xml) {
        for (Element vnc : elements(xml, "graphics")) {
            int port = vnc.getAttribute("port").matches("\\d{1,5}") ? Integer.parseInt(vnc.getAttribute("port")) : -1;
            if ("vnc".equals(vnc.getAttribute("type")) && port > 0) {
                String listen = vnc.getAttribute("listen");
                return Optional.of(new InetSocketAddress(listen.isEmpty() ? "127.0.0.1" : listen, port));
            }
        }
        return Optional.empty();
    }

    private static String childText(Element parent, String name) {
        Element child = XmlReader.firstChild(parent, name);
        return child == null ? "" : child.getTextContent();
    }

    private static String firstNonEmpty(String... values) {
        for (String v : values) {
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return "";
    }
}
