package io.phyllome.host.libvirt.internal.domain;

import java.util.Locale;

import io.phyllome.host.device.SoundModel;
import io.phyllome.host.libvirt.internal.xml.Element;

/** {@code <sound>}: the sound card. */
public record SoundXml(SoundModel model) implements DomainPart {

    @Override
    public Element toElement() {
        return Element.of("sound").attr("model", model.name().toLowerCase(Locale.ROOT));
    }
}
