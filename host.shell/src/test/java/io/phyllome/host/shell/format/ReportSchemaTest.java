package io.phyllome.host.shell.format;

import static io.phyllome.host.shell.format.OutputSchemaTest.FOREIGN;
import static io.phyllome.host.shell.format.OutputSchemaTest.LINUX;
import static io.phyllome.host.shell.format.OutputSchemaTest.WINDOWS;
import static io.phyllome.host.shell.format.SchemaAssert.assertValid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;

import io.phyllome.host.diagnostics.CrashLeftovers;
import io.phyllome.host.document.DiskList;
import io.phyllome.host.document.Fingerprint;
import io.phyllome.host.document.HostInfo;
import io.phyllome.host.document.MediaList;
import io.phyllome.host.document.OrphanReport;
import io.phyllome.host.document.ProfileCatalog;
import io.phyllome.host.document.ProfileDetails;
import io.phyllome.host.document.VmDetails;
import io.phyllome.host.document.VmLint;
import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.repository.ProfileRepository;
import io.phyllome.host.storage.MediaFile;
import io.phyllome.host.storage.Volume;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.PortabilityFinding.Severity;
import io.phyllome.host.vm.PortabilityFinding;
import io.phyllome.host.vm.VmDisk;
import io.phyllome.host.vm.VmInfo;
import io.phyllome.host.vm.VmState;

/** The JSON of the other listing and report commands validates against its schema; the text keeps today's form. */
class ReportSchemaTest {

    private static final String SECRET_UUID = "0d1e2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6";

    @Test
    void vmInfo() {
        VmDetails details = VmDetails.of(WINDOWS);
        assertValid(details);
        assertTrue(Formatter.text(details).contains("disk vda:  /state/disks/windows-server-2022-0.qcow2 (encrypted)"), Formatter.text(details));
        assertTrue(Formatter.text(details).contains("disk sda:  /state/media/server.iso (read-only)"), Formatter.text(details));
        assertTrue(Formatter.text(VmDetails.of(FOREIGN)).contains("profile:   (none: not created by Phyllome)"));
        assertValid(VmDetails.of(FOREIGN));
    }

    @Test
    void diskListNamesNoKey() {
        DiskList list = DiskList.of(List.of(new Volume("phyllome", "a-0.qcow2", "/state/disks/a-0.qcow2", ByteSize.ofGiB(20), new ByteSize(1536L << 20), SECRET_UUID),
                new Volume("phyllome", "b-0.qcow2", "/state/disks/b-0.qcow2", ByteSize.ofGiB(1), new ByteSize(512), "")),
                List.of(user("a", "/state/disks/a-0.qcow2"), user("a-clone", "/state/disks/a-0.qcow2")));
        String json = assertValid(list);
        assertFalse(json.contains(SECRET_UUID), "not even the key's id: " + json);
        List<String> lines = Formatter.text(list).lines().toList();
        assertTrue(lines.get(0).matches("FILE\\s+SIZE\\s+USED\\s+ENCRYPTION\\s+VM"), lines.get(0));
        assertTrue(lines.get(1).matches("/state/disks/a-0.qcow2\\s+20G\\s+1.5G\\s+encrypted\\s+a,a-clone"), lines.get(1));
        assertTrue(lines.get(2).matches("/state/disks/b-0.qcow2\\s+1G\\s+512\\s+NOT encrypted\\s+\\(unused\\)"), lines.get(2));
    }

    @Test
    void mediaList() {
        MediaList list = MediaList.of(List.of(new MediaFile("virtio-win.iso", Path.of("/state/media/virtio-win.iso"), ByteSize.ofMiB(700), "ab".repeat(32))));
        assertValid(list);
        assertTrue(Formatter.text(list).lines().skip(1).findFirst().orElseThrow().matches("virtio-win.iso\\s+700M\\s+(ab){32}"), Formatter.text(list));
    }

    @Test
    void profileAvailable() {
        URI index = URI.create("file:/repo/index.xml");
        ProfileCatalog catalog = ProfileCatalog.of(new ProfileRepository.Catalog(List.of(
                new ProfileRepository.Available("acme-os", "linux", "com.acme.profile", new Version(1, 1, 0), index, Optional.of(new Version(1, 0, 0)), false),
                new ProfileRepository.Available("acme-os", "linux", "com.acme.profile", new Version(2, 0, 0), index, Optional.of(new Version(1, 0, 0)), false),
                new ProfileRepository.Available("linux", "linux", "io.phyllome.profiles.linux", new Version(1, 0, 0), index, Optional.of(new Version(1, 0, 0)), true),
                new ProfileRepository.Available("windows-11", "windows", "io.phyllome.profiles.windows", new Version(1, 0, 0), index, Optional.empty(), false)),
                List.of("https://down.example/index.xml: timed out")), List.of(index),
                offer -> offer.version().getMajor() == 2 ? Optional.of("needs API 2") : Optional.empty());
        assertValid(catalog);
        List<String> lines = Formatter.text(catalog).lines().toList();
        assertTrue(lines.get(1).matches("acme-os\\s+linux\\s+com.acme.profile\\s+1.1.0\\s+installed 1.0.0, update available"), Formatter.text(catalog));
        assertTrue(lines.get(2).matches("acme-os\\s+linux\\s+com.acme.profile\\s+2.0.0\\s+installed 1.0.0, cannot run here"), Formatter.text(catalog));
        assertTrue(lines.get(3).endsWith("with the platform 1.0.0"), Formatter.text(catalog));
        assertTrue(lines.get(4).matches("windows-11\\s+windows\\s+io.phyllome.profiles.windows\\s+1.0.0"), Formatter.text(catalog));
        assertEquals("warning: https://down.example/index.xml: timed out", lines.get(5));
        ProfileCatalog empty = ProfileCatalog.of(new ProfileRepository.Catalog(List.of(), List.of()), List.of(index), offer -> Optional.empty());
        assertValid(empty);
        assertEquals("the repositories [file:/repo/index.xml] offer no profiles", Formatter.text(empty));
    }

    @Test
    void profileShow() {
        GuestProfile profile = new GuestProfile() {
            @Override
            public io.phyllome.host.profile.ProfileDescriptor descriptor() {
                return LINUX;
            }

            @Override
            public Map<String, String> options() {
                return Map.of("tpm", "on or off");
            }

            @Override
            public void contribute(io.phyllome.host.profile.ProfileContext context, io.phyllome.host.device.DeviceSetBuilder devices) {
                throw new UnsupportedOperationException("profile:show never builds devices");
            }
        };
        ProfileDetails details = ProfileDetails.of(profile, null);
        assertValid(details);
        ProfileDetails faulty = ProfileDetails.of(profile, "threw java.lang.IllegalStateException: boom");
        assertValid(faulty);
        assertTrue(Formatter.text(faulty).endsWith("\nFAULTY:      threw java.lang.IllegalStateException: boom"), Formatter.text(faulty));
        assertTrue(Formatter.text(details).startsWith("id:          linux\nname:        Linux (generic)\nfamily:      LINUX\n"), Formatter.text(details));
        assertTrue(Formatter.text(details).contains("recommended: 2G memory, 2 CPUs, 20G disk\noption:      tpm=on or off"), Formatter.text(details));
    }

    @Test
    void hostInfoAndFingerprint() {
        HostCapabilities caps = new HostCapabilities("qemu:///system", "10.0.0", "x86_64", false, "no /dev/kvm", List.of("pc-q35-8.2"), true, true, false,
                ByteSize.ofGiB(8), 2, java.util.Set.of("sse4.2"), "Skylake");
        HostInfo info = new HostInfo("0.1.0", "/var/lib/phyllome", "/etc/phyllome", false, List.of(), HostInfo.Hypervisor.of(caps), 3, "sha256:abc",
                List.of(new HostInfo.Protection("/var/lib/phyllome/disks", false, false, "not protected: host:protect")));
        assertValid(info);
        assertTrue(Formatter.text(info).contains("config:      /etc/phyllome (none: the shipped configuration applies)\nsources:     shipped defaults only"), Formatter.text(info));
        assertTrue(Formatter.text(info).contains("kvm:         not usable (no /dev/kvm): guests run emulated"), Formatter.text(info));
        assertTrue(Formatter.text(info).endsWith("fscrypt:     /var/lib/phyllome/disks: not protected: host:protect"), Formatter.text(info));

        Fingerprint fingerprint = new Fingerprint("sha256:abc", new TreeMap<>(Map.of("cpu", "Skylake", "platform", "0.1.0")));
        assertValid(fingerprint);
        assertEquals("digest: sha256:abc\ncpu=Skylake\nplatform=0.1.0", Formatter.text(fingerprint));
    }

    @Test
    void vmLint() {
        VmLint report = VmLint.of("web", List.of(new PortabilityFinding(Severity.BLOCKER, "host device pci 0000:01:00.0 is passed through",
                "the other host has other devices", "detach it"), new PortabilityFinding(Severity.WARNING, "disk vda is not encrypted", "moved in clear", "re-create it")));
        assertValid(report);
        assertEquals(1, report.blockers());
        assertEquals("blocker: host device pci 0000:01:00.0 is passed through (the other host has other devices): detach it\n"
                + "warning: disk vda is not encrypted (moved in clear): re-create it", Formatter.text(report));
        assertEquals("web: nothing ties it to this host", Formatter.text(VmLint.of("web", List.of())));
        assertValid(VmLint.of("web", List.of()));
    }

    @Test
    void diskOrphansNamesKeysByIdOnly() {
        Volume leftover = new Volume("phyllome", "x-0.qcow2", "/state/disks/x-0.qcow2", ByteSize.ofGiB(1), new ByteSize(0), SECRET_UUID);
        OrphanReport report = OrphanReport.of(new CrashLeftovers.Report(List.of(leftover), List.of("/state/disks/kept-0.qcow2"), List.of("uuid-2"),
                List.of()), false);
        String json = assertValid(report);
        assertFalse(json.contains(SECRET_UUID), json);
        assertTrue(Formatter.text(report).startsWith("left by an interrupted creation: /state/disks/x-0.qcow2 (with its key)\n"
                + "unused disk: /state/disks/kept-0.qcow2 (kept; delete it with disk:delete /state/disks/kept-0.qcow2)\nkey without a disk: uuid-2\n"), Formatter.text(report));
        assertTrue(Formatter.text(report).endsWith("with disk:orphans --clean"), Formatter.text(report));
        assertEquals("nothing orphaned", Formatter.text(OrphanReport.of(new CrashLeftovers.Report(List.of(), List.of(), List.of(), List.of()), true)));
    }

    /** A VM that uses {@code disk}. */
    private static VmInfo user(String name, String disk) {
        return new VmInfo(name, "uuid-" + name, VmState.SHUT_OFF, "linux", true, ByteSize.ofGiB(1), 1, List.of(new VmDisk("vda", disk, false, true, true)),
                List.of());
    }
}
