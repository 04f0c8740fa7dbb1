package io.phyllome.host.libvirt.internal.domain;

import java.util.List;

import io.phyllome.host.libvirt.internal.xml.Element;
import io.phyllome.host.libvirt.internal.xml.XmlWriter;

/**
 * {@code <domain>}: the whole definition of a VM, in libvirt's element order.
 *
 * @param qemu arguments for QEMU's command line, or {@code null} for none
 */
public record DomainXml(String type, String name, MetadataXml metadata, long memoryKiB, int vcpus, OsXml os,
        FeaturesXml features, CpuXml cpu, ClockXml clock, List<DomainPart> devices, QemuCommandLineXml qemu) implements DomainPart {

    public DomainXml(String type, String name, MetadataXml metadata, long memoryKiB, int vcpus, OsXml os, FeaturesXml features,
            CpuXml cpu, ClockXml clock, List<DomainPart> devices) {
        this(type, name, metadata, memoryKiB, vcpus, os, features, cpu, clock, devices, null);
    }

    @Override
    public Element toElement() {
        boolean qemuArguments = qemu != null && !qemu.arguments().isEmpty();
        return Element.of("domain").attr("type", type).attr("xmlns:qemu", qemuArguments ? QemuCommandLineXml.QEMU_NS : null)
                .add(Element.text("name", name))
                .add(metadata.toElement())
                .add(Element.of("memory").attr("unit", "KiB").text(Long.toString(memoryKiB)))
                .add(Element.of("currentMemory").attr("unit", "KiB").text(Long.toString(memoryKiB)))
                .add(Element.of("vcpu").attr("placement", "static").text(Integer.toString(vcpus)))
                .add(os.toElement())
                .add(features.toElement())
                .add(cpu.toElement())
                .add(clock.toElement())
                .add(Element.text("on_poweroff", "destroy"))
                .add(Element.text("on_reboot", "restart"))
                .add(Element.text("on_crash", "destroy"))
                .add(Element.of("pm").add(Element.of("suspend-to-mem").attr("enabled", "no"))
                        .add(Element.of("suspend-to-disk").attr("enabled", "no")))
                .add(Element.of("devices").addAll(devices.stream().map(DomainPart::toElement).toList()))
                .add(qemuArguments ? qemu.toElement() : null);
    }

    public String render() {
        return XmlWriter.render(toElement());
    }
}
