package io.phyllome.host.core.identity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;

import io.phyllome.host.platform.HostCapabilities;

/**
 * The components of a host fingerprint, and how two hosts' components differ (see
 * {@link io.phyllome.host.platform.HostFingerprint} for the format).
 */
final class Fingerprint {

    static final String FORMAT = "1";
    static final String BUNDLE = "bundle.";
    static final String PROFILE = "profile.";

    /** Components whose value is a comma-separated set, with what they are called in a difference. */
    private static final Map<String, String> SETS = Map.of("machines", "machine types", "cpu.features", "CPU features", "firmware", "firmware features");
    private static final Map<String, String> LABELS = Map.of("format", "fingerprint format", "platform", "platform version", "arch", "architecture",
            "accelerator", "accelerator", "cpu.model", "CPU model", "tpm", "TPM");

    private Fingerprint() {
    }

    /**
     * @param platform the platform's version
     * @param bundles  the installed bundles' versions by symbolic name
     * @param profiles each installed profile's bundle and version ({@code <bsn> <version>}) by id
     */
    static Map<String, String> components(String platform, SortedMap<String, String> bundles, SortedMap<String, String> profiles, HostCapabilities host) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("format", FORMAT);
        c.put("platform", platform);
        c.put("arch", host.arch());
        c.put("accelerator", host.kvmUsable() ? "kvm" : "tcg");
        c.put("machines", sorted(host.machines()));
        c.put("cpu.model", host.cpuModel());
        c.put("cpu.features", sorted(host.cpuFeatures()));
        List<String> firmware = new ArrayList<>();
        if (host.uefi()) {
            firmware.add("uefi");
        }
        if (host.secureBoot()) {
            firmware.add("secure-boot");
        }
        c.put("firmware", sorted(firmware));
        c.put("tpm", host.tpmEmulator() ? "emulator-2.0" : "none");
        bundles.forEach((bsn, version) -> c.put(BUNDLE + bsn, version));
        profiles.forEach((id, bundle) -> c.put(PROFILE + id, bundle));
        return Collections.unmodifiableMap(c);
    }

    /** What {@code mine} lacks or has otherwise than {@code other}, in the order of {@code other}. */
    static List<String> compare(Map<String, String> mine, Map<String, String> other) {
        return compare(mine, other, "this host", "the other host");
    }

    /** {@link #compare(Map, Map)} naming the two hosts as given, e.g. "the target host" and "this host". */
    static List<String> compare(Map<String, String> mine, Map<String, String> other, String mineName, String otherName) {
        List<String> differences = new ArrayList<>();
        other.forEach((key, theirs) -> {
            String ours = mine.get(key);
            if (SETS.containsKey(key)) {
                Set<String> lacking = new TreeSet<>(items(theirs));
                lacking.removeAll(items(ours == null ? "" : ours));
                if (!lacking.isEmpty()) {
                    differences.add(SETS.get(key) + ": " + mineName + " lacks " + String.join(", ", lacking));
                }
            } else if (key.startsWith(BUNDLE)) {
                String bsn = key.substring(BUNDLE.length());
                if (ours == null) {
                    differences.add("bundle " + bsn + ": not installed on " + mineName + " (" + otherName + " has " + theirs + ")");
                } else if (!ours.equals(theirs)) {
                    differences.add("bundle " + bsn + ": " + mineName + " has " + ours + ", " + otherName + " " + theirs);
                }
            } else if (key.startsWith(PROFILE)) {
                String id = key.substring(PROFILE.length());
                if (ours == null) {
                    differences.add("profile " + id + ": not installed on " + mineName + " (" + otherName + " has " + theirs + "; profile:install " + id + ")");
                } else if (!ours.equals(theirs)) {
                    differences.add("profile " + id + ": " + mineName + " has " + ours + ", " + otherName + " " + theirs);
                }
            } else if (!theirs.equals(ours)) {
                String label = LABELS.getOrDefault(key, key);
                differences.add(label + ": " + mineName + " has " + (ours == null || ours.isEmpty() ? "none" : ours) + ", " + otherName + " "
                        + (theirs.isEmpty() ? "none" : theirs));
            }
        });
        return differences;
    }

    private static String sorted(Collection<String> items) {
        return String.join(",", new TreeSet<>(items));
    }

    private static List<String> items(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
