package io.phyllome.host.device;

/** Host–guest channels for agents. */
public enum Channel {
    /** The QEMU guest agent (orderly shutdown, file-system freeze). */
    GUEST_AGENT
}
