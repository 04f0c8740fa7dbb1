package io.phyllome.host.shell.format;

import java.util.Map;

/** What {@code host:fingerprint} returns: the digest of what makes hosts compatible for moving VMs, and what it is made of. */
public record Fingerprint(String digest, Map<String, String> components) implements Output {

    @Override
    public String kind() {
        return "host-fingerprint";
    }

    @Override
    public String text() {
        StringBuilder out = new StringBuilder("digest: ").append(digest);
        components.forEach((key, value) -> out.append('\n').append(key).append('=').append(value));
        return out.toString();
    }
}
