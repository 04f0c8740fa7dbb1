package io.phyllome.host.libvirt.internal.domain;

import io.phyllome.host.device.CpuMode;
import io.phyllome.host.device.CpuModel;
import io.phyllome.host.libvirt.internal.xml.Element;

/**
 * {@code <cpu>}: the guest CPU, by mode or as a named model with required and disabled features;
 * absent for the hypervisor's default. With {@code oneSocketCores} above 0 the virtual CPUs are
 * that many cores of one socket.
 *
 * @param model          a named model that takes the place of {@code mode}, or {@code null}
 * @param kvm            whether the domain runs on KVM: libvirt then checks before starting that the
 *                       host can provide the model; emulated, QEMU leaves out what TCG lacks
 * @param oneSocketCores 0 for libvirt's default topology (one socket per virtual CPU)
 */
public record CpuXml(CpuMode mode, CpuModel model, boolean kvm, int oneSocketCores) implements DomainPart {

    public CpuXml(CpuMode mode) {
        this(mode, null, false, 0);
    }

    @Override
    public Element toElement() {
        Element cpu;
        if (model != null) {
            cpu = Element.of("cpu").attr("mode", "custom").attr("match", "exact").attr("check", kvm ? "partial" : "none")
                    .add(Element.of("model").attr("fallback", "forbid").attr("vendor_id", model.vendorId().isEmpty() ? null : model.vendorId())
                            .text(model.name()));
        } else {
            cpu = switch (mode) {
                case DEFAULT -> oneSocketCores > 0 ? Element.of("cpu") : null;
                case MAXIMUM -> Element.of("cpu").attr("mode", "maximum").attr("check", "none");
                case HOST_MODEL -> Element.of("cpu").attr("mode", "host-model").attr("check", "partial");
                case HOST_PASSTHROUGH -> Element.of("cpu").attr("mode", "host-passthrough").attr("check", "none").attr("migratable", "on");
            };
        }
        if (cpu == null) {
            return null;
        }
        // libvirt's order: model, topology, features
        if (oneSocketCores > 0) {
            cpu.add(Element.of("topology").attr("sockets", 1).attr("dies", 1).attr("cores", oneSocketCores).attr("threads", 1));
        }
        if (model != null) {
            model.required().forEach(f -> cpu.add(Element.of("feature").attr("policy", "require").attr("name", f)));
            model.disabled().forEach(f -> cpu.add(Element.of("feature").attr("policy", "disable").attr("name", f)));
        }
        return cpu;
    }
}
