package io.phyllome.host.libvirt.internal.domain;

import java.util.List;

import io.phyllome.host.libvirt.internal.xml.Element;
import io.phyllome.host.libvirt.internal.xml.XmlWriter;

/** {@code <domain>}: the whole definition of a VM, in libvirt's element order. */
public record DomainXml(String type, String name, MetadataXml metadata, long memoryKiB, int vcpus, OsXml os,
        FeaturesXml features, CpuXml cpu, ClockXml clock, List<DomainPart> devices) implements DomainPart {

    @Override
    public Element toElement() {
        return Element.of("domain").attr("type", type)
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
                .add(Element.of("devices").addAll(devices.stream().map(DomainPart::toElement).toList()));
    }

    public String render() {
        return XmlWriter.render(toElement());
    }
}
