package io.phyllome.host.shell;

import static io.phyllome.host.shell.Completes.What.PROFILE;
import static io.phyllome.host.shell.Completes.What.VM;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.phyllome.host.client.protocol.Prompts;
import io.phyllome.host.document.VmDetails;
import io.phyllome.host.document.VmLint;
import io.phyllome.host.document.VmList;
import io.phyllome.host.profile.Profiles;
import io.phyllome.host.shell.format.Format;
import io.phyllome.host.shell.format.Formatter;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.InvalidSpecException;
import io.phyllome.host.vm.VirtualMachines;
import io.phyllome.host.vm.VmDisk;
import io.phyllome.host.vm.VmException;
import io.phyllome.host.vm.VmInfo;
import io.phyllome.host.vm.VmPortability;
import io.phyllome.host.vm.VmSpecRequest;

/** The {@code vm:} commands of the shell; each delegates to {@link VirtualMachines}. */
@Component(service = VmCommands.class, property = { "osgi.command.scope=vm",
        "osgi.command.function=create", "osgi.command.function=list", "osgi.command.function=info",
        "osgi.command.function=start", "osgi.command.function=shutdown", "osgi.command.function=stop",
        "osgi.command.function=delete", "osgi.command.function=xml", "osgi.command.function=screenshot",
        "osgi.command.function=virtio", "osgi.command.function=lint", "osgi.command.function=autostart" })
public class VmCommands {

    private static final String ABSENT = "";

    private final VirtualMachines vms;
    private final Profiles profiles;
    private final VmPortability portability;

    @Activate
    public VmCommands(@Reference VirtualMachines vms, @Reference Profiles profiles, @Reference VmPortability portability) {
        this.vms = vms;
        this.profiles = profiles;
        this.portability = portability;
    }

    @Descriptor("create a VM from a guest profile (defined, not started)")
    public String create(
            @Descriptor("guest memory, e.g. 512M or 4G (default: the profile's recommendation)")
            @Parameter(names = "--memory", absentValue = ABSENT) String memory,
            @Descriptor("virtual CPUs (default: the profile's recommendation)")
            @Parameter(names = "--cpus", absentValue = ABSENT) String cpus,
            @Descriptor("size of the system disk, e.g. 20G, or 'none' (default: the profile's recommendation)")
            @Parameter(names = "--disk", absentValue = ABSENT) String disk,
            @Descriptor("create the disk without encryption at rest (not recommended)")
            @Parameter(names = "--no-encryption", absentValue = "false", presentValue = "true") boolean noEncryption,
            @Descriptor("installer image (ISO) to attach as a CD-ROM")
            @Parameter(names = "--iso", absentValue = ABSENT) String iso,
            @Descriptor("kernel to boot directly from the host")
            @Parameter(names = "--kernel", absentValue = ABSENT) String kernel,
            @Descriptor("initial ramdisk for --kernel")
            @Parameter(names = "--initrd", absentValue = ABSENT) String initrd,
            @Descriptor("kernel command line for --kernel")
            @Parameter(names = "--cmdline", absentValue = ABSENT) String cmdline,
            @Descriptor("network to attach to (default: the host's default network)")
            @Parameter(names = "--network", absentValue = ABSENT) String network,
            @Descriptor("profile options as KEY=VALUE[,KEY=VALUE...], e.g. tpm=on (profile:show lists a profile's options)")
            @Parameter(names = "--options", absentValue = ABSENT) String options,
            @Descriptor("start the VM once it is created")
            @Parameter(names = "--start", absentValue = "false", presentValue = "true") boolean start,
            @Descriptor("guest profile id (see profile:list)") @Completes(PROFILE) String profile,
            @Descriptor("name of the new VM") String name) {
        VmSpecRequest request = new VmSpecRequest(name, profile, memory, cpus, disk, !noEncryption, iso, kernel, initrd, cmdline, network,
                options(options));
        VmInfo vm = vms.create(request.spec(this::recommendedDisk, field -> "--" + field));
        StringBuilder out = new StringBuilder("created ").append(vm.name()).append(" (").append(vm.memory()).append(", ")
                .append(vm.cpus()).append(" CPUs, profile ").append(vm.profile()).append(")");
        vm.findings().forEach(f -> out.append('\n').append(f));
        if (start) {
            try {
                vms.start(vm.name());
            } catch (VmException e) {
                throw new VmException("created " + vm.name() + ", but it did not start: " + e.getMessage(), e);
            }
            out.append("\nstarted ").append(vm.name());
        }
        return out.toString();
    }

    @Descriptor("list the VMs of this host: name, state, profile, memory, CPUs")
    public String list(@Descriptor(Format.HELP) @Parameter(names = Format.OPTION, absentValue = Format.DEFAULT) String format) {
        return Formatter.render(format, () -> VmList.of(vms.summaries()));
    }

    @Descriptor("show a VM: state, profile, resources, disks")
    public String info(@Descriptor(Format.HELP) @Parameter(names = Format.OPTION, absentValue = Format.DEFAULT) String format, @Descriptor("VM name") @Completes(VM) String name) {
        return Formatter.render(format, () -> VmDetails.of(vms.info(name)));
    }

    @Descriptor("start a VM")
    public String start(@Descriptor("VM name") @Completes(VM) String name) {
        vms.start(name);
        return "started " + name;
    }

    @Descriptor("ask a VM's guest to power off")
    public String shutdown(@Descriptor("VM name") @Completes(VM) String name) {
        vms.shutdown(name);
        return "asked " + name + " to shut down";
    }

    @Descriptor("power a VM off at once (the guest gets no chance to save its work)")
    public String stop(@Descriptor("VM name") @Completes(VM) String name) {
        vms.stop(name);
        return "stopped " + name;
    }

    @Descriptor("delete a VM with its firmware variables and TPM state; asks whether to delete its disks too")
    public String delete(CommandSession session,
            @Descriptor("keep the VM's disks (and their keys); disk:delete removes them later")
            @Parameter(names = "--keep-disks", absentValue = "false", presentValue = "true") boolean keepDisks,
            @Descriptor("delete the VM's disks too, without asking")
            @Parameter(names = "--with-disks", absentValue = "false", presentValue = "true") boolean withDisks,
            @Descriptor("VM name") @Completes(VM) String name) throws IOException {
        if (keepDisks && withDisks) {
            throw new VmException("give --keep-disks or --with-disks, not both");
        }
        if (!keepDisks && !withDisks) {
            List<VmDisk> disks = vms.info(name).disks().stream().filter(VmDisk::managed).toList();
            if (!disks.isEmpty()) {
                keepDisks = !confirm(session, "delete the " + disks.size() + " disk(s) of " + name + " too ("
                        + disks.stream().map(VmDisk::source).collect(Collectors.joining(", ")) + ")?", name);
            }
        }
        vms.delete(name, keepDisks);
        return "deleted " + name + (keepDisks ? " (disks kept: disk:list shows them)" : "");
    }

    /** Asks a yes/no question on an interactive console; elsewhere the caller must have said. */
    private static boolean confirm(CommandSession session, String question, String name) throws IOException {
        Prompts terminal = Terminal.of(session).orElseThrow(
                () -> new VmException("VM '" + name + "' has disks: add --with-disks to delete them too, or --keep-disks to keep them"));
        String answer = terminal.readLine(question + " [y/N] ");
        return answer != null && answer.trim().toLowerCase(java.util.Locale.ROOT).startsWith("y");
    }

    @Descriptor("start a VM when its host starts (the libvirt daemon, or the service on the embedded driver), or not;"
            + " without on|off, say whether it does")
    public String autostart(@Descriptor("VM name") @Completes(VM) String name,
            @Descriptor("on or off") @Completes(words = { "on", "off" }) String... setting) {
        if (setting.length == 0) {
            return name + " starts with its host: " + (vms.autostart(name) ? "on" : "off");
        }
        if (setting.length > 1 || !(setting[0].equals("on") || setting[0].equals("off"))) {
            throw new VmException("give on or off, e.g. vm:autostart " + name + " on");
        }
        vms.setAutostart(name, setting[0].equals("on"));
        return name + " starts with its host: " + setting[0];
    }

    @Descriptor("print a VM's libvirt domain XML")
    public String xml(@Descriptor("VM name") @Completes(VM) String name) {
        return vms.definition(name);
    }

    @Descriptor("save what a running VM's display shows as a PNG file")
    public String screenshot(@Descriptor("VM name") @Completes(VM) String name, @Descriptor("PNG file to write") String file) throws IOException {
        Path png = Path.of(file).toAbsolutePath();
        Files.write(png, vms.screenshot(name));
        return "saved " + png;
    }

    @Descriptor("switch a shut-off VM's disks and network cards to virtio, once its guest has the drivers")
    public String virtio(@Descriptor("VM name") @Completes(VM) String name) {
        List<String> changes = vms.useVirtio(name);
        return changes.isEmpty() ? name + " already uses virtio" : String.join("\n", changes);
    }

    @Descriptor("show what ties a VM to this host (host devices, host CPU, files outside the pool and the media library,"
            + " unencrypted disks): what, why it matters for moving, how to fix; fails when something blocks moving it")
    public String lint(CommandSession session, @Descriptor(Format.HELP) @Parameter(names = Format.OPTION, absentValue = Format.DEFAULT) String format, @Descriptor("VM name") @Completes(VM) String name) {
        Format as = Format.of(format); // before the lint runs
        VmLint report = VmLint.of(name, portability.lint(name));
        String output = Formatter.render(as, report);
        if (report.blockers() > 0) {
            session.getConsole().println(output);
            throw new VmException(name + " has " + report.blockers() + " portability blocker(s) (see blocker above): it cannot move to another host as it is");
        }
        return output;
    }

    private Optional<ByteSize> recommendedDisk(String profile) {
        return profiles.find(profile).map(p -> p.descriptor().recommended().disk());
    }

    /** {@code --options KEY=VALUE[,KEY=VALUE...]} by key. */
    private static Map<String, String> options(String keyValues) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String option : keyValues.isEmpty() ? new String[0] : keyValues.split(",")) {
            String[] kv = option.split("=", 2);
            if (kv.length != 2) {
                throw InvalidSpecException.of(List.of(new InvalidSpecException.Problem("options",
                        "--options: '" + option + "' is not KEY=VALUE, e.g. --options tpm=on")));
            }
            options.put(kv[0], kv[1]);
        }
        return options;
    }
}
