package io.phyllome.host.libvirt.internal.domain;

import static io.phyllome.host.libvirt.internal.domain.LinuxDomainGoldenTest.only;
import static io.phyllome.host.libvirt.internal.domain.WindowsDomains.ISO;
import static io.phyllome.host.libvirt.internal.domain.Fixtures.children;
import static io.phyllome.host.libvirt.internal.domain.WindowsDomains.render;
import static io.phyllome.host.libvirt.internal.domain.WindowsDomains.timer;
import static io.phyllome.host.libvirt.internal.domain.WindowsDomains.timers;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import io.phyllome.host.libvirt.internal.domain.WindowsDomains.Release;
import io.phyllome.host.profile.ProfileDescriptor;

/**
 * The four Windows profiles' domain XML ({@link WindowsDomains}) in every golden variant: compared
 * with its golden file, validated against libvirt's schema (with the options and hosts the golden
 * files leave out, too), and what every variant must say asserted independently of the golden
 * files: Secure Boot with enrolled keys and SMM on q35, the clock and timers Windows wants.
 * Regenerate the goldens with {@code -Dgolden.update=true} and review them by eye.
 */
class WindowsDomainGoldenTest extends DomainGoldenTest {

    @RegisterExtension
    static final WindowsDomains windows = new WindowsDomains();

    @Override
    Stream<GoldenVariant> variants() {
        return windows.variants();
    }

    @Test
    void extraVariantsAreValidLibvirtXmlToo() {
        for (Release release : Release.values()) {
            // the option that adds a TPM, the emulated host without drivers, and an ISO on SATA disks
            Fixtures.assertValidDomain(render(release, windows.virtioWin(), windows.spec(release, "t").option("tpm", "on").build(),
                    Fixtures.kvmHost()), tmp);
            Fixtures.assertValidDomain(render(release, windows.missingVirtioWin(), windows.spec(release, "e").installMedia(Path.of(ISO)).build(),
                    Fixtures.emulatedWindowsHost()), tmp);
        }
    }

    @Test
    void theComponentsRegisterTheFourReleases() {
        for (Release release : Release.values()) {
            ProfileDescriptor descriptor = release.profile(windows.virtioWin()).descriptor();
            assertEquals(release.id, descriptor.id());
            assertEquals(List.of(release.osinfo), descriptor.osinfoIds());
            Document doc = Fixtures.parse(windows.variant(release, "kvm").xml());
            assertEquals(release.osinfo, ((Element) doc.getElementsByTagNameNS(MetadataXml.LIBOSINFO_NS, "os").item(0)).getAttribute("id"));
            assertEquals(release.id, ((Element) doc.getElementsByTagNameNS(MetadataXml.PHYLLOME_NS, "profile").item(0)).getAttribute("id"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void secureBootWithEnrolledKeysAndSmmOnQ35(GoldenVariant variant) {
        Element domain = Fixtures.parse(variant.xml()).getDocumentElement();
        Element os = only(domain, "os");
        assertEquals("efi", os.getAttribute("firmware"));
        assertEquals("q35", only(os, "type").getAttribute("machine"));
        Map<String, String> features = new java.util.TreeMap<>();
        for (Element f : children(only(os, "firmware"))) {
            features.put(f.getAttribute("name"), f.getAttribute("enabled"));
        }
        assertEquals(Map.of("secure-boot", "yes", "enrolled-keys", "yes"), features);
        assertEquals("on", only(only(domain, "features"), "smm").getAttribute("state"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void windowsClockAndTimers(GoldenVariant variant) {
        Element domain = Fixtures.parse(variant.xml()).getDocumentElement();
        assertEquals("localtime", only(domain, "clock").getAttribute("offset"));
        assertEquals("catchup", timer(domain, "rtc").getAttribute("tickpolicy"));
        assertEquals("delay", timer(domain, "pit").getAttribute("tickpolicy"));
        assertEquals("no", timer(domain, "hpet").getAttribute("present"));
    }
}
