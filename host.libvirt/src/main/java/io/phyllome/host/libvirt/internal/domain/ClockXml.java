package io.phyllome.host.libvirt.internal.domain;

import io.phyllome.host.device.ClockOffset;
import io.phyllome.host.libvirt.internal.xml.Element;

/** {@code <clock>}: the offset, with the timer policies virt-install uses for modern guests. */
public record ClockXml(ClockOffset offset, boolean hypervClock) implements DomainPart {

    @Override
    public Element toElement() {
        return Element.of("clock").attr("offset", offset == ClockOffset.UTC ? "utc" : "localtime")
                .add(timer("rtc").attr("tickpolicy", "catchup"))
                .add(timer("pit").attr("tickpolicy", "delay"))
                .add(timer("hpet").attr("present", "no"))
                .add(hypervClock ? timer("hypervclock").attr("present", "yes") : null);
    }

    private static Element timer(String name) {
        return Element.of("timer").attr("name", name);
    }
}
