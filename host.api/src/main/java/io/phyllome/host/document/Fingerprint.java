package io.phyllome.host.document;

import java.util.Map;

import io.phyllome.host.platform.HostFingerprint;

/** The digest of what makes hosts compatible for moving VMs, and what it is made of ({@code host:fingerprint}). */
public record Fingerprint(String digest, Map<String, String> components) implements Document {

    public static Fingerprint of(HostFingerprint fingerprint) {
        Map<String, String> components = fingerprint.components();
        return new Fingerprint(HostFingerprint.digest(components), components);
    }

    @Override
    public String kind() {
        return "host-fingerprint";
    }
}
