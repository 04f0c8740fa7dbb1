package io.phyllome.host.libvirt.internal.domain;

import io.phyllome.host.device.CpuMode;
import io.phyllome.host.libvirt.internal.xml.Element;

/** {@code <cpu>}: the guest CPU model; absent for the hypervisor's default. */
public record CpuXml(CpuMode mode) implements DomainPart {

    @Override
    public Element toElement() {
        return switch (mode) {
            case DEFAULT -> null;
            case MAXIMUM -> Element.of("cpu").attr("mode", "maximum").attr("check", "none");
            case HOST_MODEL -> Element.of("cpu").attr("mode", "host-model").attr("check", "partial");
            case HOST_PASSTHROUGH -> Element.of("cpu").attr("mode", "host-passthrough").attr("check", "none").attr("migratable", "on");
        };
    }
}
