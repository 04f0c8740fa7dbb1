package io.phyllome.host.libvirt.internal.domain;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import io.phyllome.host.device.HyperVFeature;
import io.phyllome.host.libvirt.internal.xml.Element;

/** {@code <features>}: ACPI and APIC always; SMM for Secure Boot; Hyper-V enlightenments on KVM. */
public record FeaturesXml(boolean smm, Set<HyperVFeature> hyperV) implements DomainPart {

    @Override
    public Element toElement() {
        Element features = Element.of("features").add(Element.of("acpi")).add(Element.of("apic"));
        if (!hyperV.isEmpty()) {
            Element hv = Element.of("hyperv").attr("mode", "custom");
            for (HyperVFeature f : new TreeSet<>(hyperV)) {
                Element e = Element.of(f.name().toLowerCase(Locale.ROOT)).attr("state", "on");
                if (f == HyperVFeature.SPINLOCKS) {
                    e.attr("retries", 8191);
                }
                hv.add(e);
            }
            features.add(hv);
        }
        if (smm) {
            features.add(Element.of("smm").attr("state", "on"));
        }
        return features;
    }
}
