package io.phyllome.host.core.transfer;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.phyllome.host.core.transfer.VmCreator.DiskSource;
import io.phyllome.host.storage.Volume;
import io.phyllome.host.vm.DiskSpec;
import io.phyllome.host.vm.VmInfo;
import io.phyllome.host.vm.VmSpec;

/** Where a package's VM goes: this host ({@code vm:import}) or another one ({@code vm:migrate}). */
interface Destination {

    /** Takes the {@code index}th disk of the package for VM {@code vmName}; on failure it leaves nothing. */
    Volume disk(String vmName, int index, DiskSpec disk, Path file, byte[] key);

    /** Takes a boot file of the package under {@code name}; returns where the VM finds it. */
    Path bootFile(Path file, String name);

    /** Removes a boot file {@link #bootFile} took, after a failed import. */
    void removeBootFile(Path path, String name);

    /** Creates the VM there, removing the provided disks again if that fails. */
    VmInfo create(VmSpec spec, DiskSource disks, List<String> findings);

    /**
     * Gives the created VM the UEFI variables it had.
     *
     * @return a finding when they stay behind; empty when the VM has them
     */
    Optional<String> firmwareVariables(String vmName, Path file);
}
