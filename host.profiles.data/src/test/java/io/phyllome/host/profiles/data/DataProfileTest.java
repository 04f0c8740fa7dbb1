package io.phyllome.host.profiles.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.phyllome.host.device.Channel;
import io.phyllome.host.device.CpuMode;
import io.phyllome.host.device.DeviceSet;
import io.phyllome.host.device.DeviceSetBuilder;
import io.phyllome.host.device.Finding;
import io.phyllome.host.device.Firmware;
import io.phyllome.host.device.InputDevice;
import io.phyllome.host.device.VideoModel;
import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.profile.OsFamily;
import io.phyllome.host.profile.ProfileContext;
import io.phyllome.host.profile.ProfileException;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.VmSpec;

class DataProfileTest {

    private static DataProfile example() throws IOException {
        return new DataProfile(ProfileJson.read("example", Files.readAllBytes(ProfileJsonTest.EXAMPLE)));
    }

    private static HostCapabilities host(boolean kvm, boolean uefi) {
        return new HostCapabilities("test:///default", "test", "x86_64", kvm, kvm ? "" : "the CPU has no vmx or svm flag", List.of("q35"), uefi,
                false, false, ByteSize.ofGiB(8), 2, Set.of(), "");
    }

    private static DeviceSet contribute(DataProfile profile, HostCapabilities host, VmSpec spec) {
        DeviceSetBuilder builder = new DeviceSetBuilder();
        profile.contribute(ProfileContext.of(spec, host, name -> Optional.empty()), builder);
        return builder.build();
    }

    @Test
    void theDescriptorComesFromTheFile() throws IOException {
        var d = example().descriptor();
        assertEquals("freebsd-data", d.id());
        assertEquals(OsFamily.BSD, d.family());
        assertEquals(ByteSize.ofMiB(512), d.minimum().memory());
        assertEquals(ByteSize.ofGiB(2), d.recommended().memory());
        assertEquals(List.of("http://freebsd.org/freebsd/14.0"), d.osinfoIds());
    }

    @Test
    void emulatedHostsGetTheEmulatedChoicesAndTheFindingWithTheReason() throws IOException {
        DeviceSet devices = contribute(example(), host(false, true), VmSpec.builder("freebsd-data", "data-t").build());
        assertEquals(Firmware.plainUefi(), devices.firmware());
        assertEquals(CpuMode.MAXIMUM, devices.cpuMode());
        assertEquals(Set.of(Channel.GUEST_AGENT), devices.channels());
        assertTrue(devices.rng() && devices.balloon());
        assertEquals(VideoModel.NONE, devices.video(), "the default console is serial: headless");
        assertEquals(List.of(new Finding(Finding.Severity.INFO,
                "KVM is not usable (the CPU has no vmx or svm flag): the guest runs emulated, many times slower")), devices.findings());
    }

    @Test
    void kvmHostsGetHostModelAndNoFinding() throws IOException {
        DeviceSet devices = contribute(example(), host(true, true), VmSpec.builder("freebsd-data", "data-t").build());
        assertEquals(CpuMode.HOST_MODEL, devices.cpuMode());
        assertTrue(devices.findings().isEmpty());
    }

    @Test
    void anOptionValueChangesWhatItSays() throws IOException {
        DeviceSet devices = contribute(example(), host(false, true), VmSpec.builder("freebsd-data", "data-t").option("console", "graphical").build());
        assertEquals(VideoModel.VGA, devices.video());
        assertEquals(Set.of(InputDevice.USB_TABLET), devices.inputs());
    }

    @Test
    void aValueTheOptionLacksIsRefusedNamingTheValues() throws IOException {
        ProfileException e = assertThrows(ProfileException.class,
                () -> contribute(example(), host(false, true), VmSpec.builder("freebsd-data", "data-t").option("console", "vnc").build()));
        assertTrue(e.getMessage().contains("console=vnc is not one of graphical, serial"), e.getMessage());
    }

    @Test
    void aHostWithoutWhatTheProfileRequiresIsRefusedNamingTheFix() throws IOException {
        ProfileException e = assertThrows(ProfileException.class,
                () -> contribute(example(), host(false, false), VmSpec.builder("freebsd-data", "data-t").build()));
        assertEquals("profile 'freebsd-data' needs UEFI firmware, which this host lacks: install the ovmf package", e.getMessage());
    }

    @Test
    void optionsCarryTheirHelpValuesAndDefault() throws IOException {
        String help = example().options().get("console");
        assertTrue(help.startsWith("serial: headless"), help);
        assertTrue(help.endsWith("(graphical | serial; default serial)"), help);
        assertFalse(example().options().containsKey("tpm"));
    }
}
