package io.phyllome.host.libvirt.internal.domain;

import io.phyllome.host.libvirt.internal.xml.Element;

/** {@code <graphics>}: a VNC display reachable from this host only (tunnel it over SSH). */
public record GraphicsXml() implements DomainPart {

    @Override
    public Element toElement() {
        return Element.of("graphics").attr("type", "vnc").attr("port", -1).attr("autoport", "yes")
                .add(Element.of("listen").attr("type", "address").attr("address", "127.0.0.1"));
    }
}
