package io.phyllome.host.libvirt.internal.domain;

import io.phyllome.host.device.Firmware;
import io.phyllome.host.libvirt.internal.xml.Element;
import io.phyllome.host.vm.DirectBoot;

/**
 * {@code <os>}: machine type and firmware, chosen by features so libvirt picks the matching OVMF
 * build; plus a kernel when the VM boots one directly.
 */
public record OsXml(String arch, String machine, Firmware firmware, DirectBoot directBoot) implements DomainPart {

    @Override
    public Element toElement() {
        Element os = Element.of("os").attr("firmware", firmware.uefi() ? "efi" : null)
                .add(Element.of("type").attr("arch", arch).attr("machine", machine).text("hvm"));
        if (firmware.uefi()) {
            os.add(Element.of("firmware")
                    .add(feature("enrolled-keys", firmware.enrolledKeys()))
                    .add(feature("secure-boot", firmware.secureBoot())));
        }
        if (directBoot != null) {
            os.add(Element.text("kernel", directBoot.kernel()));
            if (directBoot.initrd() != null) {
                os.add(Element.text("initrd", directBoot.initrd()));
            }
            if (!directBoot.cmdline().isEmpty()) {
                os.add(Element.text("cmdline", directBoot.cmdline()));
            }
        }
        return os;
    }

    private static Element feature(String name, boolean enabled) {
        return Element.of("feature").attr("enabled", enabled ? "yes" : "no").attr("name", name);
    }
}
