package io.phyllome.host.libvirt.internal.domain;

import io.phyllome.host.libvirt.internal.xml.Element;

/** {@code <channel>}: a virtio-serial port for a guest agent; libvirt picks the host socket. */
public record ChannelXml(String name) implements DomainPart {

    public static final String GUEST_AGENT = "org.qemu.guest_agent.0";

    @Override
    public Element toElement() {
        return Element.of("channel").attr("type", "unix")
                .add(Element.of("target").attr("type", "virtio").attr("name", name));
    }
}
