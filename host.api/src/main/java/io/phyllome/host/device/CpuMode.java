package io.phyllome.host.device;

/** How the guest CPU is modelled. Host-passthrough ties a VM to its host's CPU and is never a profile's default. */
public enum CpuMode {
    /** The hypervisor's default model (portable, slow under emulation). */
    DEFAULT,
    /** The newest features that the hypervisor can provide: best under emulation. */
    MAXIMUM,
    /** A named model close to the host's CPU: fast and migratable between alike hosts. */
    HOST_MODEL,
    /** The host's CPU exactly: fastest, not portable. */
    HOST_PASSTHROUGH
}
