package io.phyllome.host.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.phyllome.host.platform.HostConfiguration;
import io.phyllome.host.diagnostics.ProfileDryRun;
import io.phyllome.host.diagnostics.CrashLeftovers;
import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.hypervisor.Hypervisor;
import io.phyllome.host.platform.HostFingerprint;
import io.phyllome.host.platform.StateDirectory;
import io.phyllome.host.profile.Profiles;
import io.phyllome.host.storage.DirectoryEncryption;
import io.phyllome.host.storage.ProtectedDirectory;
import io.phyllome.host.vm.VmException;

/** The {@code host:} commands of the shell. */
@Component(service = HostCommands.class, property = { "osgi.command.scope=host", "osgi.command.function=info",
        "osgi.command.function=check", "osgi.command.function=fingerprint", "osgi.command.function=protect", "osgi.command.function=unlock" })
public class HostCommands {

    private final Hypervisor hypervisor;
    private final Profiles profiles;
    private final DirectoryEncryption encryption;
    private final HostConfiguration configuration;
    private final HostFingerprint fingerprint;
    private final ProfileDryRun dryRun;
    private final CrashLeftovers leftovers;
    private final BundleContext context;

    @Activate
    public HostCommands(@Reference Hypervisor hypervisor, @Reference Profiles profiles, @Reference DirectoryEncryption encryption,
            @Reference HostConfiguration configuration, @Reference HostFingerprint fingerprint, @Reference ProfileDryRun dryRun,
            @Reference CrashLeftovers leftovers, BundleContext context) {
        this.hypervisor = hypervisor;
        this.profiles = profiles;
        this.encryption = encryption;
        this.configuration = configuration;
        this.fingerprint = fingerprint;
        this.dryRun = dryRun;
        this.leftovers = leftovers;
        this.context = context;
    }

    @Descriptor("show the platform and the host: version, state and configuration directories, where the configuration comes from,"
            + " hypervisor, KVM, firmware, TPM")
    public String info() {
        HostCapabilities host = hypervisor.capabilities();
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
                context.getBundle().getVersion(), StateDirectory.resolve(context::getProperty), configDirectory(), sources(), host.connection(), host.version(),
                host.arch(), host.cpus(), String.format("%.1fG", host.memory().bytes() / (double) (1L << 30)), host.kvmUsable() ? "usable" : "not usable (" + host.kvmProblem() + "): guests run emulated",
                available(host.uefi(), "install the ovmf package"), available(host.secureBoot(), "install the ovmf package"),
                available(host.tpmEmulator(), "install the swtpm and swtpm-tools packages"), profiles.list().size(), fingerprint.digest(),
                encryption.status().stream().map(HostCommands::protection).collect(Collectors.joining("\n")));
    }

    @Descriptor("check what this host needs to run VMs well, and what each installed profile needs (a dry run that creates nothing):"
            + " PASS, WARN or FAIL with a fix for each; fails when any check fails")
    public String check(CommandSession session) {
        HostCapabilities host = hypervisor.capabilities();
        List<HostChecks.Check> checks = new ArrayList<>(HostChecks.run(host, profiles.faults(), StateDirectory.resolve(context::getProperty),
                encryption.status()));
        boolean passthrough = dryRun.passthroughAllowed();
        if (HostDeviceChecks.local(host.connection())) {
            checks.addAll(HostDeviceChecks.run(Path.of("/"), passthrough));
        }
        checks.addAll(ProfileChecks.of(dryRun.run(), passthrough));
        checks.add(HostChecks.leftovers(leftovers.scan()));
        String report = checks.stream().map(HostChecks.Check::toString).collect(Collectors.joining("\n"));
        long failed = checks.stream().filter(c -> c.status() == HostChecks.Status.FAIL).count();
        if (failed > 0) {
            session.getConsole().println(report);
            throw new VmException(failed + " of " + checks.size() + " host checks failed (see FAIL above)");
        }
        return report;
    }

    @Descriptor("print this host's fingerprint: the digest of what makes hosts compatible for moving VMs, then its components"
            + " (platform, bundles, profiles, machine types, CPU, firmware, TPM), one key=value a line")
    public String fingerprint() {
        Map<String, String> components = fingerprint.components();
        StringBuilder out = new StringBuilder("digest: ").append(HostFingerprint.digest(components));
        components.forEach((key, value) -> out.append('\n').append(key).append('=').append(value));
        return out.toString();
    }

    @Descriptor("protect the state directories that hold disks, firmware variables and TPM state with fscrypt and a passphrase"
            + " (asked for, or read from standard input); each must still be empty")
    public String protect(CommandSession session) throws IOException {
        byte[] passphrase = Passphrases.read(session, "passphrase for the state directories", true);
        try {
            return encryption.protect(passphrase).stream().map(HostCommands::protection).collect(Collectors.joining("\n"));
        } finally {
            Arrays.fill(passphrase, (byte) 0);
        }
    }

    @Descriptor("unlock the state directories protected by host:protect, after a reboot (passphrase asked for, or read from standard input)")
    public String unlock(CommandSession session) throws IOException {
        byte[] passphrase = Passphrases.read(session, "passphrase of the state directories", false);
        try {
            return encryption.unlock(passphrase).stream().map(HostCommands::protection).collect(Collectors.joining("\n"));
        } finally {
            Arrays.fill(passphrase, (byte) 0);
        }
    }

    private String configDirectory() {
        return configuration.directory() + (Files.isDirectory(configuration.directory()) ? "" : " (none: the shipped configuration applies)");
    }

    /** The configuration's sources besides the shipped defaults, one a line, aligned under the first. */
    private String sources() {
        List<String> sources = configuration.sources();
        return sources.isEmpty() ? "shipped defaults only" : String.join("\n" + " ".repeat(13), sources);
    }

    private static String protection(ProtectedDirectory dir) {
        return String.format("%-12s %s: %s", "fscrypt:", dir.path(),
                dir.encrypted() ? (dir.unlocked() ? "protected, unlocked" : "protected, LOCKED (host:unlock)") : dir.note());
    }

    private static String available(boolean yes, String fix) {
        return yes ? "available" : "missing: " + fix;
    }
}
