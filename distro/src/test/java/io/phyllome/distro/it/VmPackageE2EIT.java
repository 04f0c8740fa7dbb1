package io.phyllome.distro.it;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

import io.phyllome.host.vm.VmException;
import io.phyllome.host.vm.VmInfo;

/**
 * A VM moves between two hosts: the system daemon with one state directory (the distro jar run
 * one command at a time, as {@code ./phyllome} does) exports it, and this framework, on the
 * embedded driver with a state directory of its own, imports and boots it.
 *
 * <p>The guest writes a marker to its encrypted disk on the first host and reads it back on the
 * second. Damaged packages, a wrong passphrase, a package changed and sealed again without the
 * passphrase, file names that reach outside the package and a missing profile are refused and leave
 * nothing. The disks' keys of both hosts are looked for in everything the run printed or logged,
 * and recorded for {@code ./test}'s scan of the whole test run's output.
 */
public class VmPackageE2EIT extends FrameworkTest {

    private static final String PASSPHRASE = "correct horse battery staple";

    @Test
    public void encryptedVmMovesFromTheSystemDaemonToTheEmbeddedDriverWithItsData() throws IOException {
        Path state = Path.of(new Osgi(context).property(TestPlatform.STATE_DIR));
        Path work = state.getParent();
        Path sourceState = work.resolve("source-state");
        TestPlatform.createSearchable(sourceState);
        OneShot source = new OneShot(sourceState, Host.SYSTEM);
        Osgi.Platform target = new Osgi(context).connectTo("qemu:///embed?root=" + state.resolve("libvirt"));

        String name = TestGuest.uniqueName("it-pkg");
        String data = TestGuest.random(8);
        Path pkg = work.resolve("package");
        List<String> outputs = new ArrayList<>();
        try {
            outputs.add(ok(source.run("vm:create", "--memory", "256M", "--cpus", "1", "--disk", "64M", "--kernel", TestGuest.kernel().toString(),
                    "--initrd", TestGuest.initrd().toString(), "--cmdline", "console=ttyS0 phyllome.marker=" + name + " phyllome.write=" + data,
                    "linux", name)));
            outputs.add(ok(source.run("vm:start", name)));
            Path sourceSerial = sourceState.resolve("logs").resolve(name + ".serial.log");
            Osgi.await(TestGuest.BOOT_TIMEOUT, () -> Host.read(sourceSerial).contains("PHYLLOME-WROTE " + data),
                    () -> "the guest did not write its marker on the first host:\n" + Host.read(sourceSerial));
            // virsh, not a platform process per poll: the wait is for the guest, not for JVMs starting
            Osgi.await(TestGuest.BOOT_TIMEOUT, () -> Host.run("virsh", "-c", Host.SYSTEM, "domstate", name).strip().equals("shut off"),
                    () -> name + " did not power off on the first host");
            Path sourceDisk = sourceState.resolve("disks").resolve(name + "-0.qcow2");
            String sourceKey = SecretScan.systemKey(sourceDisk);
            byte[] variables = Files.readAllBytes(Path.of("/var/lib/libvirt/qemu/nvram").resolve(name + "_VARS.fd"));

            outputs.add(ok(source.input(PASSPHRASE + "\n", "vm:export", name, pkg.toString())));
            outputs.add(ok(source.run("vm:delete", "--with-disks", name)));
            assertFalse("the first host keeps no key of the exported VM", Host.systemSecretFor(sourceDisk));
            assertTrue("the package's disk is encrypted", Host.luksEncrypted(pkg.resolve("disks/disk-0.qcow2")));
            assertFalse("the package's disk holds no clear text of the guest's data",
                    Host.read(pkg.resolve("disks/disk-0.qcow2")).contains("PHYLLOME-DATA " + data));

            assertTrue("the package carries the source host's fingerprint", Files.isRegularFile(pkg.resolve("host.properties")));
            assertArrayEquals("the package carries the VM's UEFI variables", variables, Files.readAllBytes(pkg.resolve("nvram/VARS.fd")));
            refusals(target, pkg, work);
            differencesAreReported(target, pkg, work, name);

            VmInfo imported = target.packages().importPackage(pkg, PASSPHRASE.toCharArray(), "");
            assertEquals(name, imported.name());
            assertTrue("the imported disk is encrypted: " + imported.disks(), imported.disks().get(0).encrypted());
            Path disk = state.resolve("disks").resolve(name + "-0.qcow2");
            String targetKey = SecretScan.embeddedKey(state, disk);
            assertFalse("the disk got a key of its own for the move", targetKey.equals(sourceKey));
            assertArrayEquals("the VM has its UEFI variables before it first runs here", variables,
                    Files.readAllBytes(state.resolve("libvirt/lib/qemu/nvram").resolve(name + "_VARS.fd")));

            target.vms().start(name);
            Path serial = state.resolve("logs").resolve(name + ".serial.log");
            Osgi.await(TestGuest.BOOT_TIMEOUT, () -> Host.read(serial).contains("PHYLLOME-FOUND " + data),
                    () -> "the guest did not read its marker back on the second host:\n" + Host.read(serial));
            TestGuest.awaitShutOff(target.vms(), name);

            List<Path> logs = new ArrayList<>(List.of(sourceState.resolve("logs"), state.resolve("logs"), state.resolve("libvirt/log"),
                    Path.of("/var/log/libvirt/qemu").resolve(name + ".log"), pkg.resolve("vm.properties"), pkg.resolve("keys.properties"),
                    pkg.resolve("domain.xml")));
            SecretScan.record(targetKey);
            for (String key : List.of(sourceKey, targetKey)) {
                assertTrue("a disk key appears in a command's output", outputs.stream().noneMatch(o -> o.contains(key)));
                for (Path log : logs) {
                    assertEquals("a disk key appears in " + log, List.of(), SecretScan.filesContaining(log, key));
                }
            }
            target.vms().delete(name, false);
            assertFalse("disk " + disk + " remains", Files.exists(disk));
        } finally {
            Host.removeLeftovers(name, sourceState.resolve("disks"));
        }
    }

    /** What a command that must succeed printed. */
    private static String ok(OneShot.Result result) {
        assertEquals(result.toString(), 0, result.exit());
        return result.out() + result.err();
    }

    /** A package from a host with a machine type this one lacks imports, saying so. */
    private void differencesAreReported(Osgi.Platform target, Path pkg, Path work, String name) throws IOException {
        Path other = copy(pkg, work.resolve("other-host"));
        Path host = other.resolve("host.properties");
        Files.writeString(host, Files.readString(host).replaceFirst("(?m)^machines=", "machines=pc-q35-99.0,"));
        remanifest(other, "host.properties", PASSPHRASE);

        VmInfo imported = target.packages().importPackage(other, PASSPHRASE.toCharArray(), name + "-x");
        try {
            assertTrue("the import names what this host lacks: " + imported.findings(),
                    imported.findings().stream().anyMatch(f -> f.contains("this host lacks pc-q35-99.0")));
        } finally {
            target.vms().delete(imported.name(), false);
        }
    }

    /** Packages that must be refused, each leaving nothing on the second host. */
    private void refusals(Osgi.Platform target, Path pkg, Path work) throws IOException {
        assertTrue("the package is sealed", Files.isRegularFile(pkg.resolve("MANIFEST.sha256.hmac")));
        Path tampered = copy(pkg, work.resolve("tampered"));
        flipByte(tampered.resolve("disks/disk-0.qcow2"), 70_000);
        assertRefused(target, tampered, PASSPHRASE, "disks/disk-0.qcow2 does not match its SHA-256");

        Path extra = copy(pkg, work.resolve("extra"));
        Files.writeString(extra.resolve("disks/disk-1.qcow2"), "not from the export");
        assertRefused(target, extra, PASSPHRASE, "disks/disk-1.qcow2 is not in its manifest");

        assertRefused(target, pkg, "not the passphrase", "the passphrase does not open the package");

        Path unsealed = copy(pkg, work.resolve("unsealed"));
        Path vm = unsealed.resolve("vm.properties");
        Files.writeString(vm, Files.readString(vm).replace("disk.0.encrypted=true", "disk.0.encrypted=false"));
        remanifest(unsealed, "vm.properties", "not the passphrase");
        assertRefused(target, unsealed, PASSPHRASE, "the passphrase does not open the package");

        Path outside = copy(pkg, work.resolve("outside"));
        vm = outside.resolve("vm.properties");
        Files.writeString(vm, Files.readString(vm).replace("boot.kernel=boot/kernel", "boot.kernel=/etc/hostname"));
        remanifest(outside, "vm.properties", PASSPHRASE);
        assertRefused(target, outside, PASSPHRASE, "names '/etc/hostname' for boot.kernel");

        Bundle linux = Arrays.stream(context.getBundles()).filter(b -> b.getSymbolicName().equals("io.phyllome.profiles.linux")).findFirst()
                .orElseThrow();
        try {
            linux.stop();
            assertRefused(target, pkg, PASSPHRASE, "guest profile 'linux'");
        } catch (BundleException e) {
            throw new AssertionError(e);
        } finally {
            try {
                linux.start();
            } catch (BundleException e) {
                throw new AssertionError(e);
            }
        }
    }

    /**
     * Updates one file's checksum in a package's manifest and seals it again with
     * {@code passphrase}, as someone who changed it on purpose would: the documented format,
     * PBKDF2-HMAC-SHA256 of the passphrase and the package's salt, the second 32 bytes as the
     * HMAC-SHA256 key of the manifest.
     */
    private static void remanifest(Path pkg, String file, String passphrase) {
        Host.run("sh", "-c", "cd '" + pkg + "' && grep -v ' " + file + "$' MANIFEST.sha256 > m && sha256sum " + file + " >> m && mv m MANIFEST.sha256");
        try {
            java.util.Properties keys = new java.util.Properties();
            try (var in = Files.newBufferedReader(pkg.resolve("keys.properties"))) {
                keys.load(in);
            }
            byte[] salt = java.util.Base64.getDecoder().decode(keys.getProperty("salt"));
            var spec = new javax.crypto.spec.PBEKeySpec(passphrase.toCharArray(), salt, Integer.parseInt(keys.getProperty("iterations")), 512);
            byte[] derived = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(derived, 32, 32, "HmacSHA256"));
            String seal = java.util.HexFormat.of().formatHex(mac.doFinal(Files.readAllBytes(pkg.resolve("MANIFEST.sha256"))));
            Files.writeString(pkg.resolve("MANIFEST.sha256.hmac"), seal + "\n");
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertRefused(Osgi.Platform target, Path pkg, String passphrase, String reason) {
        Path state = pkg.getParent().resolve("state");
        List<String> disksBefore = Host.tree(state.resolve("disks"));
        List<String> mediaBefore = Host.tree(state.resolve("media"));
        int vmsBefore = target.vms().list().size();
        VmException e = assertThrows(VmException.class, () -> target.packages().importPackage(pkg, passphrase.toCharArray(), ""));
        assertTrue("the refusal says why (" + reason + "): " + e.getMessage(), e.getMessage().contains(reason));
        assertEquals("VMs after a refused import", vmsBefore, target.vms().list().size());
        assertEquals("disks after a refused import", disksBefore, Host.tree(state.resolve("disks")));
        assertEquals("media after a refused import", mediaBefore, Host.tree(state.resolve("media")));
        assertEquals("keys after a refused import", List.of(), Host.tree(state.resolve("libvirt/etc/secrets")));
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q);
                }
            }
        }
        return to;
    }

    private static void flipByte(Path file, long offset) throws IOException {
        try (var channel = Files.newByteChannel(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            var one = java.nio.ByteBuffer.allocate(1);
            channel.position(offset).read(one);
            one.flip();
            one.put(0, (byte) (one.get(0) ^ 0xff));
            channel.position(offset).write(one);
        }
    }
}
