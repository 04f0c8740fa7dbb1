package io.phyllome.host.api.testing;

import java.util.List;

import io.phyllome.host.device.DeviceSet;

/**
 * What creating a VM with a profile on a synthetic host gave.
 *
 * @param devices   the device set the profile chose, as the platform checked it
 * @param findings  what {@code vm:create} would print below "created …": the profile's findings
 *                  ({@code warning: …}) and the platform's own (e.g. memory below the recommendation)
 * @param domainXml the libvirt domain XML the platform would define, already valid against
 *                  libvirt's schema
 */
public record Contribution(DeviceSet devices, List<String> findings, String domainXml) {

    public Contribution {
        findings = List.copyOf(findings);
    }

    /** Whether a finding contains {@code text}. */
    public boolean hasFinding(String text) {
        return findings.stream().anyMatch(f -> f.contains(text));
    }
}
