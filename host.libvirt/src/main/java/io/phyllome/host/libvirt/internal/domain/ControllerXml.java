package io.phyllome.host.libvirt.internal.domain;

import io.phyllome.host.libvirt.internal.xml.Element;

/** {@code <controller>}: a controller of the given type and model, e.g. usb / qemu-xhci. */
public record ControllerXml(String type, String model) implements DomainPart {

    @Override
    public Element toElement() {
        return Element.of("controller").attr("type", type).attr("model", model);
    }
}
