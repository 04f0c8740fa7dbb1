package io.phyllome.host.libvirt.internal.domain;

import io.phyllome.host.libvirt.internal.xml.Element;

/** {@code <memballoon>}: virtio when wanted; libvirt adds one unless told {@code none}. */
public record MemballoonXml(boolean virtio) implements DomainPart {

    @Override
    public Element toElement() {
        return Element.of("memballoon").attr("model", virtio ? "virtio" : "none");
    }
}
