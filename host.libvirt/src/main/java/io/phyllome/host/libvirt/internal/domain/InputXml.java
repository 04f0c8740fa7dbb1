package io.phyllome.host.libvirt.internal.domain;

import io.phyllome.host.libvirt.internal.xml.Element;

/** {@code <input>}: a tablet or keyboard on USB or virtio. */
public record InputXml(String type, String bus) implements DomainPart {

    @Override
    public Element toElement() {
        return Element.of("input").attr("type", type).attr("bus", bus);
    }
}
