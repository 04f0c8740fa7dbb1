package io.phyllome.profiles.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.phyllome.host.device.CpuModel;
import io.phyllome.host.device.DeviceSet;
import io.phyllome.host.device.DiskBus;
import io.phyllome.host.device.ImageFormat;
import io.phyllome.host.device.InputDevice;
import io.phyllome.host.device.Medium;
import io.phyllome.host.device.NicModel;
import io.phyllome.host.device.SoundModel;
import io.phyllome.host.device.VideoModel;
import io.phyllome.host.profile.ProfileException;

/**
 * The device set the macOS profiles choose: OpenCore's, with the Apple SMC on QEMU's command line,
 * and the NIC and video options.
 */
class MacOsProfileDeviceSetTest extends MacOsProfileTest {

    @Test
    void theOpenCoreDeviceSet() {
        DeviceSet devices = sonomaOnKvm(b -> b);
        assertEquals("q35", devices.qemuMachine());
        assertTrue(devices.firmware().uefi());
        assertFalse(devices.firmware().secureBoot(), "OpenCore is not signed for Secure Boot");
        assertFalse(devices.smm());
        assertEquals(DiskBus.VIRTIO, devices.diskBus(), "the system disk on virtio-blk");
        assertEquals(NicModel.VIRTIO, devices.nic());
        assertEquals(VideoModel.VMVGA, devices.video());
        assertEquals(SoundModel.ICH9, devices.sound());
        assertEquals(Set.of(InputDevice.USB_KEYBOARD, InputDevice.USB_TABLET), devices.inputs());
        assertTrue(devices.usb());
        assertTrue(devices.tpm().isEmpty(), "no TPM");
        assertTrue(devices.oneCpuSocket(), "one socket of N cores, as quickemu and OSX-KVM give macOS");
        assertEquals(io.phyllome.host.device.ClockOffset.UTC, devices.clock());
        assertTrue(devices.hyperV().isEmpty());
    }

    @Test
    void theOpenCoreImageBootsFirstTheRecoveryImageFollowsBothOnSataUnchanged() {
        List<Medium> media = sonomaOnKvm(b -> b).media();
        assertEquals(List.of(new Medium(opencore, DiskBus.SATA, false, ImageFormat.QCOW2, 1, true),
                new Medium(recovery, DiskBus.SATA, false, ImageFormat.RAW, 0, true)), media);
    }

    @Test
    void aHaswellThatSaysGenuineIntelWithAvx2AndSse42() {
        CpuModel cpu = sonomaOnKvm(b -> b).cpuModel().orElseThrow();
        assertEquals("Haswell-noTSX", cpu.name());
        assertEquals("GenuineIntel", cpu.vendorId());
        assertTrue(cpu.required().containsAll(Set.of("avx2", "sse4.2")), cpu.required()::toString);
        assertEquals(Set.of("pdpe1gb"), cpu.disabled());
    }

    @Test
    void theAppleSmcGoesOnQemusCommandLine() {
        assertEquals(List.of("-device", "isa-applesmc,osk=" + STAND_IN_KEY), sonomaOnKvm(b -> b).qemuArguments());
    }

    @Test
    void aCommaInTheKeyIsDoubledForQemu() {
        String key = STAND_IN_KEY.substring(0, 63) + ",";
        DeviceSet devices = contribute(sonoma(key), spec().build(), kvmHost(HOST_CPU));
        assertEquals("isa-applesmc,osk=" + key.substring(0, 63) + ",,", devices.qemuArguments().get(1));
    }

    @Test
    void nicAndVideoOptions() {
        DeviceSet devices = sonomaOnKvm(b -> b.option("nic", "vmxnet3").option("video", "vga"));
        assertEquals(NicModel.VMXNET3, devices.nic());
        assertEquals(VideoModel.VGA, devices.video());
        ProfileException e = refused(sonoma(STAND_IN_KEY), spec().option("nic", "e1000").build(), kvmHost(HOST_CPU));
        assertTrue(e.getMessage().contains("nic=virtio or nic=vmxnet3"), e.getMessage());
        e = refused(sonoma(STAND_IN_KEY), spec().option("video", "qxl").build(), kvmHost(HOST_CPU));
        assertTrue(e.getMessage().contains("video=vga or video=vmvga"), e.getMessage());
    }
}
