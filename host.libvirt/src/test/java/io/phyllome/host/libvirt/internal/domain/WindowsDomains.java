package io.phyllome.host.libvirt.internal.domain;

import static io.phyllome.host.libvirt.internal.domain.LinuxDomainGoldenTest.only;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.osgi.util.converter.Converters;
import org.w3c.dom.Element;

import io.phyllome.host.hypervisor.DomainDefinition;
import io.phyllome.host.libvirt.internal.domain.DomainGoldenTest.GoldenVariant;
import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.Resources;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.DiskSpec;
import io.phyllome.host.vm.VmSpec;
import io.phyllome.profiles.windows.Windows10Profile;
import io.phyllome.profiles.windows.Windows11Profile;
import io.phyllome.profiles.windows.WindowsConfig;
import io.phyllome.profiles.windows.WindowsServer2022Profile;
import io.phyllome.profiles.windows.WindowsServer2025Profile;

/**
 * The four Windows profiles' domains, end to end from profile to text, on a KVM host and on an
 * emulation-only host, with and without the virtio-win driver image: what the Windows domain tests
 * build them from, and the golden variants. Register it in a test class with
 * {@code @RegisterExtension static final WindowsDomains windows = new WindowsDomains();}.
 *
 * <p>The virtio-win image is a real (empty) temporary file, because the profiles look for it on
 * disk. Its temporary path is written as {@link WindowsConfig#DEFAULT_VIRTIO_WIN} in the golden
 * files so that they do not change from run to run; the schema check sees the XML as rendered.
 */
final class WindowsDomains extends TemporaryMedia {

    static final String ISO = "/var/lib/phyllome/media/Win11_24H2_EnglishInternational_x64.iso";

    /** The four releases, by the component class that registers each one. */
    enum Release {
        WINDOWS_11("windows-11", "http://microsoft.com/win/11", true, Windows11Profile::new),
        WINDOWS_10("windows-10", "http://microsoft.com/win/10", false, Windows10Profile::new),
        SERVER_2022("windows-server-2022", "http://microsoft.com/win/2k22", false, WindowsServer2022Profile::new),
        SERVER_2025("windows-server-2025", "http://microsoft.com/win/2k25", true, WindowsServer2025Profile::new);

        final String id;
        final String osinfo;
        final boolean tpmRequired;
        final Function<WindowsConfig, GuestProfile> component;

        Release(String id, String osinfo, boolean tpmRequired, Function<WindowsConfig, GuestProfile> component) {
            this.id = id;
            this.osinfo = osinfo;
            this.tpmRequired = tpmRequired;
            this.component = component;
        }

        /** The profile as SCR would activate it, with {@code virtioWinIso} configured. */
        GuestProfile profile(Path virtioWinIso) {
            return component.apply(config(virtioWinIso.toString()));
        }
    }

    /** The hosts of the golden variants. */
    enum Host {
        KVM, EMULATED;

        HostCapabilities capabilities() {
            return this == KVM ? Fixtures.kvmHost() : Fixtures.emulatedWindowsHost();
        }
    }

    private Path virtioWin;
    private Path missingVirtioWin;

    /** The profiles only check that the image is readable; its path is normalised in the goldens. */
    @Override
    void write(Path media) throws IOException {
        virtioWin = Files.write(media.resolve("virtio-win-0.1.262.iso"), new byte[2048]);
        missingVirtioWin = media.resolve("not-here").resolve("virtio-win.iso");
    }

    Path virtioWin() {
        return virtioWin;
    }

    Path missingVirtioWin() {
        return missingVirtioWin;
    }

    /** The configuration SCR would inject: the annotation interface implemented as DS does. */
    static WindowsConfig config(String virtioWinIso) {
        return Converters.standardConverter().convert(Map.of("virtioWinIso", virtioWinIso)).to(WindowsConfig.class);
    }

    // --- building and rendering ------------------------------------------------------------------

    /** A spec with the release's recommended resources and an encrypted system disk. */
    VmSpec.Builder spec(Release release, String name) {
        Resources recommended = release.profile(virtioWin).descriptor().recommended();
        return VmSpec.builder(release.id, name).memory(recommended.memory()).cpus(recommended.cpus()).disk(DiskSpec.of(recommended.disk()));
    }

    static DomainDefinition define(Release release, Path driverIso, VmSpec spec, HostCapabilities host) {
        return Fixtures.define(release.profile(driverIso), spec, host, Fixtures.volumes(spec));
    }

    static String render(Release release, Path driverIso, VmSpec spec, HostCapabilities host) {
        return Fixtures.render(define(release, driverIso, spec, host), host);
    }

    /**
     * Per release: KVM with virtio-win (windows-11 installs from an ISO, Server 2022 has a plain
     * data disk too), emulated with virtio-win, and KVM without virtio-win (SATA + e1000e).
     */
    GoldenVariant variant(Release release, String kind) {
        String vm = release.id.replace("windows-server-", "srv").replace("windows-", "win");
        String name = release.id + "-" + kind;
        String xml = switch (kind) {
            case "kvm" -> {
                VmSpec.Builder spec = spec(release, vm);
                if (release == Release.WINDOWS_11) {
                    spec.installMedia(Path.of(ISO));
                    name += "-iso";
                }
                if (release == Release.SERVER_2022) {
                    spec.disk(new DiskSpec(ByteSize.ofGiB(100), false));
                }
                yield render(release, virtioWin, spec.build(), Fixtures.kvmHost());
            }
            case "emulated" -> render(release, virtioWin, spec(release, vm).build(), Fixtures.emulatedWindowsHost());
            case "no-virtio-win" -> render(release, missingVirtioWin, spec(release, vm).build(), Fixtures.kvmHost());
            default -> throw new IllegalArgumentException(kind);
        };
        // the temporary virtio-win path as it is on a host with the virtio-win package
        return new GoldenVariant(name, xml, virtioWin.toString(), WindowsConfig.DEFAULT_VIRTIO_WIN);
    }

    /** The golden variants, rendered afresh at each call. */
    Stream<GoldenVariant> variants() {
        return Stream.of(Release.values())
                .flatMap(r -> Stream.of("kvm", "emulated", "no-virtio-win").map(kind -> variant(r, kind)));
    }

    // --- reading the XML -----------------------------------------------------------------------------

    static List<Element> timers(Element domain) {
        return Fixtures.children(only(domain, "clock"), "timer");
    }

    static Element timer(Element domain, String name) {
        List<Element> found = timers(domain).stream().filter(t -> t.getAttribute("name").equals(name)).toList();
        assertEquals(1, found.size(), "timer " + name);
        return found.get(0);
    }
}
