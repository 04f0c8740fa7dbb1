package io.phyllome.host.device;

/** The graphics adapter the guest sees; {@link #NONE} for a headless VM. */
public enum VideoModel {
    NONE, VIRTIO, QXL, VGA, BOCHS, VMVGA
}
