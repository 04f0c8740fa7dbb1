package io.phyllome.host.vm;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A VM written as a package by {@link VmPackages#export}.
 *
 * @param directory where the package is
 * @param vm        the VM's name
 * @param profile   the id of the VM's guest profile
 * @param files     the package's files, relative to {@code directory}, as the manifest lists them
 * @param notes     what the package leaves out and why, e.g. an install ISO
 */
public record VmPackage(Path directory, String vm, String profile, List<String> files, List<String> notes) {
    public VmPackage {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(vm, "vm");
        Objects.requireNonNull(profile, "profile");
        files = List.copyOf(files);
        notes = List.copyOf(notes);
    }
}
