package io.phyllome.host.vm;

/** The run state of a VM, as the hypervisor reports it. */
public enum VmState {
    RUNNING("running"),
    PAUSED("paused"),
    SHUTTING_DOWN("shutting-down"),
    SHUT_OFF("shut-off"),
    CRASHED("crashed"),
    SUSPENDED("suspended"),
    UNKNOWN("unknown");

    private final String label;

    VmState(String label) {
        this.label = label;
    }

    /** Whether the guest occupies the hypervisor (must be stopped before it can be deleted). */
    public boolean isActive() {
        return this == RUNNING || this == PAUSED || this == SHUTTING_DOWN || this == SUSPENDED;
    }

    @Override
    public String toString() {
        return label;
    }
}
