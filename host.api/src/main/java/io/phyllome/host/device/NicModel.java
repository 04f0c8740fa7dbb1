package io.phyllome.host.device;

/** The network card the guest sees. */
public enum NicModel {
    VIRTIO, E1000E, VMXNET3, RTL8139
}
