package io.phyllome.host.libvirt.internal.domain;

import java.util.List;

import io.phyllome.host.libvirt.internal.xml.Element;

/**
 * {@code <qemu:commandline>}: arguments libvirt appends to QEMU's command line unchanged, for
 * devices and options libvirt has no element for. libvirt then marks the domain as tainted
 * ({@code custom-argv}) in its log; the definition stays valid.
 */
public record QemuCommandLineXml(List<String> arguments) implements DomainPart {

    /** libvirt's namespace for QEMU-specific domain XML; declared on {@code <domain>}. */
    public static final String QEMU_NS = "http://libvirt.org/schemas/domain/qemu/1.0";

    public QemuCommandLineXml {
        arguments = List.copyOf(arguments);
    }

    @Override
    public Element toElement() {
        if (arguments.isEmpty()) {
            return null;
        }
        Element commandline = Element.of("qemu:commandline");
        arguments.forEach(a -> commandline.add(Element.of("qemu:arg").attr("value", a)));
        return commandline;
    }
}
