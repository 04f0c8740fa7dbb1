package io.phyllome.host.libvirt.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

import org.libvirt.LibvirtException;
import org.libvirt.NodeInfo;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.libvirt.internal.xml.XmlReader;
import io.phyllome.host.libvirt.internal.xml.Element;
import io.phyllome.host.libvirt.internal.xml.XmlWriter;
import io.phyllome.host.vm.ByteSize;

/**
 * Finds out what a libvirt host can run. libvirt lists the {@code kvm} domain type whenever
 * {@code /dev/kvm} exists, so on a local host the CPU flags are checked too, as
 * {@code virt-host-validate} does.
 */
final class CapabilityProbe {

    static final String ARCH = "x86_64";
    private static final String MACHINE = "q35";
    private static final String HOST_MODEL = "/domainCapabilities/cpu/mode[@name='host-model'][@supported='yes']";

    private CapabilityProbe() {
    }

    static HostCapabilities probe(LibvirtConnection connect, String uri) throws LibvirtException {
        Document caps = parse(connect.getCapabilities());
        List<String> machines = strings(caps, "/capabilities/guest[os_type='hvm']/arch[@name='" + ARCH + "']/machine");
        boolean kvmListed = !strings(caps, "/capabilities/guest/arch[@name='" + ARCH + "']/domain[@type='kvm']/@type").isEmpty();
        String kvmProblem = kvmListed ? localKvmProblem(uri) : "libvirt offers no KVM domains on this host";

        Document domcaps = parse(connect.domainCapabilities(ARCH, MACHINE, kvmProblem.isEmpty() ? "kvm" : "qemu"));
        boolean uefi = strings(domcaps, "/domainCapabilities/os/enum[@name='firmware']/value").contains("efi")
                || !strings(domcaps, "/domainCapabilities/os/loader/value").isEmpty();
        boolean secureBoot = strings(domcaps, "/domainCapabilities/os/loader/enum[@name='secure']/value").contains("yes");
        boolean tpm = strings(domcaps, "/domainCapabilities/devices/tpm[@supported='yes']/enum[@name='backendModel']/value").contains("emulator")
                && strings(domcaps, "/domainCapabilities/devices/tpm/enum[@name='backendVersion']/value").stream().anyMatch(v -> v.startsWith("2"));

        Set<String> cpuFeatures = kvmProblem.isEmpty() ? hostCpuFeatures(connect, caps, uri) : emulatedCpuFeatures(connect, domcaps);
        // the model those features extend: the host CPU's with KVM, QEMU's host-model under emulation
        List<String> cpuModel = kvmProblem.isEmpty() ? strings(caps, "/capabilities/host/cpu/model") : strings(domcaps, HOST_MODEL + "/model");

        NodeInfo node = connect.nodeInfo();
        String version = "libvirt " + version(connect.getLibVersion()) + ", " + connect.getType() + " " + version(connect.getVersion());
        return new HostCapabilities(uri, version, ARCH, kvmProblem.isEmpty(), kvmProblem, machines, uefi, secureBoot, tpm,
                hostMemory(uri, new ByteSize(node.memory * 1024)), node.cpus, cpuFeatures, cpuModel.isEmpty() ? "" : cpuModel.get(0));
    }

    /**
     * With KVM, guests can get the features of the host's CPU: libvirt's host CPU with every
     * feature listed (its model's too), or a local host's {@code /proc/cpuinfo} when libvirt
     * cannot expand it.
     */
    private static Set<String> hostCpuFeatures(LibvirtConnection connect, Document caps, String uri) {
        List<String> model = strings(caps, "/capabilities/host/cpu/model");
        if (!model.isEmpty()) {
            Element cpu = Element.of("cpu").add(Element.text("arch", ARCH)).add(Element.text("model", model.get(0)));
            strings(caps, "/capabilities/host/cpu/vendor").stream().findFirst().ifPresent(v -> cpu.add(Element.text("vendor", v)));
            strings(caps, "/capabilities/host/cpu/feature/@name").forEach(f -> cpu.add(Element.of("feature").attr("name", f)));
            Set<String> features = required(connect.expandHostCpu(XmlWriter.render(cpu)));
            if (!features.isEmpty()) {
                return features;
            }
        }
        return isLocal(uri) ? cpuinfoFeatures(Path.of("/proc/cpuinfo")) : Set.of();
    }

    /**
     * Emulated, guests get what QEMU's TCG provides, whatever the host CPU: libvirt's host-model
     * CPU for domain type {@code qemu} with every feature listed. QEMU 7.2 emulates AVX2, for
     * instance. Empty when libvirt cannot tell.
     */
    private static Set<String> emulatedCpuFeatures(LibvirtConnection connect, Document domcaps) {
        String mode = HOST_MODEL;
        List<String> model = strings(domcaps, mode + "/model");
        if (model.isEmpty()) {
            return Set.of();
        }
        Element cpu = Element.of("cpu").attr("mode", "custom").attr("match", "exact")
                .add(Element.of("model").attr("fallback", "forbid").text(model.get(0)));
        strings(domcaps, mode + "/vendor").stream().findFirst().ifPresent(v -> cpu.add(Element.text("vendor", v)));
        for (String policy : List.of("require", "disable")) {
            strings(domcaps, mode + "/feature[@policy='" + policy + "']/@name")
                    .forEach(f -> cpu.add(Element.of("feature").attr("policy", policy).attr("name", f)));
        }
        return required(connect.expandGuestCpu(ARCH, MACHINE, "qemu", XmlWriter.render(cpu)));
    }

    /** The features an expanded {@code <cpu>} has (policy require, or none for a host CPU). */
    static Set<String> required(String cpuXml) {
        if (cpuXml.isBlank()) {
            return Set.of();
        }
        return new TreeSet<>(strings(parse(cpuXml), "/cpu/feature[not(@policy) or @policy='require' or @policy='force']/@name"));
    }

    /** Linux's names of CPU flags that libvirt and QEMU spell differently. */
    private static final Map<String, String> LINUX_FLAGS = Map.of("sse4_1", "sse4.1", "sse4_2", "sse4.2",
            "tsc_deadline_timer", "tsc-deadline", "sha_ni", "sha-ni", "avx512_vpopcntdq", "avx512-vpopcntdq");

    /** A local host CPU's features from the kernel's flags, in libvirt's names where they differ. */
    static Set<String> cpuinfoFeatures(Path cpuinfo) {
        Set<String> features = new TreeSet<>();
        try {
            for (String line : Files.readAllLines(cpuinfo)) {
                if (line.startsWith("flags")) {
                    for (String flag : line.substring(line.indexOf(':') + 1).trim().split("\\s+")) {
                        features.add(LINUX_FLAGS.getOrDefault(flag, flag));
                    }
                    break;
                }
            }
        } catch (IOException e) {
            return Set.of();
        }
        // the invariant TSC: the kernel shows it as two flags
        if (features.contains("constant_tsc") && features.contains("nonstop_tsc")) {
            features.add("invtsc");
        }
        features.remove("");
        return features;
    }

    /** Why KVM cannot be used on this machine, or an empty string; remote hosts are trusted. */
    static String localKvmProblem(String uri) {
        if (!isLocal(uri)) {
            return "";
        }
        Path kvm = Path.of("/dev/kvm");
        if (!Files.exists(kvm)) {
            return "/dev/kvm is missing";
        }
        if (!Files.isReadable(kvm) || !Files.isWritable(kvm)) {
            return "/dev/kvm is not accessible to this user";
        }
        try {
            String cpuinfo = Files.readString(Path.of("/proc/cpuinfo"));
            if (!cpuinfo.matches("(?s).*\\bflags\\s*:.*\\b(vmx|svm)\\b.*")) {
                return "the CPU does not advertise hardware virtualization (vmx or svm)";
            }
        } catch (IOException e) {
            return "cannot read /proc/cpuinfo";
        }
        return "";
    }

    /** The memory of a local host from the kernel (libvirt can under-report it); libvirt's figure otherwise. */
    private static ByteSize hostMemory(String uri, ByteSize reported) {
        if (!isLocal(uri)) {
            return reported;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return new ByteSize(Long.parseLong(line.replaceAll("\\D", "")) * 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall back to libvirt's figure
        }
        return reported;
    }

    private static boolean isLocal(String uri) {
        String host = URI.create(uri.replace(":///", "://localhost/")).getHost();
        return host == null || host.equals("localhost");
    }

    private static String version(long encoded) {
        return encoded / 1_000_000 + "." + encoded / 1000 % 1000 + "." + encoded % 1000;
    }

    private static Document parse(String xml) {
        return XmlReader.parse(xml.isEmpty() ? "<none/>" : xml, "capabilities");
    }

    private static List<String> strings(Document doc, String expression) {
        XPath xpath = XPathFactory.newInstance().newXPath();
        try {
            NodeList nodes = (NodeList) xpath.evaluate(expression, doc, XPathConstants.NODESET);
            List<String> values = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                values.add(nodes.item(i).getTextContent().trim());
            }
            return values;
        } catch (XPathExpressionException e) {
            throw new IllegalArgumentException(expression, e);
        }
    }
}
