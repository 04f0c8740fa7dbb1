package io.phyllome.host.device;

import java.util.Objects;

/** An emulated TPM whose state lives with the VM. */
public record Tpm(TpmModel model, String version) {

    public Tpm {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(version, "version");
    }

    public static Tpm v2(TpmModel model) {
        return new Tpm(model, "2.0");
    }
}
