package io.phyllome.host.document;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.phyllome.host.storage.Volume;
import io.phyllome.host.vm.VmInfo;

/** The disks the platform created ({@code disk:list}): whether each is encrypted, never its key or the key's id. */
public record DiskList(List<Disk> disks) implements Document {

    /** One disk; {@code usedBy} names the VMs using it, empty when none does. */
    public record Disk(String path, long capacityBytes, long allocationBytes, boolean encrypted, List<String> usedBy) {
    }

    /** @param vms the VMs, which name the disks they use */
    public static DiskList of(List<Volume> volumes, List<VmInfo> vms) {
        Map<String, List<String>> users = new HashMap<>();
        for (VmInfo vm : vms) {
            vm.disks().forEach(d -> users.computeIfAbsent(d.source(), s -> new ArrayList<>()).add(vm.name()));
        }
        return new DiskList(volumes.stream().map(v -> new Disk(v.path(), v.capacity().bytes(), v.allocation().bytes(), v.encrypted(),
                users.getOrDefault(v.path(), List.of()))).toList());
    }

    @Override
    public String kind() {
        return "disk-list";
    }
}
