package io.phyllome.host.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The neutral CPU model, media that boot or discard writes, and emulator arguments. */
class CpuModelAndMediumTest {

    @Test
    void aModelCollectsSortedFeatures() {
        CpuModel cpu = CpuModel.named("Haswell-noTSX").vendor("GenuineIntel").require("sse4.2", "avx2").disable("pdpe1gb").require("invtsc");
        assertEquals("Haswell-noTSX", cpu.name());
        assertEquals("GenuineIntel", cpu.vendorId());
        assertEquals(List.of("avx2", "invtsc", "sse4.2"), List.copyOf(cpu.required()));
        assertEquals(Set.of("pdpe1gb"), cpu.disabled());
        assertEquals("", CpuModel.named("qemu64").vendorId(), "the hypervisor's vendor by default");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "Haswell noTSX", "-max", "a,b", "x<y" })
    void aModelNameIsAName(String name) {
        assertThrows(IllegalArgumentException.class, () -> CpuModel.named(name));
    }

    @ParameterizedTest
    @ValueSource(strings = { "Intel", "GenuineIntel!", "Genuine Intel" })
    void aVendorIdHasTwelvePrintableCharacters(String vendor) {
        assertThrows(IllegalArgumentException.class, () -> CpuModel.named("Haswell").vendor(vendor));
    }

    @ParameterizedTest
    @ValueSource(strings = { "AVX2", "avx2,sse4.2", "", "+avx2", "avx 2" })
    void featureNamesAreLowerCaseWords(String feature) {
        assertThrows(IllegalArgumentException.class, () -> CpuModel.named("Haswell").require(feature));
    }

    @Test
    void aFeatureCannotBeRequiredAndDisabled() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CpuModel.named("Haswell").require("avx2").disable("avx2"));
        assertTrue(e.getMessage().contains("avx2"), e.getMessage());
    }

    @Test
    void theBuilderKeepsTheModelNextToTheModeAndTheArguments() {
        DeviceSet devices = new DeviceSetBuilder().cpu(CpuMode.MAXIMUM).cpu(CpuModel.named("Haswell-noTSX")).oneCpuSocket(true)
                .qemuArguments("-device", "isa-applesmc").qemuArguments("-global", "x.y=z").build();
        assertEquals(CpuMode.MAXIMUM, devices.cpuMode());
        assertEquals("Haswell-noTSX", devices.cpuModel().orElseThrow().name());
        assertTrue(devices.oneCpuSocket());
        assertEquals(List.of("-device", "isa-applesmc", "-global", "x.y=z"), devices.qemuArguments());
        DeviceSet plain = new DeviceSetBuilder().build();
        assertTrue(plain.cpuModel().isEmpty());
        assertEquals(List.of(), plain.qemuArguments());
        assertEquals(false, plain.oneCpuSocket());
    }

    @Test
    void theShortMediumIsAReadOnlyRawMediumThatDoesNotBoot() {
        Medium iso = new Medium(Path.of("/srv/virtio-win.iso"), DiskBus.SATA, true);
        assertEquals(new Medium(Path.of("/srv/virtio-win.iso"), DiskBus.SATA, true, ImageFormat.RAW, 0, false), iso);
    }

    @Test
    void aCdromHasNoWritesToDiscardAndBootOrdersAreNotNegative() {
        assertThrows(IllegalArgumentException.class, () -> new Medium(Path.of("/a.iso"), DiskBus.SATA, true, ImageFormat.RAW, 0, true));
        assertThrows(IllegalArgumentException.class, () -> new Medium(Path.of("/a.img"), DiskBus.SATA, false, ImageFormat.RAW, -1, true));
        assertThrows(NullPointerException.class, () -> new Medium(Path.of("/a.img"), DiskBus.SATA, false, null, 0, true));
    }
}
