package io.phyllome.host.device;

/** The TPM interface the guest sees. */
public enum TpmModel {
    /** Command Response Buffer (TPM 2.0 only; what Windows 11 expects). */
    CRB,
    /** TPM Interface Specification. */
    TIS
}
