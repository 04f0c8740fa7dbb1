package io.phyllome.host.device;

/** What the guest's hardware clock keeps. */
public enum ClockOffset {
    UTC, LOCALTIME
}
