package io.phyllome.host.shell.format;

import io.phyllome.host.document.Fingerprint;
import io.phyllome.host.document.HostCheck;
import io.phyllome.host.document.HostInfo;

/** The text forms of the host documents. */
public final class HostTexts {

    private HostTexts() {
    }

    static String info(HostInfo info) {
        HostInfo.Hypervisor h = info.hypervisor();
        return String.format("""
                platform:    Phyllome Host %s
                state:       %s
                config:      %s
                sources:     %s
                hypervisor:  %s (%s)
                arch:        %s, %d CPUs, %s memory
                kvm:         %s
                uefi:        %s
                secure boot: %s
                tpm 2.0:     %s
                profiles:    %d installed
                fingerprint: %s
                %s""",
                info.platformVersion(), info.stateDirectory(), info.configDirectory() + (info.configDirectoryExists() ? "" : " (none: the shipped configuration applies)"),
                info.configSources().isEmpty() ? "shipped defaults only" : String.join("\n" + " ".repeat(13), info.configSources()), h.connection(), h.version(),
                h.arch(), h.cpus(), String.format("%.1fG", h.memoryBytes() / (double) (1L << 30)),
                h.kvmUsable() ? "usable" : "not usable (" + h.kvmProblem() + "): guests run emulated",
                available(h.uefi(), "install the ovmf package"), available(h.secureBoot(), "install the ovmf package"),
                available(h.tpmEmulator(), "install the swtpm and swtpm-tools packages"), info.profilesInstalled(), info.fingerprint(),
                String.join("\n", info.protection().stream().map(HostTexts::protection).toList()));
    }

    /** One state directory's protection, as {@code host:info}, {@code host:protect} and {@code host:unlock} print it. */
    public static String protection(HostInfo.Protection p) {
        return String.format("%-12s %s: %s", "fscrypt:", p.path(),
                p.encrypted() ? (p.unlocked() ? "protected, unlocked" : "protected, LOCKED (host:unlock)") : p.note());
    }

    static String check(HostCheck report) {
        Table table = new Table("STATUS", "CHECK", "DETAIL");
        report.checks().forEach(c -> table.row(c.status(), c.subject(), c.detail()));
        return table.toString();
    }

    static String fingerprint(Fingerprint fingerprint) {
        StringBuilder out = new StringBuilder("digest: ").append(fingerprint.digest());
        fingerprint.components().forEach((key, value) -> out.append('\n').append(key).append('=').append(value));
        return out.toString();
    }

    private static String available(boolean yes, String fix) {
        return yes ? "available" : "missing: " + fix;
    }
}
