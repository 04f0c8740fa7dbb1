package io.phyllome.distro.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import io.phyllome.host.vm.VmState;

/**
 * End to end against the system libvirtd, from the shell as a user types it: a macos-sonoma VM
 * with stand-in OpenCore and recovery images (empty qcow2 files; no Apple software is used) and a
 * stand-in Apple SMC key is created and started with one command, runs with QEMU's
 * isa-applesmc device and the macOS CPU, shows in {@code virsh list}, and is deleted without a
 * trace; without an OpenCore image, {@code vm:create} fails naming the file and where it goes,
 * and leaves nothing behind.
 */
public class MacOsE2EIT extends FrameworkTest {

    private static final Path NVRAM_DIR = Path.of("/var/lib/libvirt/qemu/nvram");
    /** 64 characters, and not the key macOS checks for: the platform and its tests never hold that one. */
    private static final String STAND_IN_KEY = "phyllome-stand-in-key-for-tests-only-never-what-macos-checks-000";

    private Osgi osgi;
    private Osgi.Platform platform;
    private Path state;
    private Path images;
    private Path opencore;
    private Path recovery;
    private String name;

    /** The user's images: empty qcow2 files the test makes, where QEMU's user can read them. */
    @Before
    public void standInImages() {
        osgi = new Osgi(context);
        platform = osgi.connectTo(Host.SYSTEM);
        state = Path.of(osgi.property(TestPlatform.STATE_DIR));
        images = state.resolve("user-images");
        TestPlatform.createSearchable(images);
        opencore = images.resolve("OpenCore.qcow2");
        recovery = images.resolve("RecoveryImage.img");
        if (!Files.exists(opencore)) {
            Host.run("qemu-img", "create", "-q", "-f", "qcow2", opencore.toString(), "64M");
            Host.run("qemu-img", "create", "-q", "-f", "qcow2", recovery.toString(), "64M");
        }
    }

    @Test
    public void aMacOsVmIsCreatedAndStartedWithOneCommandAndDeletedWithoutTrace() throws Exception {
        assertTrue("QEMU 7.2's TCG (or the host CPU) provides AVX2 and SSE4.2: " + platform.hypervisor().capabilities().cpuFeatures(),
                platform.hypervisor().capabilities().cpuFeatures().containsAll(List.of("avx2", "sse4.2")));
        importStandInKey();
        name = TestGuest.uniqueName("it-mac");
        Path disk = state.resolve("disks").resolve(name + "-0.qcow2");
        Path nvram = NVRAM_DIR.resolve(name + "_VARS.fd");
        String opencoreSha = Host.sha256(opencore);
        String recoverySha = Host.sha256(recovery);

        // one command: create from the user's images and start
        String output = osgi.gogo("vm:create --start --memory 4G --cpus 2 --disk 64G --options opencore=" + opencore + ",recovery=" + recovery
                + " macos-sonoma " + name);
        assertTrue(output, output.contains("created " + name + " (4G, 2 CPUs, profile macos-sonoma)"));
        assertTrue("the stand-in key is recognised as not Apple's:\n" + output, output.contains("not the one macOS checks for"));
        assertTrue(output, output.contains("started " + name));

        assertTrue(name + " in virsh list: " + Host.run("virsh", "-c", Host.SYSTEM, "list", "--name"),
                Host.run("virsh", "-c", Host.SYSTEM, "list", "--name").lines().anyMatch(l -> l.strip().equals(name)));
        assertEquals(VmState.RUNNING, platform.vms().info(name).state());

        String live = osgi.gogo("vm:xml " + name);
        assertTrue("isa-applesmc in the live XML:\n" + live, live.contains("<qemu:arg value='isa-applesmc,osk=" + STAND_IN_KEY + "'/>"));
        assertTrue("the macOS CPU in the live XML:\n" + live, live.contains("vendor_id='GenuineIntel'>Haswell-noTSX</model>"));
        assertTrue("AVX2 in the live XML:\n" + live, live.contains("<feature policy='require' name='avx2'/>"));
        assertTrue("SSE4.2 in the live XML:\n" + live, live.contains("<feature policy='require' name='sse4.2'/>"));
        assertTrue("OpenCore boots first:\n" + live, live.matches("(?s).*<source file='" + opencore + "'.*?<boot order='1'/>.*"));

        String qemu = qemuCommandLine(name).orElseThrow(() -> new AssertionError("no QEMU process for " + name));
        assertTrue("isa-applesmc on QEMU's command line:\n" + qemu, qemu.contains("-device isa-applesmc,osk=" + STAND_IN_KEY));
        assertTrue("the CPU flags on QEMU's command line:\n" + qemu,
                qemu.matches("(?s).*-cpu Haswell-noTSX,vendor=GenuineIntel,\\S*avx2=on\\S*sse4\\.2=on.*"));
        assertTrue("the guest's writes to the images go to libvirt's transient overlays: " + Host.tree(images),
                Host.tree(images).contains("OpenCore.qcow2.TRANSIENT-" + name));

        // OVMF and the (empty) OpenCore disk keep it running; it must not have crashed
        Thread.sleep(2000);
        assertEquals(VmState.RUNNING, platform.vms().info(name).state());

        String deleted = osgi.gogo("vm:delete --with-disks " + name);
        assertTrue(deleted, deleted.contains("deleted " + name));

        assertFalse("domain remains: " + Host.systemDomains(), Host.systemDomains().contains(name));
        assertFalse("disk " + disk + " remains", Files.exists(disk));
        assertFalse("the disk's secret remains: " + Host.systemSecrets(), Host.systemSecretFor(disk));
        assertFalse("NVRAM " + nvram + " remains", Files.exists(nvram));
        assertFalse("QEMU still runs", qemuCommandLine(name).isPresent());
        assertEquals("the user's images, nothing else, in " + images, List.of("OpenCore.qcow2", "RecoveryImage.img"), Host.tree(images));
        assertEquals("the OpenCore image is unchanged", opencoreSha, Host.sha256(opencore));
        assertEquals("the recovery image is unchanged", recoverySha, Host.sha256(recovery));
        name = null;
    }

    @Test
    public void withoutTheOpenCoreImageCreateFailsNamingTheFileAndLeavesNothing() throws Exception {
        String vm = TestGuest.uniqueName("it-mac-bad");
        name = vm;
        Path disks = state.resolve("disks");
        List<String> files = Host.tree(disks);

        // nothing given and nothing in the media library
        Exception e = assertThrows(Exception.class,
                () -> osgi.gogo("vm:create --memory 4G --cpus 2 --disk 64G --options recovery=" + recovery + " macos-sonoma " + vm));
        String message = e.getMessage();
        assertTrue(message, message.contains("'macos-sonoma' needs an OpenCore boot image (OpenCore.qcow2)"));
        assertTrue("where to put it: " + message, message.contains("--options opencore=PATH")
                && message.contains("media:import --name macos-sonoma-OpenCore.qcow2"));
        assertNothingLeft(vm, disks, files);

        // a path that does not exist
        Path missing = images.resolve("nowhere").resolve("OpenCore.qcow2");
        e = assertThrows(Exception.class, () -> osgi.gogo("vm:create --memory 4G --cpus 2 --disk 64G --options opencore=" + missing + ",recovery="
                + recovery + " macos-sonoma " + vm));
        assertTrue(e.getMessage(), e.getMessage().contains(missing + " does not exist"));
        assertNothingLeft(vm, disks, files);
        name = null;
    }

    private void assertNothingLeft(String vm, Path disks, List<String> files) {
        assertFalse("a domain " + vm + " after refusing it", Host.systemDomains().contains(vm));
        assertEquals("files in " + disks, files, Host.tree(disks));
        assertEquals("secrets for " + disks, List.of(), Host.systemSecrets().stream().filter(l -> l.contains(disks.toString())).toList());
        assertFalse("NVRAM of " + vm, Files.exists(NVRAM_DIR.resolve(vm + "_VARS.fd")));
    }

    /** The stand-in key into the media library, as a user imports the real one (once per host). */
    private void importStandInKey() throws Exception {
        if (Files.exists(state.resolve("media").resolve("apple-smc.key"))) {
            return;
        }
        Path key = Files.writeString(images.resolve("apple-smc.key"), STAND_IN_KEY, StandardCharsets.US_ASCII);
        String output = osgi.gogo("media:import " + key + " " + Host.sha256(key));
        assertTrue(output, output.contains("imported apple-smc.key"));
        Files.delete(key);
    }

    /** The command line of the QEMU process running {@code vm}, if one runs. */
    private static Optional<String> qemuCommandLine(String vm) {
        return Host.run("ps", "-eo", "args").lines().filter(l -> l.contains("qemu-system") && l.contains("guest=" + vm + ",")).findFirst();
    }

    /** After a failure: removes what the test left in the system daemon. */
    @After
    public void cleanUp() {
        Host.removeLeftovers(name, state.resolve("disks"));
        name = null;
    }
}
