package io.phyllome.host.rest.resource;

import java.nio.file.Path;
import java.util.Map;

import io.phyllome.host.profile.Profiles;
import io.phyllome.host.rest.http.ApiException;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.DirectBoot;
import io.phyllome.host.vm.DiskSpec;
import io.phyllome.host.vm.VmSpec;

/**
 * The body of {@code POST /vms}: the options of {@code vm:create}, with the same defaults (unset
 * resources are the profile's recommendation, the disk is encrypted unless {@code encrypted} is
 * false, {@code disk: "none"} creates none). Sizes are written as the shell takes them ("512M").
 */
public record VmRequest(String name, String profile, String memory, Integer cpus, String disk, Boolean encrypted, String iso, String kernel,
        String initrd, String cmdline, String network, Map<String, String> options, Boolean start) {

    static final String NO_DISK = "none";

    /** The spec; the service validates it (names, sizes, limits) as it does the shell's. */
    VmSpec spec(Profiles profiles) {
        if (name == null || profile == null) {
            throw new ApiException(400, "a VM needs a \"name\" and a \"profile\" (GET /api/v1/profiles lists them)");
        }
        VmSpec.Builder spec = VmSpec.builder(profile, name);
        if (cpus != null) {
            spec.cpus(cpus);
        }
        if (memory != null) {
            spec.memory(size("memory", memory));
        }
        if (!NO_DISK.equals(disk)) {
            ByteSize size = disk == null ? profiles.find(profile).map(p -> p.descriptor().recommended().disk()).orElse(null) : size("disk", disk);
            if (size != null) {
                spec.disk(new DiskSpec(size, encrypted == null || encrypted));
            }
        }
        if (iso != null) {
            spec.installMedia(Path.of(iso).toAbsolutePath());
        }
        if (kernel != null) {
            spec.directBoot(new DirectBoot(Path.of(kernel).toAbsolutePath(), initrd == null ? null : Path.of(initrd).toAbsolutePath(), cmdline));
        } else if (initrd != null || cmdline != null) {
            throw new ApiException(400, "\"initrd\" and \"cmdline\" need \"kernel\"");
        }
        if (network != null) {
            spec.network(network);
        }
        if (options != null) {
            options.forEach((key, value) -> {
                if (key.isBlank() || value == null) {
                    throw new ApiException(400, "options: '" + key + "' needs a value, e.g. {\"tpm\": \"on\"}");
                }
                spec.option(key.trim(), value.trim());
            });
        }
        return spec.build();
    }

    /** The shell's size syntax and message ({@code ByteSize.parse}). */
    private static ByteSize size(String field, String text) {
        try {
            return ByteSize.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, field + ": " + e.getMessage());
        }
    }
}
