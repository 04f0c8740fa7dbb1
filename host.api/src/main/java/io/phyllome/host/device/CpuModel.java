package io.phyllome.host.device;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A named guest CPU model with features required or disabled on top of it, for guests that need a
 * particular processor (e.g. macOS expects an Intel CPU of a generation it supports). Names are
 * the x86 CPU model and feature names that QEMU and libvirt share, e.g. {@code Haswell-noTSX},
 * {@code avx2}, {@code sse4.2}. A named model is portable between hosts that can provide it, unlike
 * host passthrough.
 *
 * @param name     the model, e.g. {@code Haswell-noTSX}
 * @param vendorId the 12-character vendor string the guest sees, e.g. {@code GenuineIntel}, or an
 *                 empty string for the hypervisor's choice (QEMU on KVM shows the host's vendor)
 * @param required features the guest must get; starting fails where the host cannot provide them
 * @param disabled features the guest must not see
 */
public record CpuModel(String name, String vendorId, Set<String> required, Set<String> disabled) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern FEATURE = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    public CpuModel {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("CPU model '" + name + "' is not a model name");
        }
        vendorId = vendorId == null ? "" : vendorId;
        if (!vendorId.isEmpty() && (vendorId.length() != 12 || !vendorId.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
            throw new IllegalArgumentException("a CPU vendor id has 12 printable characters, e.g. GenuineIntel: '" + vendorId + "'");
        }
        required = features(required);
        disabled = features(disabled);
        for (String feature : required) {
            if (disabled.contains(feature)) {
                throw new IllegalArgumentException("CPU feature '" + feature + "' cannot be both required and disabled");
            }
        }
    }

    /** The model with the hypervisor's vendor and no changed features. */
    public static CpuModel named(String name) {
        return new CpuModel(name, "", Set.of(), Set.of());
    }

    /** This model with the guest seeing {@code vendorId}. */
    public CpuModel vendor(String vendorId) {
        return new CpuModel(name, vendorId, required, disabled);
    }

    /** This model with {@code features} required as well. */
    public CpuModel require(String... features) {
        return new CpuModel(name, vendorId, union(required, features), disabled);
    }

    /** This model with {@code features} disabled as well. */
    public CpuModel disable(String... features) {
        return new CpuModel(name, vendorId, required, union(disabled, features));
    }

    private static SortedSet<String> features(Set<String> features) {
        SortedSet<String> sorted = new TreeSet<>();
        for (String feature : Objects.requireNonNull(features, "features")) {
            if (feature == null || !FEATURE.matcher(feature).matches()) {
                throw new IllegalArgumentException("'" + feature + "' is not a CPU feature name (lower case, e.g. avx2 or sse4.2)");
            }
            sorted.add(feature);
        }
        return Collections.unmodifiableSortedSet(sorted);
    }

    private static Set<String> union(Set<String> set, String... more) {
        Set<String> all = new TreeSet<>(set);
        all.addAll(java.util.Arrays.asList(more));
        return all;
    }
}
