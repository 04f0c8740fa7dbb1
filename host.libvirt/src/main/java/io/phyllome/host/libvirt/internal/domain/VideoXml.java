package io.phyllome.host.libvirt.internal.domain;

import java.util.Locale;

import io.phyllome.host.device.VideoModel;
import io.phyllome.host.libvirt.internal.xml.Element;

/** {@code <video>}: the graphics adapter. */
public record VideoXml(VideoModel model) implements DomainPart {

    @Override
    public Element toElement() {
        return Element.of("video").add(Element.of("model").attr("type", model.name().toLowerCase(Locale.ROOT)).attr("primary", "yes"));
    }
}
