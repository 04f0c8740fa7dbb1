package io.phyllome.host.device;

/** How the bytes of a disk image file are laid out. */
public enum ImageFormat {
    /** The disk's bytes as they are, e.g. an ISO or a recovery image converted from a DMG. */
    RAW,
    /** QEMU's copy-on-write format, e.g. an OpenCore boot image. */
    QCOW2
}
