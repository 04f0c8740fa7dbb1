package io.phyllome.host.device;

/** How a disk or medium is attached to the guest. */
public enum DiskBus {
    VIRTIO, SCSI, SATA, USB
}
