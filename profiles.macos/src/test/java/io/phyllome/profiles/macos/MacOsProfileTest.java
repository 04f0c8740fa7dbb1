package io.phyllome.profiles.macos;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.util.converter.Converters;

import io.phyllome.host.device.DeviceSet;
import io.phyllome.host.device.DeviceSetBuilder;
import io.phyllome.host.device.Finding;
import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.ProfileContext;
import io.phyllome.host.profile.ProfileException;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.VmSpec;

/**
 * The macOS profiles' decisions (host requirements, the user's images and key, the device set): the
 * set-up, hosts and checks their tests share. Each subclass tests one kind of decision.
 */
abstract class MacOsProfileTest {

    /** 64 characters, and not the key macOS checks for: the real one is not shipped, not even in tests. */
    static final String STAND_IN_KEY = "phyllome-stand-in-key-for-tests-only-never-what-macos-checks-000";

    /** What a KVM host with a Haswell-or-later Intel CPU offers guests. */
    static final Set<String> HOST_CPU = Set.of("sse4.1", "sse4.2", "avx", "avx2", "fma", "aes", "invtsc");
    /** What QEMU 7.2's TCG provides whatever the host CPU: AVX2 yes, an invariant TSC no. */
    static final Set<String> TCG_CPU = Set.of("sse4.1", "sse4.2", "avx", "avx2", "fma", "aes");

    @TempDir
    Path dir;
    Path opencore;
    Path recovery;
    final Map<String, Path> library = new HashMap<>();

    @BeforeEach
    void images() throws IOException {
        opencore = qcow2(dir.resolve("OpenCore.qcow2"));
        recovery = Files.write(dir.resolve("RecoveryImage.img"), new byte[4096]);
    }

    static Path qcow2(Path file) throws IOException {
        byte[] header = new byte[1024];
        header[0] = 'Q';
        header[1] = 'F';
        header[2] = 'I';
        header[3] = (byte) 0xfb;
        return Files.write(file, header);
    }

    static HostCapabilities kvmHost(Set<String> features) {
        return new HostCapabilities("qemu:///system", "libvirt 9.0.0, QEMU 7.2.0", "x86_64", true, "", List.of("q35"), true, true, true,
                ByteSize.ofGiB(64), 16, features, "");
    }

    static HostCapabilities emulatedHost(Set<String> features) {
        return new HostCapabilities("qemu:///system", "libvirt 9.0.0, QEMU 7.2.0", "x86_64", false, "the CPU advertises neither vmx nor svm",
                List.of("q35"), true, true, true, ByteSize.ofGiB(16), 8, features, "");
    }

    static MacOsConfig config(String osk) {
        return Converters.standardConverter().convert(Map.of("osk", osk)).to(MacOsConfig.class);
    }

    static GuestProfile sonoma(String osk) {
        return new MacOsSonomaProfile(config(osk));
    }

    VmSpec.Builder spec() {
        return VmSpec.builder("macos-sonoma", "mac1").memory(ByteSize.ofGiB(8)).cpus(4).option("opencore", opencore.toString())
                .option("recovery", recovery.toString());
    }

    DeviceSet contribute(GuestProfile profile, VmSpec spec, HostCapabilities host) {
        DeviceSetBuilder devices = new DeviceSetBuilder();
        profile.contribute(ProfileContext.of(spec, host, name -> Optional.ofNullable(library.get(name))), devices);
        return devices.build();
    }

    DeviceSet sonomaOnKvm(Function<VmSpec.Builder, VmSpec.Builder> change) {
        return contribute(sonoma(STAND_IN_KEY), change.apply(spec()).build(), kvmHost(HOST_CPU));
    }

    ProfileException refused(GuestProfile profile, VmSpec spec, HostCapabilities host) {
        return assertThrows(ProfileException.class, () -> contribute(profile, spec, host));
    }

    static List<String> warnings(DeviceSet devices) {
        return devices.findings().stream().filter(f -> f.severity() == Finding.Severity.WARNING).map(Finding::message).toList();
    }
}
