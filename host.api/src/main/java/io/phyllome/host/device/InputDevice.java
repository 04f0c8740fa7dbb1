package io.phyllome.host.device;

/** Pointing devices and keyboards beyond the PS/2 ones every PC has. */
public enum InputDevice {
    USB_TABLET(Kind.TABLET, true), USB_KEYBOARD(Kind.KEYBOARD, true), VIRTIO_TABLET(Kind.TABLET, false), VIRTIO_KEYBOARD(Kind.KEYBOARD, false);

    /** What the device is to the guest. */
    public enum Kind {
        /** An absolute pointer: the pointer follows the viewer's exactly. */
        TABLET,
        KEYBOARD
    }

    private final Kind kind;
    private final boolean usb;

    InputDevice(Kind kind, boolean usb) {
        this.kind = kind;
        this.usb = usb;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether it sits on the USB controller (otherwise it is a virtio device), so the VM needs one. */
    public boolean usb() {
        return usb;
    }
}
