package io.phyllome.host.shell.format;

import java.util.List;
import java.util.Map;

import io.phyllome.host.storage.Volume;
import io.phyllome.host.vm.ByteSize;

/** What {@code disk:list} returns: the disks the platform created; whether each is encrypted, never its key or the key's id. */
public record DiskList(List<Disk> disks) implements Output {

    /** One disk; {@code usedBy} names the VMs using it, empty when none does. */
    public record Disk(String path, long capacityBytes, long allocationBytes, boolean encrypted, List<String> usedBy) {
    }

    /** @param users the VMs using each disk, by its file */
    public static DiskList of(List<Volume> volumes, Map<String, List<String>> users) {
        return new DiskList(volumes.stream().map(v -> new Disk(v.path(), v.capacity().bytes(), v.allocation().bytes(), v.encrypted(),
                users.getOrDefault(v.path(), List.of()))).toList());
    }

    @Override
    public String kind() {
        return "disk-list";
    }

    @Override
    public String text() {
        Table table = new Table("FILE", ">SIZE", ">USED", "ENCRYPTION", "VM");
        disks.forEach(d -> table.row(d.path(), new ByteSize(d.capacityBytes()), Sizes.human(d.allocationBytes()),
                d.encrypted() ? "encrypted" : "NOT encrypted", d.usedBy().isEmpty() ? "(unused)" : String.join(",", d.usedBy())));
        return table.toString();
    }
}
