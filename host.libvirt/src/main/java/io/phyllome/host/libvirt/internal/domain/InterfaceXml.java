package io.phyllome.host.libvirt.internal.domain;

import java.util.Locale;

import io.phyllome.host.device.NicModel;
import io.phyllome.host.libvirt.internal.xml.Element;

/** {@code <interface>}: a NIC on a libvirt network, or on QEMU's user-mode network when none is given. */
public record InterfaceXml(String network, NicModel model) implements DomainPart {

    @Override
    public Element toElement() {
        Element nic = network == null ? Element.of("interface").attr("type", "user")
                : Element.of("interface").attr("type", "network").add(Element.of("source").attr("network", network));
        return nic.add(Element.of("model").attr("type", model.name().toLowerCase(Locale.ROOT)));
    }
}
