package io.phyllome.profiles.macos;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.phyllome.host.device.CpuModel;
import io.phyllome.host.device.DeviceSet;
import io.phyllome.host.device.Finding;
import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.profile.ProfileException;
import io.phyllome.host.vm.ByteSize;

/** The host requirements of the macOS profiles: the CPU features, a power-of-two CPU count and UEFI firmware. */
class MacOsProfileHostTest extends MacOsProfileTest {

    @Test
    void kvmWithAnInvariantTscRequiresIt() {
        CpuModel cpu = sonomaOnKvm(b -> b).cpuModel().orElseThrow();
        assertTrue(cpu.required().contains("invtsc"));
        DeviceSet devices = contribute(sonoma(STAND_IN_KEY), spec().build(), kvmHost(TCG_CPU));
        assertFalse(devices.cpuModel().orElseThrow().required().contains("invtsc"));
        assertTrue(warnings(devices).stream().anyMatch(w -> w.contains("invariant TSC")), warnings(devices)::toString);
    }

    @Test
    void emulatedGetsAvx2FromQemuNoInvariantTscAndAnInfoFinding() {
        DeviceSet devices = contribute(sonoma(STAND_IN_KEY), spec().build(), emulatedHost(TCG_CPU));
        CpuModel cpu = devices.cpuModel().orElseThrow();
        assertTrue(cpu.required().contains("avx2"));
        assertFalse(cpu.required().contains("invtsc"), "libvirt refuses invtsc where TCG cannot provide it");
        assertTrue(devices.findings().stream().anyMatch(f -> f.severity() == Finding.Severity.INFO && f.message().contains("emulated")),
                devices.findings()::toString);
        assertTrue(warnings(devices).stream().noneMatch(w -> w.contains("invariant TSC")), warnings(devices)::toString);
    }

    @Test
    void aKvmHostCpuWithoutAvx2IsRefusedNamingTheCpu() {
        Set<String> ivyBridge = Set.of("sse4.1", "sse4.2", "avx", "aes", "invtsc");
        ProfileException e = refused(sonoma(STAND_IN_KEY), spec().build(), kvmHost(ivyBridge));
        assertTrue(e.getMessage().contains("host CPU") && e.getMessage().contains("lacks avx2"), e.getMessage());
        Set<String> old = Set.of("sse4.1", "invtsc");
        e = refused(sonoma(STAND_IN_KEY), spec().build(), kvmHost(old));
        assertTrue(e.getMessage().contains("lacks avx2, sse4.2"), e.getMessage());
    }

    @Test
    void anEmulatorWithoutAvx2IsRefusedNamingQemu72() {
        ProfileException e = refused(sonoma(STAND_IN_KEY), spec().build(), emulatedHost(Set.of("sse4.2", "avx")));
        assertTrue(e.getMessage().contains("emulator") && e.getMessage().contains("QEMU 7.2"), e.getMessage());
    }

    @Test
    void unknownCpuFeaturesAreAWarningNotARefusal() {
        DeviceSet devices = contribute(sonoma(STAND_IN_KEY), spec().build(), kvmHost(Set.of()));
        assertTrue(warnings(devices).stream().anyMatch(w -> w.contains("AVX2")), warnings(devices)::toString);
    }

    @ParameterizedTest
    @ValueSource(ints = { 3, 5, 6, 7, 12 })
    void aCpuCountThatIsNoPowerOfTwoIsRefused(int cpus) {
        ProfileException e = refused(sonoma(STAND_IN_KEY), spec().cpus(cpus).build(), kvmHost(HOST_CPU));
        assertTrue(e.getMessage().contains("power-of-two") && e.getMessage().contains("--cpus " + Integer.highestOneBit(cpus)), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 2, 4, 8, 16 })
    void powersOfTwoAreFine(int cpus) {
        contribute(sonoma(STAND_IN_KEY), spec().cpus(cpus).build(), kvmHost(HOST_CPU));
    }

    @Test
    void noUefiFirmwareNamesOvmf() {
        HostCapabilities noUefi = new HostCapabilities("qemu:///system", "v", "x86_64", true, "", List.of("q35"), false, false, true,
                ByteSize.ofGiB(64), 16, HOST_CPU, "");
        ProfileException e = refused(sonoma(STAND_IN_KEY), spec().build(), noUefi);
        assertTrue(e.getMessage().contains("ovmf"), e.getMessage());
    }
}
