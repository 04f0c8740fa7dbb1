package io.phyllome.host.libvirt.internal;

import java.util.ArrayList;
import java.util.List;

import org.libvirt.LibvirtException;

import io.phyllome.host.device.DiskBus;
import io.phyllome.host.hypervisor.Domain;
import io.phyllome.host.libvirt.internal.domain.DiskXml;
import io.phyllome.host.libvirt.internal.domain.DomainReader;
import io.phyllome.host.libvirt.internal.domain.MetadataXml;
import io.phyllome.host.libvirt.internal.xml.XmlWriter;
import io.phyllome.host.storage.Volume;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.VmDisk;
import io.phyllome.host.vm.VmState;

/** Changes to a defined domain's disks: attaching a new one (with the platform's metadata), growing one. */
final class DomainDisks {

    /** The definition a VM has when it next starts, not its live state. */
    private static final int XML_INACTIVE = 2;
    private static final int AFFECT_LIVE = 1;
    private static final int AFFECT_CONFIG = 2;
    private static final int METADATA_ELEMENT = 2;
    private static final int START_PAUSED = 1;
    private static final int BLOCK_RESIZE_BYTES = 1;

    private DomainDisks() {
    }

    /**
     * Attaches {@code volume} on the next free target of the domain's disk bus and lists it in the
     * platform's metadata, in one step: undone if the second half fails. Returns the target.
     */
    static String attach(org.libvirt.Domain domain, Volume volume) throws LibvirtException {
        String xml = domain.getXMLDesc(XML_INACTIVE);
        Domain current = DomainReader.read(xml, VmState.UNKNOWN);
        DiskBus bus = DomainReader.diskBus(xml);
        String target = DomainReader.freeTarget(xml, bus);
        String disk = XmlWriter.render(new DiskXml(false, volume.path(), "qcow2", bus, target, false, volume.secretUuid(), 0).toElement());
        List<String> managed = new ArrayList<>(current.disks().stream().filter(VmDisk::managed).map(VmDisk::source).toList());
        managed.add(volume.path());
        String metadata = XmlWriter.render(new MetadataXml(null, current.profile(), DomainReader.options(xml), managed).platformElement(""));
        int flags = AFFECT_CONFIG | (domain.isActive() == 1 ? AFFECT_LIVE : 0);
        domain.attachDeviceFlags(disk, flags);
        try {
            domain.setMetadata(METADATA_ELEMENT, metadata, MetadataXml.PREFIX, MetadataXml.PHYLLOME_NS, AFFECT_CONFIG);
        } catch (LibvirtException e) {
            try {
                domain.detachDeviceFlags(disk, flags); // no definition may refer to a disk about to be removed
            } catch (LibvirtException undo) {
                e.addSuppressed(undo);
            }
            throw e;
        }
        return target;
    }

    /** Grows disk {@code target}; a shut-off VM is started paused for the moment, since only libvirt holds the disk's key. */
    static void resize(org.libvirt.Domain domain, String target, ByteSize size) throws LibvirtException {
        boolean active = domain.isActive() == 1;
        if (!active) {
            domain.create(START_PAUSED);
        }
        try {
            domain.blockResize(target, size.bytes(), BLOCK_RESIZE_BYTES);
        } finally {
            if (!active) {
                domain.destroy();
            }
        }
    }
}
