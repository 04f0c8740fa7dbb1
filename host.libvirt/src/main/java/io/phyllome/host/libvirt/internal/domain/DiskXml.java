package io.phyllome.host.libvirt.internal.domain;

import java.util.Locale;

import io.phyllome.host.device.DiskBus;
import io.phyllome.host.libvirt.internal.xml.Element;

/**
 * {@code <disk>}: a file-backed disk or CD-ROM. An encrypted qcow2 names the secret holding its
 * LUKS key; the key itself never appears here.
 *
 * @param bootOrder       0 for a disk that is not booted from
 * @param transientWrites the guest's writes go to an overlay that libvirt discards when the VM
 *                        stops, so the file itself never changes ({@code <transient/>})
 */
public record DiskXml(boolean cdrom, String source, String format, DiskBus bus, String target, boolean readOnly,
        String secretUuid, int bootOrder, boolean transientWrites) implements DomainPart {

    public DiskXml(boolean cdrom, String source, String format, DiskBus bus, String target, boolean readOnly, String secretUuid,
            int bootOrder) {
        this(cdrom, source, format, bus, target, readOnly, secretUuid, bootOrder, false);
    }

    @Override
    public Element toElement() {
        Element sourceElement = Element.of("source").attr("file", source);
        if (secretUuid != null && !secretUuid.isEmpty()) {
            sourceElement.add(Element.of("encryption").attr("format", "luks")
                    .add(Element.of("secret").attr("type", "passphrase").attr("uuid", secretUuid)));
        }
        Element driver = Element.of("driver").attr("name", "qemu").attr("type", format);
        if (!cdrom) {
            driver.attr("discard", "unmap");
        }
        return Element.of("disk").attr("type", "file").attr("device", cdrom ? "cdrom" : "disk")
                .add(driver)
                .add(sourceElement)
                .add(Element.of("target").attr("dev", target).attr("bus", bus.name().toLowerCase(Locale.ROOT)))
                .add(readOnly ? Element.of("readonly") : null)
                .add(transientWrites ? Element.of("transient") : null)
                .add(bootOrder > 0 ? Element.of("boot").attr("order", bootOrder) : null);
    }

    /** The guest device name of the {@code index}th disk on a bus: vda, vdb… or sda, sdb… */
    public static String target(DiskBus bus, int index) {
        String prefix = bus == DiskBus.VIRTIO ? "vd" : "sd";
        StringBuilder suffix = new StringBuilder();
        int i = index;
        do {
            suffix.insert(0, (char) ('a' + i % 26));
            i = i / 26 - 1;
        } while (i >= 0);
        return prefix + suffix;
    }
}
