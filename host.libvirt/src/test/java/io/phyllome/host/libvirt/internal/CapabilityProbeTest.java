package io.phyllome.host.libvirt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the probe reads CPU features: libvirt's expanded CPUs, and a local host's /proc/cpuinfo. */
class CapabilityProbeTest {

    @TempDir
    Path tmp;

    @Test
    void anExpandedGuestCpuGivesItsRequiredFeatures() {
        String expanded = """
                <cpu mode='custom' match='exact'>
                  <model fallback='forbid'>EPYC</model>
                  <vendor>AMD</vendor>
                  <feature policy='require' name='avx2'/>
                  <feature policy='require' name='sse4.2'/>
                  <feature policy='disable' name='vme'/>
                </cpu>
                """;
        assertEquals(Set.of("avx2", "sse4.2"), CapabilityProbe.required(expanded));
    }

    @Test
    void anExpandedHostCpuListsFeaturesWithoutPolicy() {
        String expanded = "<cpu><arch>x86_64</arch><model>kvm64</model><feature name='avx2'/><feature name='invtsc'/></cpu>";
        assertEquals(Set.of("avx2", "invtsc"), CapabilityProbe.required(expanded));
    }

    @Test
    void nothingFromLibvirtIsNoFeatures() {
        assertEquals(Set.of(), CapabilityProbe.required(""));
    }

    @Test
    void cpuinfoFlagsInLibvirtsNamesWithTheInvariantTsc() throws IOException {
        Path cpuinfo = Files.writeString(tmp.resolve("cpuinfo"), """
                processor	: 0
                vendor_id	: GenuineIntel
                flags		: fpu sse4_1 sse4_2 avx avx2 tsc_deadline_timer constant_tsc nonstop_tsc sha_ni lahf_lm
                processor	: 1
                flags		: fpu
                """);
        Set<String> features = CapabilityProbe.cpuinfoFeatures(cpuinfo);
        assertTrue(features.containsAll(Set.of("sse4.1", "sse4.2", "avx", "avx2", "tsc-deadline", "sha-ni", "lahf_lm", "invtsc")), features::toString);
        assertFalse(features.contains("sse4_2"));
    }

    @Test
    void withoutBothTscFlagsNoInvariantTsc() throws IOException {
        Path cpuinfo = Files.writeString(tmp.resolve("cpuinfo"), "flags\t\t: fpu avx2 constant_tsc\n");
        assertFalse(CapabilityProbe.cpuinfoFeatures(cpuinfo).contains("invtsc"));
        assertEquals(Set.of(), CapabilityProbe.cpuinfoFeatures(tmp.resolve("missing")));
    }
}
