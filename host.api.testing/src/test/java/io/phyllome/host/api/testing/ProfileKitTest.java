package io.phyllome.host.api.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.phyllome.host.device.CpuMode;
import io.phyllome.host.device.DiskBus;
import io.phyllome.host.device.TpmModel;
import io.phyllome.host.device.Firmware;
import io.phyllome.host.device.Medium;
import io.phyllome.host.device.Tpm;
import io.phyllome.host.profile.ProfileException;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.InvalidSpecException;
import io.phyllome.host.vm.VmException;

class ProfileKitTest {

    /** Needs UEFI, warns when emulated, takes virtio-win.iso when the library has it. */
    private static final TestProfile UEFI_PROFILE = new TestProfile(Map.of("console", "serial (default) or vga"), (context, devices) -> {
        if (!context.host().uefi()) {
            throw new ProfileException("profile 'kit-test' needs UEFI firmware: install the ovmf package");
        }
        String console = context.spec().options().getOrDefault("console", "serial");
        if (!console.equals("serial") && !console.equals("vga")) {
            throw new ProfileException("console=" + console + ": give console=serial or console=vga");
        }
        devices.firmware(Firmware.plainUefi()).cpu(context.host().kvmUsable() ? CpuMode.HOST_MODEL : CpuMode.MAXIMUM);
        if (console.equals("vga")) {
            devices.video(io.phyllome.host.device.VideoModel.VGA);
        }
        if (!context.host().kvmUsable()) {
            devices.warn("KVM is not usable: the guest runs emulated");
        }
        context.media("virtio-win.iso").ifPresentOrElse(iso -> devices.medium(new Medium(iso, DiskBus.SATA, true)),
                () -> devices.warn("virtio-win.iso is not in the media library"));
    });

    @Test
    void aProfileRefusalComesOutAsVmCreateSeesIt() {
        try (ProfileKit kit = new ProfileKit(UEFI_PROFILE)) {
            ProfileException e = assertThrows(ProfileException.class, () -> kit.create(SyntheticHost.kvm()));
            assertTrue(e.getMessage().contains("install the ovmf package"), e.getMessage());
        }
    }

    @Test
    void aKvmHostWithUefiGivesAKvmDomainWithEfiFirmware() {
        try (ProfileKit kit = new ProfileKit(UEFI_PROFILE)) {
            Contribution vm = kit.create(SyntheticHost.kvm().uefi(true));
            assertEquals(Firmware.plainUefi(), vm.devices().firmware());
            assertEquals(CpuMode.HOST_MODEL, vm.devices().cpuMode());
            assertTrue(vm.domainXml().startsWith("<domain type=\"kvm\">"), vm.domainXml());
            assertTrue(vm.domainXml().contains("<os firmware=\"efi\">"), vm.domainXml());
            assertTrue(vm.domainXml().contains("<name>kit-vm</name>"), vm.domainXml());
            // the profile's recommendation, as vm:create applies it: 1 GiB, 2 CPUs, an 8 GiB encrypted disk
            assertTrue(vm.domainXml().contains("<memory unit=\"KiB\">1048576</memory>"), vm.domainXml());
            assertTrue(vm.domainXml().contains("<encryption format=\"luks\">"), vm.domainXml());
            assertFalse(vm.hasFinding("emulated"), vm.findings().toString());
        }
    }

    @Test
    void anEmulatedHostGivesAQemuDomainAndTheProfilesWarning() {
        try (ProfileKit kit = new ProfileKit(UEFI_PROFILE)) {
            Contribution vm = kit.create(SyntheticHost.emulated().uefi(true));
            assertTrue(vm.domainXml().startsWith("<domain type=\"qemu\">"), vm.domainXml());
            assertTrue(vm.findings().contains("warning: KVM is not usable: the guest runs emulated"), vm.findings().toString());
        }
    }

    @Test
    void theHostsMediaLibraryIsWhatTheProfileFinds() {
        try (ProfileKit kit = new ProfileKit(UEFI_PROFILE)) {
            Contribution without = kit.create(SyntheticHost.kvm().uefi(true));
            assertTrue(without.devices().media().isEmpty());
            assertTrue(without.hasFinding("virtio-win.iso is not in the media library"), without.findings().toString());

            Contribution with = kit.create(SyntheticHost.kvm().uefi(true).media("virtio-win.iso"));
            assertEquals(1, with.devices().media().size());
            Path iso = with.devices().media().get(0).path();
            assertEquals("virtio-win.iso", iso.getFileName().toString());
            assertTrue(with.domainXml().contains(iso.toString()), with.domainXml());
            assertFalse(with.hasFinding("virtio-win.iso"), with.findings().toString());
        }
    }

    @Test
    void anOptionTheProfileDoesNotListIsRefusedBeforeItRuns() {
        try (ProfileKit kit = new ProfileKit(UEFI_PROFILE)) {
            InvalidSpecException e = assertThrows(InvalidSpecException.class,
                    () -> kit.create(SyntheticHost.kvm().uefi(true), kit.spec().option("colour", "blue").build()));
            assertTrue(e.getMessage().contains("profile 'kit-test' has no option 'colour': it understands console"), e.getMessage());
        }
    }

    @Test
    void optionValuesReachTheProfileAndABadOneIsItsToRefuse() {
        try (ProfileKit kit = new ProfileKit(UEFI_PROFILE)) {
            Contribution vga = kit.create(SyntheticHost.kvm().uefi(true), kit.spec().option("console", "vga").build());
            assertTrue(vga.domainXml().contains("<model type=\"vga\""), vga.domainXml());
            ProfileException e = assertThrows(ProfileException.class,
                    () -> kit.create(SyntheticHost.kvm().uefi(true), kit.spec().option("console", "hdmi").build()));
            assertTrue(e.getMessage().contains("console=hdmi"), e.getMessage());
        }
    }

    @Test
    void theSpecIsCheckedAsOnAHost() {
        try (ProfileKit kit = new ProfileKit(UEFI_PROFILE)) {
            InvalidSpecException below = assertThrows(InvalidSpecException.class,
                    () -> kit.create(SyntheticHost.kvm().uefi(true), kit.spec().memory(ByteSize.ofMiB(128)).build()));
            assertTrue(below.getMessage().contains("needs at least 256M of memory"), below.getMessage());
            InvalidSpecException missing = assertThrows(InvalidSpecException.class,
                    () -> kit.create(SyntheticHost.kvm().uefi(true), kit.spec().installMedia(Path.of("/nonexistent/kit.iso")).build()));
            assertTrue(missing.getMessage().contains("/nonexistent/kit.iso"), missing.getMessage());

            Path iso = kit.installMedium("freebsd.iso");
            Contribution installing = kit.create(SyntheticHost.kvm().uefi(true), kit.spec().installMedia(iso).build());
            assertTrue(installing.domainXml().contains("device=\"cdrom\""), installing.domainXml());
            assertTrue(installing.domainXml().contains(iso.toString()), installing.domainXml());
        }
    }

    @Test
    void secureBootAndTpmOnAHostThatHasThem() {
        TestProfile windowsLike = new TestProfile((context, devices) -> devices.firmware(Firmware.secureBootUefi()).smm(true)
                .tpm(Tpm.v2(TpmModel.CRB)));
        try (ProfileKit kit = new ProfileKit(windowsLike)) {
            Contribution vm = kit.create(SyntheticHost.emulated().secureBoot(true).tpm(true));
            assertTrue(vm.domainXml().contains("<feature enabled=\"yes\" name=\"secure-boot\"/>"), vm.domainXml());
            assertTrue(vm.domainXml().contains("<tpm "), vm.domainXml());
            assertTrue(vm.domainXml().contains("<smm state=\"on\"/>"), vm.domainXml());
        }
    }

    @Test
    void anInvalidDeviceSetIsTheProfilesFaultAsOnAHost() {
        TestProfile noSmm = new TestProfile((context, devices) -> devices.firmware(Firmware.secureBootUefi()));
        try (ProfileKit kit = new ProfileKit(noSmm)) {
            VmException e = assertThrows(VmException.class, () -> kit.create(SyntheticHost.kvm().secureBoot(true)));
            assertTrue(e.getMessage().contains("returned an invalid device set: Secure Boot firmware needs SMM"), e.getMessage());
        }
    }

    @Test
    void anUnexpectedExceptionIsTheProfilesFault() {
        TestProfile broken = new TestProfile((context, devices) -> {
            throw new IllegalStateException("oops");
        });
        try (ProfileKit kit = new ProfileKit(broken)) {
            VmException e = assertThrows(VmException.class, () -> kit.create(SyntheticHost.kvm()));
            assertTrue(e.getMessage().contains("profile 'kit-test' failed to choose devices: it threw java.lang.IllegalStateException: oops"),
                    e.getMessage());
            assertInstanceOf(IllegalStateException.class, e.getCause());
        }
    }

    @Test
    void closeRemovesTheKitsFiles() {
        ProfileKit kit = new ProfileKit(UEFI_PROFILE);
        Path iso = kit.installMedium("x.iso");
        assertTrue(Files.isRegularFile(iso));
        kit.close();
        assertFalse(Files.exists(iso.getParent().getParent()), "the kit's directory is removed");
    }

    @Test
    void syntheticHostsSayWhatTheyHave() {
        assertFalse(SyntheticHost.kvm().capabilities().uefi());
        assertTrue(SyntheticHost.kvm().secureBoot(true).capabilities().uefi(), "Secure Boot firmware is UEFI firmware");
        assertFalse(SyntheticHost.kvm().secureBoot(true).uefi(false).capabilities().secureBoot(), "no UEFI, no Secure Boot");
        assertFalse(SyntheticHost.emulated().capabilities().kvmUsable());
        assertTrue(SyntheticHost.emulated().tpm(true).capabilities().tpmEmulator());
        assertThrows(IllegalArgumentException.class, () -> SyntheticHost.kvm().media("../etc/passwd"));
    }
}
