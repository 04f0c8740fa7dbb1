package io.phyllome.host.libvirt.internal.domain;

import io.phyllome.host.libvirt.internal.xml.Element;

/** {@code <rng>}: a virtio RNG fed by the host's /dev/urandom. */
public record RngXml() implements DomainPart {

    @Override
    public Element toElement() {
        return Element.of("rng").attr("model", "virtio").add(Element.of("backend").attr("model", "random").text("/dev/urandom"));
    }
}
