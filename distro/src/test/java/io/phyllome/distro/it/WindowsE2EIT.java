package io.phyllome.distro.it;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import javax.imageio.ImageIO;

import org.junit.After;
import org.junit.Test;

import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.DiskSpec;
import io.phyllome.host.vm.VmInfo;
import io.phyllome.host.vm.VmSpec;

/**
 * End to end against the system libvirtd: a windows-11 VM with no install media starts with the
 * Secure Boot firmware and a TPM served by swtpm, its display shows the firmware, and deleting it
 * removes its NVRAM and TPM state.
 */
public class WindowsE2EIT extends FrameworkTest {

    private static final Path NVRAM_DIR = Path.of("/var/lib/libvirt/qemu/nvram");
    private static final Path TPM_DIR = Path.of("/var/lib/libvirt/swtpm");

    private String name;

    @Test
    public void windows11StartsWithSecureBootAndTpmAndLeavesNothingBehind() {
        Osgi.Platform platform = new Osgi(context).connectTo(Host.SYSTEM);
        name = TestGuest.uniqueName("it-win");
        VmInfo vm = platform.vms().create(VmSpec.builder("windows-11", name).memory(ByteSize.ofGiB(4)).cpus(2)
                .disk(DiskSpec.of(ByteSize.ofGiB(64))).build());
        Path nvram = NVRAM_DIR.resolve(name + "_VARS.fd");
        Path tpmState = TPM_DIR.resolve(vm.uuid());
        Path disk = Path.of(vm.disks().get(0).source());
        assertTrue("the system disk is encrypted: " + vm.disks(), vm.disks().get(0).encrypted());

        platform.vms().start(name);

        String live = platform.vms().definition(name);
        assertTrue("Secure Boot firmware in the live XML:\n" + live, live.matches("(?s).*<loader[^>]*secure='yes'[^>]*>[^<]*\\.ms\\.fd</loader>.*"));
        assertTrue("SMM on:\n" + live, live.contains("<smm state='on'/>"));
        assertTrue("a TPM 2.0 CRB:\n" + live, live.contains("<tpm model='tpm-crb'>"));
        Osgi.await("swtpm serving " + name, Duration.ofSeconds(30),
                () -> Host.run("ps", "-eo", "args").lines().anyMatch(p -> p.startsWith("/usr/bin/swtpm") && p.contains(vm.uuid())));
        assertTrue("NVRAM " + nvram + " made from the Secure Boot template", Files.isRegularFile(nvram));
        assertTrue("TPM state in " + tpmState, Files.isDirectory(tpmState));

        int[] colours = { 0 };
        Osgi.await(Duration.ofSeconds(90), () -> (colours[0] = colours(platform.vms().screenshot(name))) > 2,
                () -> "the display of " + name + " shows more than a blank screen (" + colours[0] + " colours)");

        platform.vms().delete(name, false);

        assertFalse("domain remains: " + Host.systemDomains(), Host.systemDomains().contains(name));
        assertFalse("NVRAM " + nvram + " remains", Files.exists(nvram));
        assertFalse("TPM state " + tpmState + " remains", Files.exists(tpmState));
        assertFalse("disk " + disk + " remains", Files.exists(disk));
        assertFalse("the disk's secret remains: " + Host.systemSecrets(), Host.systemSecretFor(disk));
    }

    private static int colours(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            Set<Integer> seen = new HashSet<>();
            for (int y = 0; y < image.getHeight(); y += 4) {
                for (int x = 0; x < image.getWidth(); x += 4) {
                    seen.add(image.getRGB(x, y));
                }
            }
            return seen.size();
        } catch (IOException e) {
            throw new AssertionError("the screenshot is not a PNG", e);
        }
    }

    /** After a failure: removes what the test left in the system daemon. */
    @After
    public void cleanUp() {
        Host.removeLeftovers(name, Path.of(new Osgi(context).property(TestPlatform.STATE_DIR)).resolve("disks"));
    }
}
