package io.phyllome.host.libvirt.internal.domain;

import io.phyllome.host.libvirt.internal.xml.Element;

/** {@code <serial>}: the first serial port, written to a log file on the host. */
public record SerialXml(String logFile) implements DomainPart {

    @Override
    public Element toElement() {
        return Element.of("serial").attr("type", "file")
                .add(Element.of("source").attr("path", logFile))
                .add(Element.of("target").attr("port", 0));
    }
}
