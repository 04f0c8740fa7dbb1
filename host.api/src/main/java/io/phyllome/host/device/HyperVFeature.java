package io.phyllome.host.device;

/** Hyper-V enlightenments for Windows guests; only usable when KVM is. */
public enum HyperVFeature {
    RELAXED, VAPIC, SPINLOCKS, VPINDEX, RUNTIME, SYNIC, STIMER, RESET, FREQUENCIES, TLBFLUSH, IPI
}
