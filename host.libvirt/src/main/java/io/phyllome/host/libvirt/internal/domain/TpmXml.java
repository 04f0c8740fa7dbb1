package io.phyllome.host.libvirt.internal.domain;

import io.phyllome.host.device.Tpm;
import io.phyllome.host.device.TpmModel;
import io.phyllome.host.libvirt.internal.xml.Element;

/** {@code <tpm>}: a TPM emulated by swtpm, its state kept by libvirt with the VM. */
public record TpmXml(Tpm tpm) implements DomainPart {

    @Override
    public Element toElement() {
        return Element.of("tpm").attr("model", tpm.model() == TpmModel.CRB ? "tpm-crb" : "tpm-tis")
                .add(Element.of("backend").attr("type", "emulator").attr("version", tpm.version()));
    }
}
