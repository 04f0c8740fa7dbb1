package io.phyllome.host.shell;

import static io.phyllome.host.shell.Completes.What.VM;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.phyllome.host.document.VmDetails;
import io.phyllome.host.shell.format.Formatter;
import io.phyllome.host.vm.VmPackage;
import io.phyllome.host.vm.VmPackages;

/**
 * {@code vm:export}, {@code vm:import} and {@code vm:migrate}: VMs moved between hosts as packages.
 * {@code import} is also registered as {@code _import}, its method's name, for {@link HelpCommand}.
 */
@Component(service = VmPackageCommands.class, property = { "osgi.command.scope=vm", "osgi.command.function=export",
        "osgi.command.function=import", "osgi.command.function=_import", "osgi.command.function=migrate" })
public class VmPackageCommands {

    private final VmPackages packages;

    @Activate
    public VmPackageCommands(@Reference VmPackages packages) {
        this.packages = packages;
    }

    @Descriptor("write a shut-off VM as a package (spec, definition, encrypted disks, keys wrapped with a passphrase asked for"
            + " or read from standard input, SHA-256 manifest) into a new or empty directory")
    public String export(CommandSession session, @Descriptor("VM name") @Completes(VM) String name,
            @Descriptor("the package's directory") String directory) throws IOException {
        char[] passphrase = Passphrases.readChars(session, "passphrase for the package's keys", true);
        try {
            VmPackage written = packages.export(name, Path.of(directory), passphrase);
            StringBuilder out = new StringBuilder("exported " + written.vm() + " (" + written.profile() + ") to " + written.directory() + ": "
                    + written.files().size() + " files, verify with: sha256sum -c MANIFEST.sha256");
            written.notes().forEach(note -> out.append("\nnote: ").append(note));
            return out.toString();
        } finally {
            Arrays.fill(passphrase, ' ');
        }
    }

    @Descriptor("define a VM from a package that vm:export wrote, after verifying it (passphrase asked for or read from standard input)")
    public String _import(CommandSession session,
            @Descriptor("the VM's name here (default: its name in the package)")
            @Parameter(names = "--name", absentValue = "") String name,
            @Descriptor("the package's directory") String directory) throws IOException {
        char[] passphrase = Passphrases.readChars(session, "passphrase of the package's keys", false);
        try {
            return "imported\n" + Formatter.text(VmDetails.of(packages.importPackage(Path.of(directory), passphrase, name)));
        } finally {
            Arrays.fill(passphrase, ' ');
        }
    }

    @Descriptor("move a shut-off VM to another libvirt host (its disks into that host's disk pool, still encrypted);"
            + " the VM stays here, shut off, until you delete it")
    public String migrate(
            @Descriptor("the storage pool there for the disks (default: the one the platform makes on that host)")
            @Parameter(names = "--pool", absentValue = "") String pool,
            @Descriptor("VM name") @Completes(VM) String name,
            @Descriptor("the other host's libvirt URI, e.g. qemu+ssh://root@host/system") String uri) {
        return String.join("\n", packages.migrate(name, uri, pool));
    }
}
