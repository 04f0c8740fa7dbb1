package io.phyllome.host.core.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.platform.HostFingerprint;
import io.phyllome.host.vm.ByteSize;

class FingerprintTest {

    private static HostCapabilities host(boolean kvm, List<String> machines, boolean secureBoot, String memory) {
        return new HostCapabilities("qemu:///system", "libvirt 9.0.0, QEMU 7.2.0", "x86_64", kvm, kvm ? "" : "no vmx", machines, true, secureBoot,
                true, ByteSize.parse(memory), 2, Set.of("sse4.2", "avx2"), "EPYC");
    }

    private static Map<String, String> components(HostCapabilities host, String linuxVersion) {
        TreeMap<String, String> bundles = new TreeMap<>(Map.of("io.phyllome.host.core", "0.1.0", "io.phyllome.profiles.linux", linuxVersion));
        TreeMap<String, String> profiles = new TreeMap<>(Map.of("linux", "io.phyllome.profiles.linux " + linuxVersion));
        return Fingerprint.components("0.1.0", bundles, profiles, host);
    }

    @Test
    void componentsComeInAFixedOrderWithSortedLists() {
        Map<String, String> c = components(host(false, List.of("q35", "pc-q35-7.2", "pc"), true, "4G"), "0.1.0");

        assertEquals(List.of("format", "platform", "arch", "accelerator", "machines", "cpu.model", "cpu.features", "firmware", "tpm",
                "bundle.io.phyllome.host.core", "bundle.io.phyllome.profiles.linux", "profile.linux"), List.copyOf(c.keySet()));
        assertEquals("pc,pc-q35-7.2,q35", c.get("machines"));
        assertEquals("avx2,sse4.2", c.get("cpu.features"));
        assertEquals("secure-boot,uefi", c.get("firmware"));
        assertEquals("tcg", c.get("accelerator"));
        assertEquals("io.phyllome.profiles.linux 0.1.0", c.get("profile.linux"));
    }

    @Test
    void theDigestIgnoresMemoryAndConnectionButNotMachinesOrProfiles() {
        String digest = HostFingerprint.digest(components(host(false, List.of("q35"), true, "4G"), "0.1.0"));

        assertEquals(64, digest.length());
        assertEquals(digest, HostFingerprint.digest(components(host(false, List.of("q35"), true, "16G"), "0.1.0")));
        assertNotEquals(digest, HostFingerprint.digest(components(host(false, List.of("q35", "pc-q35-8.0"), true, "4G"), "0.1.0")));
        assertNotEquals(digest, HostFingerprint.digest(components(host(false, List.of("q35"), true, "4G"), "0.2.0")));
    }

    @Test
    void theDigestIsTheSha256OfTheKeyValueLines() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("a", "1");
        // printf 'a=1\n' | sha256sum
        assertEquals("fe3209d6d4f51935b391288a43df48d9ddece1a992597ae53387ca16611a9179", HostFingerprint.digest(c));
        // printf '' | sha256sum
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", HostFingerprint.digest(Map.of()));
    }

    @Test
    void comparingNamesWhatThisHostLacksOrHasOtherwise() {
        Map<String, String> mine = components(host(false, List.of("q35", "pc-q35-7.2"), false, "4G"), "0.1.0");
        Map<String, String> other = new LinkedHashMap<>(components(host(true, List.of("q35", "pc-q35-8.0"), true, "4G"), "0.2.0"));
        other.put("profile.windows-11", "io.phyllome.profiles.windows 0.1.0");

        List<String> differences = Fingerprint.compare(mine, other);

        assertEquals(List.of("accelerator: this host has tcg, the other host kvm", "machine types: this host lacks pc-q35-8.0",
                "firmware features: this host lacks secure-boot",
                "bundle io.phyllome.profiles.linux: this host has 0.1.0, the other host 0.2.0",
                "profile linux: this host has io.phyllome.profiles.linux 0.1.0, the other host io.phyllome.profiles.linux 0.2.0",
                "profile windows-11: not installed on this host (the other host has io.phyllome.profiles.windows 0.1.0; profile:install windows-11)"),
                differences);
    }

    @Test
    void aHostThatOffersMoreThanTheOtherHasNoDifferences() {
        Map<String, String> mine = components(host(false, List.of("q35", "pc-q35-7.2"), true, "4G"), "0.1.0");
        Map<String, String> other = components(host(false, List.of("q35"), false, "8G"), "0.1.0");

        assertEquals(List.of(), Fingerprint.compare(mine, other));
        assertTrue(Fingerprint.compare(mine, mine).isEmpty());
    }
}
