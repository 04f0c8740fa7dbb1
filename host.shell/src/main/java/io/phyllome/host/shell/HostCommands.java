package io.phyllome.host.shell;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.phyllome.host.diagnostics.HostValidation.Check;
import io.phyllome.host.diagnostics.HostValidation;
import io.phyllome.host.document.Fingerprint;
import io.phyllome.host.document.HostCheck;
import io.phyllome.host.document.HostInfo;
import io.phyllome.host.hypervisor.Hypervisor;
import io.phyllome.host.platform.HostConfiguration;
import io.phyllome.host.platform.HostFingerprint;
import io.phyllome.host.platform.StateDirectory;
import io.phyllome.host.profile.Profiles;
import io.phyllome.host.shell.format.Format;
import io.phyllome.host.shell.format.Formatter;
import io.phyllome.host.shell.format.HostTexts;
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
    private final HostValidation validation;
    private final BundleContext context;

    @Activate
    public HostCommands(@Reference Hypervisor hypervisor, @Reference Profiles profiles, @Reference DirectoryEncryption encryption,
            @Reference HostConfiguration configuration, @Reference HostFingerprint fingerprint, @Reference HostValidation validation,
            BundleContext context) {
        this.hypervisor = hypervisor;
        this.profiles = profiles;
        this.encryption = encryption;
        this.configuration = configuration;
        this.fingerprint = fingerprint;
        this.validation = validation;
        this.context = context;
    }

    @Descriptor("show the platform and the host: version, state and configuration directories, where the configuration comes from,"
            + " hypervisor, KVM, firmware, TPM")
    public String info(@Descriptor(Format.HELP) @Parameter(names = Format.OPTION, absentValue = Format.DEFAULT) String format) {
        return Formatter.render(format, () -> HostInfo.of(context.getBundle().getVersion().toString(), StateDirectory.resolve(context::getProperty),
                configuration, hypervisor.capabilities(), profiles.list().size(), fingerprint.digest(), encryption.status()));
    }

    @Descriptor("check what this host needs to run VMs well, and what each installed profile needs (a dry run that creates nothing):"
            + " PASS, WARN or FAIL with a fix for each; fails when any check fails")
    public String check(CommandSession session, @Descriptor(Format.HELP) @Parameter(names = Format.OPTION, absentValue = Format.DEFAULT) String format) {
        Format as = Format.of(format); // before the checks run
        List<Check> checks = validation.validate();
        HostCheck report = HostCheck.of(checks);
        String output = Formatter.render(as, report);
        if (report.failed() > 0) {
            session.getConsole().println(output);
            throw new VmException(report.failed() + " of " + checks.size() + " host checks failed (see FAIL above)");
        }
        return output;
    }

    @Descriptor("print this host's fingerprint: the digest of what makes hosts compatible for moving VMs, then its components"
            + " (platform, bundles, profiles, machine types, CPU, firmware, TPM), one key=value a line")
    public String fingerprint(@Descriptor(Format.HELP) @Parameter(names = Format.OPTION, absentValue = Format.DEFAULT) String format) {
        return Formatter.render(format, () -> Fingerprint.of(fingerprint));
    }

    @Descriptor("protect the state directories that hold disks, firmware variables and TPM state with fscrypt and a passphrase"
            + " (asked for, or read from standard input); each must still be empty")
    public String protect(CommandSession session) throws IOException {
        return withPassphrase(session, "passphrase for the state directories", true, encryption::protect);
    }

    @Descriptor("unlock the state directories protected by host:protect, after a reboot (passphrase asked for, or read from standard input)")
    public String unlock(CommandSession session) throws IOException {
        return withPassphrase(session, "passphrase of the state directories", false, encryption::unlock);
    }

    /** The directories {@code action} protected or unlocked with the passphrase asked for, a line each; the passphrase is cleared after. */
    private static String withPassphrase(CommandSession session, String prompt, boolean confirm,
            Function<byte[], List<ProtectedDirectory>> action) throws IOException {
        byte[] passphrase = Passphrases.read(session, prompt, confirm);
        try {
            return action.apply(passphrase).stream().map(d -> HostTexts.protection(HostInfo.Protection.of(d))).collect(Collectors.joining("\n"));
        } finally {
            Arrays.fill(passphrase, (byte) 0);
        }
    }
}
