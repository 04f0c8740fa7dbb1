package io.phyllome.profiles.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.phyllome.host.device.DeviceSet;
import io.phyllome.host.device.ImageFormat;
import io.phyllome.host.device.Medium;
import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.ProfileException;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.VmSpec;

/**
 * The user's OpenCore and recovery images: given as paths or found in the media library, checked,
 * their format read from the file.
 */
class MacOsProfileImagesTest extends MacOsProfileTest {

    @Test
    void aMissingOpenCoreImageNamesTheFileAndWhereToPutIt() {
        Path missing = dir.resolve("nowhere").resolve("OpenCore.qcow2");
        ProfileException e = refused(sonoma(STAND_IN_KEY), spec().option("opencore", missing.toString()).build(), kvmHost(HOST_CPU));
        assertTrue(e.getMessage().contains("OpenCore boot image") && e.getMessage().contains(missing + " does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("--options opencore=PATH") && e.getMessage().contains("media:import --name macos-sonoma-OpenCore.qcow2"),
                e.getMessage());
        assertTrue(e.getMessage().contains("does not download or ship"), e.getMessage());
    }

    @Test
    void noOpenCoreImageAtAllNamesTheLibraryNames() {
        VmSpec spec = VmSpec.builder("macos-sonoma", "mac1").memory(ByteSize.ofGiB(8)).cpus(4).option("recovery", recovery.toString()).build();
        ProfileException e = refused(sonoma(STAND_IN_KEY), spec, kvmHost(HOST_CPU));
        assertTrue(e.getMessage().contains("'macos-sonoma' needs an OpenCore boot image (OpenCore.qcow2), and there is none"), e.getMessage());
        assertTrue(e.getMessage().contains("macos-sonoma-OpenCore.qcow2 (or OpenCore.qcow2 for every release)"), e.getMessage());
    }

    @Test
    void aMissingRecoveryImageNamesItToo() {
        VmSpec spec = VmSpec.builder("macos-sonoma", "mac1").memory(ByteSize.ofGiB(8)).cpus(4).option("opencore", opencore.toString()).build();
        ProfileException e = refused(sonoma(STAND_IN_KEY), spec, kvmHost(HOST_CPU));
        assertTrue(e.getMessage().contains("recovery image (RecoveryImage.img)") && e.getMessage().contains("--options recovery=PATH")
                && e.getMessage().contains("macos-sonoma-RecoveryImage.img"), e.getMessage());
    }

    @Test
    void theMediaLibraryServesWhenNoPathIsGivenTheReleasesOwnFirst() throws IOException {
        Path shared = qcow2(dir.resolve("shared.qcow2"));
        Path own = qcow2(dir.resolve("own.qcow2"));
        library.put("OpenCore.qcow2", shared);
        library.put("macos-sonoma-RecoveryImage.img", recovery);
        library.put(MacOsProfile.OSK_MEDIUM, Files.writeString(dir.resolve("key"), STAND_IN_KEY + "\n"));
        VmSpec plain = VmSpec.builder("macos-sonoma", "mac1").memory(ByteSize.ofGiB(8)).cpus(4).build();
        DeviceSet devices = contribute(sonoma(""), plain, kvmHost(HOST_CPU));
        assertEquals(List.of(shared, recovery), devices.media().stream().map(Medium::path).toList());
        assertEquals("isa-applesmc,osk=" + STAND_IN_KEY, devices.qemuArguments().get(1), "the key from the library, its newline dropped");

        library.put("macos-sonoma-OpenCore.qcow2", own);
        assertEquals(own, contribute(sonoma(""), plain, kvmHost(HOST_CPU)).media().get(0).path());
        // another release does not take Sonoma's recovery image
        GuestProfile tahoe = new MacOsTahoeProfile(config(""));
        ProfileException e = refused(tahoe, VmSpec.builder("macos-tahoe", "mac2").memory(ByteSize.ofGiB(8)).cpus(4).build(), kvmHost(HOST_CPU));
        assertTrue(e.getMessage().contains("macos-tahoe-RecoveryImage.img"), e.getMessage());
    }

    @Test
    void aRelativePathIsRefused() {
        ProfileException e = refused(sonoma(STAND_IN_KEY), spec().option("opencore", "OpenCore.qcow2").build(), kvmHost(HOST_CPU));
        assertTrue(e.getMessage().contains("absolute path"), e.getMessage());
    }

    @Test
    void aDirectoryIsNoImage() {
        ProfileException e = refused(sonoma(STAND_IN_KEY), spec().option("recovery", dir.toString()).build(), kvmHost(HOST_CPU));
        assertTrue(e.getMessage().contains("is not a file"), e.getMessage());
    }

    @Test
    void theSameFileForBothIsRefused() {
        ProfileException e = refused(sonoma(STAND_IN_KEY), spec().option("recovery", opencore.toString()).build(), kvmHost(HOST_CPU));
        assertTrue(e.getMessage().contains("same file"), e.getMessage());
    }

    @Test
    void aDmgIsRefusedWithTheConversion() throws IOException {
        byte[] dmg = new byte[8192];
        byte[] koly = "koly".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(koly, 0, dmg, dmg.length - 512, koly.length);
        Path file = Files.write(dir.resolve("BaseSystem.dmg"), dmg);
        ProfileException e = refused(sonoma(STAND_IN_KEY), spec().option("recovery", file.toString()).build(), kvmHost(HOST_CPU));
        assertTrue(e.getMessage().contains("qemu-img convert -f dmg -O raw " + file), e.getMessage());
    }

    @Test
    void theFormatComesFromTheFileNotItsName() throws IOException {
        Path qcow2Recovery = qcow2(dir.resolve("recovery.img"));
        Path rawOpenCore = Files.write(dir.resolve("opencore.qcow2"), new byte[1024]);
        List<Medium> media = sonomaOnKvm(b -> b.option("opencore", rawOpenCore.toString()).option("recovery", qcow2Recovery.toString())).media();
        assertEquals(ImageFormat.RAW, media.get(0).format());
        assertEquals(ImageFormat.QCOW2, media.get(1).format());
    }
}
