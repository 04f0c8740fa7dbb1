package io.phyllome.host.shell;

import static io.phyllome.host.shell.Completes.What.VM;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.phyllome.host.diagnostics.CrashLeftovers;
import io.phyllome.host.document.DiskList;
import io.phyllome.host.document.OrphanReport;
import io.phyllome.host.shell.format.Format;
import io.phyllome.host.shell.format.Formatter;
import io.phyllome.host.storage.Storage;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.DiskSpec;
import io.phyllome.host.vm.VirtualMachines;
import io.phyllome.host.vm.VmDisk;

/** The {@code disk:} commands of the shell: the disks the platform created, and their lifecycle. */
@Component(service = DiskCommands.class, property = { "osgi.command.scope=disk", "osgi.command.function=list",
        "osgi.command.function=add", "osgi.command.function=resize", "osgi.command.function=delete",
        "osgi.command.function=orphans" })
public class DiskCommands {

    private final VirtualMachines vms;
    private final Storage storage;
    private final CrashLeftovers leftovers;

    @Activate
    public DiskCommands(@Reference VirtualMachines vms, @Reference Storage storage, @Reference CrashLeftovers leftovers) {
        this.vms = vms;
        this.storage = storage;
        this.leftovers = leftovers;
    }

    @Descriptor("list the disks the platform created: file, size, space used, encryption, the VM using it")
    public String list(@Descriptor(Format.HELP) @Parameter(names = Format.OPTION, absentValue = Format.DEFAULT) String format) {
        return Formatter.render(format, () -> DiskList.of(storage.list(), vms.list()));
    }

    @Descriptor("create a new disk and attach it to a VM")
    public String add(
            @Descriptor("create the disk without encryption at rest (not recommended)")
            @Parameter(names = "--no-encryption", absentValue = "false", presentValue = "true") boolean noEncryption,
            @Descriptor("VM name") @Completes(VM) String vm,
            @Descriptor("size, e.g. 20G") String size) {
        VmDisk disk = vms.addDisk(vm, new DiskSpec(CommandLine.size("", size), !noEncryption));
        return "attached " + disk.source() + " to " + vm + " as " + disk.target() + (disk.encrypted() ? " (encrypted)" : " (NOT encrypted)");
    }

    @Descriptor("grow a VM's disk")
    public String resize(@Descriptor("VM name") @Completes(VM) String vm, @Descriptor("the disk's guest name, e.g. vda (see vm:info)") String target,
            @Descriptor("the new size, e.g. 40G") String size) {
        ByteSize newSize = CommandLine.size("", size);
        vms.resizeDisk(vm, target, newSize);
        return "resized " + target + " of " + vm + " to " + newSize + "; grow its partition and file system inside the guest";
    }

    @Descriptor("delete a disk no VM uses any more (e.g. one kept by vm:delete --keep-disks), with its key")
    public String delete(@Descriptor("the disk's file (see disk:list)") String path) {
        vms.deleteDisk(path);
        return "deleted " + path;
    }

    @Descriptor("report what a crash can leave behind: disks of interrupted creations, unused disks, keys without a disk")
    public String orphans(@Descriptor(Format.HELP) @Parameter(names = Format.OPTION, absentValue = Format.DEFAULT) String format,
            @Descriptor("remove the disks of interrupted creations with their keys, and keys without a disk (unused disks are kept: delete them with disk:delete)")
            @Parameter(names = "--clean", absentValue = "false", presentValue = "true") boolean clean) {
        return Formatter.render(format, () -> OrphanReport.of(clean ? leftovers.clean() : leftovers.scan(), clean));
    }
}
