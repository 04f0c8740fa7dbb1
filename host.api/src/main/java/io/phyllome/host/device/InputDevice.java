package io.phyllome.host.device;

/** Pointing devices and keyboards beyond the PS/2 ones every PC has. */
public enum InputDevice {
    USB_TABLET, USB_KEYBOARD, VIRTIO_TABLET, VIRTIO_KEYBOARD
}
