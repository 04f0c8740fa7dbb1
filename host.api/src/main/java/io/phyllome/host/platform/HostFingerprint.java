package io.phyllome.host.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

import io.phyllome.host.platform.HostCapabilities;

/**
 * What makes this host compatible with another for moving VMs between them, as named
 * components and their digest. Two hosts with the same digest run the same platform, bundles
 * and profiles on hypervisors that offer the same machine types, CPU, firmware and TPM.
 *
 * <p>Components are {@code key=value} pairs in a fixed order (lists inside a value are sorted
 * and comma-separated):
 * <ul>
 * <li>{@code format} — {@code 1}, the version of this list of components;</li>
 * <li>{@code platform} — the version of the platform (the core bundle);</li>
 * <li>{@code bundle.<symbolic name>} — the version of each installed bundle;</li>
 * <li>{@code profile.<id>} — each installed guest profile: {@code <bundle> <version>};</li>
 * <li>{@code arch}, {@code accelerator} ({@code kvm} or {@code tcg}), {@code machines},
 * {@code cpu.model}, {@code cpu.features}, {@code firmware} ({@code uefi}, {@code secure-boot}),
 * {@code tpm} ({@code emulator-2.0} or {@code none}) — the hypervisor's capabilities.</li>
 * </ul>
 * The hypervisor's version, the host's memory, CPU count and connection are left out: they do
 * not decide whether a VM can move.
 *
 * <p>The canonical text is each component as a {@code key=value} line ending in {@code \n}, in
 * the order of {@link #components()}, in UTF-8; {@link #digest()} is its SHA-256 in lower-case
 * hex. To check a VM package made elsewhere, store {@link #components()} with it and hand them
 * to {@link #compare(Map)} on the receiving host.
 */
@ProviderType
public interface HostFingerprint {

    /**
     * This host's components, in their fixed order (the map iterates in it).
     *
     * @throws io.phyllome.host.vm.VmException when the hypervisor cannot be reached
     */
    Map<String, String> components();

    /** The SHA-256 (lower-case hex) of the canonical text of {@link #components()}. */
    String digest();

    /**
     * The digest of any host's components, e.g. of those stored in an export package: the
     * SHA-256 (lower-case hex) of each {@code key=value} line ending in {@code \n}, in the map's
     * order, in UTF-8.
     */
    static String digest(Map<String, String> components) {
        StringBuilder text = new StringBuilder();
        components.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    /**
     * What this host lacks or has otherwise compared with another host's components, one
     * human-readable line each, e.g. {@code machine types: this host lacks pc-q35-8.0}; empty when
     * this host offers everything the other did. Items this host has in addition are not listed.
     *
     * @param other another host's {@link #components()}, e.g. stored in an export package
     */
    List<String> compare(Map<String, String> other);

    /**
     * What a hypervisor host with the capabilities {@code target} lacks or has otherwise compared
     * with this one, for the same platform, bundles and profiles: what to know before moving a VM
     * there. One human-readable line each; empty when the target offers everything this host does.
     */
    List<String> compareTarget(HostCapabilities target);
}
