package io.phyllome.host.device;

/** The sound card the guest sees. */
public enum SoundModel {
    NONE, ICH9, HDA
}
