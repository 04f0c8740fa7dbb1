package io.phyllome.host.rest.resource;

import java.util.Map;
import java.util.function.UnaryOperator;

import io.phyllome.host.profile.Profiles;
import io.phyllome.host.vm.VmSpec;
import io.phyllome.host.vm.VmSpecRequest;

/**
 * The body of {@code POST /vms}: the options of {@code vm:create}, with the same defaults (unset
 * resources are the profile's recommendation, the disk is encrypted unless {@code encrypted} is
 * false, {@code disk: "none"} creates none). Sizes are written as the shell takes them ("512M").
 */
public record VmRequest(String name, String profile, String memory, Integer cpus, String disk, Boolean encrypted, String iso, String kernel,
        String initrd, String cmdline, String network, Map<String, String> options, Boolean start) {

    /**
     * The spec, read as the shell reads {@code vm:create}'s options ({@link VmSpecRequest}), its
     * messages naming the JSON fields; the service validates it as it does the shell's.
     */
    VmSpec spec(Profiles profiles) {
        VmSpecRequest request = new VmSpecRequest(name, profile, memory, cpus == null ? null : cpus.toString(), disk,
                encrypted == null || encrypted, iso, kernel, initrd, cmdline, network, options);
        return request.spec(id -> profiles.find(id).map(p -> p.descriptor().recommended().disk()), UnaryOperator.identity());
    }
}
