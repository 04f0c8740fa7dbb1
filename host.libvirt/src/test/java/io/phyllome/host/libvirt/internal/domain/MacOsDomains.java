package io.phyllome.host.libvirt.internal.domain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import org.osgi.util.converter.Converters;
import org.w3c.dom.Document;

import io.phyllome.host.hypervisor.DomainDefinition;
import io.phyllome.host.libvirt.internal.domain.DomainGoldenTest.GoldenVariant;
import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.Resources;
import io.phyllome.host.vm.DiskSpec;
import io.phyllome.host.vm.VmSpec;
import io.phyllome.profiles.macos.MacOsConfig;
import io.phyllome.profiles.macos.MacOsSequoiaProfile;
import io.phyllome.profiles.macos.MacOsSonomaProfile;
import io.phyllome.profiles.macos.MacOsTahoeProfile;
import io.phyllome.profiles.macos.MacOsVenturaProfile;

/**
 * The four macOS profiles' domains, end to end from profile to text, on a KVM host and on an
 * emulation-only host: what the macOS domain tests build them from, and the golden variants.
 * Register it in a test class with
 * {@code @RegisterExtension static final MacOsDomains macos = new MacOsDomains();}.
 *
 * <p>The OpenCore and recovery images are real temporary files, because the profiles read their
 * format; their directory is written as {@value #IMAGES} in the golden files. The Apple SMC key is
 * a stand-in: the real one is not shipped, not even in tests.
 */
final class MacOsDomains extends TemporaryMedia {

    static final String IMAGES = "/srv/macos";
    /** 64 characters, and not the key macOS checks for. */
    static final String STAND_IN_KEY = "phyllome-stand-in-key-for-tests-only-never-what-macos-checks-000";

    /** What a KVM host with a Haswell-or-later Intel CPU offers guests (abridged). */
    static final Set<String> HOST_CPU = Set.of("sse4.1", "sse4.2", "avx", "avx2", "fma", "aes", "movbe", "invtsc");
    /** What QEMU 7.2's TCG provides whatever the host CPU (abridged): AVX2, but no invariant TSC. */
    static final Set<String> TCG_CPU = Set.of("sse4.1", "sse4.2", "avx", "avx2", "fma", "aes", "movbe");

    /** The four releases, by the component class that registers each one. */
    enum Release {
        VENTURA("macos-ventura", "macOS 13 Ventura", MacOsVenturaProfile::new),
        SONOMA("macos-sonoma", "macOS 14 Sonoma", MacOsSonomaProfile::new),
        SEQUOIA("macos-sequoia", "macOS 15 Sequoia", MacOsSequoiaProfile::new),
        TAHOE("macos-tahoe", "macOS 26 Tahoe", MacOsTahoeProfile::new);

        final String id;
        final String name;
        final Function<MacOsConfig, GuestProfile> component;

        Release(String id, String name, Function<MacOsConfig, GuestProfile> component) {
            this.id = id;
            this.name = name;
            this.component = component;
        }

        /** The profile as SCR would activate it, with {@code osk} configured. */
        GuestProfile profile(String osk) {
            return component.apply(config(osk));
        }

        /** The VM's name in the golden files, e.g. {@code sonoma}. */
        String vm() {
            return id.substring("macos-".length());
        }
    }

    /** The hosts of the golden variants. */
    enum Host {
        KVM, EMULATED;

        HostCapabilities capabilities() {
            return this == KVM ? withCpu(Fixtures.kvmHost(), HOST_CPU) : withCpu(Fixtures.emulatedHost(), TCG_CPU);
        }
    }

    private Path opencore;
    private Path recovery;

    @Override
    void write(Path images) throws IOException {
        byte[] qcow2 = new byte[1024];
        System.arraycopy(new byte[] { 'Q', 'F', 'I', (byte) 0xfb }, 0, qcow2, 0, 4);
        opencore = Files.write(images.resolve("OpenCore.qcow2"), qcow2);
        recovery = Files.write(images.resolve("RecoveryImage.img"), new byte[4096]);
    }

    Path opencore() {
        return opencore;
    }

    Path recovery() {
        return recovery;
    }

    static HostCapabilities withCpu(HostCapabilities host, Set<String> features) {
        return new HostCapabilities(host.connection(), host.version(), host.arch(), host.kvmUsable(), host.kvmProblem(), host.machines(),
                host.uefi(), host.secureBoot(), host.tpmEmulator(), host.memory(), host.cpus(), features, "");
    }

    static MacOsConfig config(String osk) {
        return Converters.standardConverter().convert(Map.of("osk", osk)).to(MacOsConfig.class);
    }

    // --- building and rendering ------------------------------------------------------------------

    /** A spec with the release's recommended resources, an encrypted system disk and the user's images. */
    VmSpec.Builder spec(Release release, String name) {
        Resources recommended = release.profile(STAND_IN_KEY).descriptor().recommended();
        return VmSpec.builder(release.id, name).memory(recommended.memory()).cpus(recommended.cpus()).disk(DiskSpec.of(recommended.disk()))
                .option("opencore", opencore.toString()).option("recovery", recovery.toString());
    }

    /** What VmService hands the hypervisor, with an empty media library. */
    static DomainDefinition define(Release release, VmSpec spec, HostCapabilities host) {
        return Fixtures.define(release.profile(STAND_IN_KEY), spec, host, Fixtures.volumes(spec));
    }

    static String render(Release release, VmSpec spec, HostCapabilities host) {
        return Fixtures.render(define(release, spec, host), host);
    }

    GoldenVariant variant(Release release, Host host) {
        return new GoldenVariant(release.id + "-" + host.name().toLowerCase(java.util.Locale.ROOT),
                render(release, spec(release, release.vm()).build(), host.capabilities()), directory().toString(), IMAGES);
    }

    /** The golden variants, rendered afresh at each call. */
    Stream<GoldenVariant> variants() {
        return Stream.of(Release.values()).flatMap(r -> Stream.of(Host.values()).map(h -> variant(r, h)));
    }

    Document doc(Release release, Host host) {
        return Fixtures.parse(variant(release, host).xml());
    }
}
