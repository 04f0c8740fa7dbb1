package io.phyllome.host.libvirt.internal.domain;

import static io.phyllome.host.libvirt.internal.domain.LinuxDomainGoldenTest.elements;
import static io.phyllome.host.libvirt.internal.domain.LinuxDomainGoldenTest.only;
import static io.phyllome.host.libvirt.internal.domain.MacOsDomains.STAND_IN_KEY;
import static io.phyllome.host.libvirt.internal.domain.MacOsDomains.render;
import static io.phyllome.host.libvirt.internal.domain.Fixtures.children;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.phyllome.host.libvirt.internal.domain.MacOsDomains.Host;
import io.phyllome.host.libvirt.internal.domain.MacOsDomains.Release;

/**
 * The four macOS profiles' domain XML ({@link MacOsDomains}) in every golden variant: compared with
 * its golden file, validated against libvirt's schema (which knows {@code <qemu:commandline>}; with
 * the options the golden files leave out, too), and what every variant must say asserted
 * independently of the golden files: the isa-applesmc device through {@code <qemu:commandline>},
 * which only the macOS profiles use, and the community's device set.
 * Regenerate the goldens with {@code -Dgolden.update=true} and review them by eye.
 */
class MacOsDomainGoldenTest extends DomainGoldenTest {

    @RegisterExtension
    static final MacOsDomains macos = new MacOsDomains();

    @Override
    Stream<GoldenVariant> variants() {
        return macos.variants();
    }

    @Test
    void theOptionsAndAnInstallIsoAreValidLibvirtXmlToo() {
        for (Host host : Host.values()) {
            Fixtures.assertValidDomain(render(Release.SONOMA, macos.spec(Release.SONOMA, "o").option("nic", "vmxnet3").option("video", "vga")
                    .installMedia(Path.of("/srv/iso/extra.iso")).build(), host.capabilities()), tmp);
        }
    }

    @Test
    void theSchemaCheckRejectsAMisspelledQemuNamespace() {
        String xml = macos.variant(Release.SONOMA, Host.KVM).xml().replace("<qemu:arg ", "<qemu:argument ");
        assertThrows(AssertionError.class, () -> Fixtures.assertValidDomain(xml, tmp));
    }

    @ParameterizedTest
    @EnumSource(Release.class)
    void theComponentsRegisterTheFourReleases(Release release) {
        assertEquals(release.id, release.profile("").descriptor().id());
        assertEquals(release.name, release.profile("").descriptor().displayName());
        Document doc = macos.doc(release, Host.KVM);
        assertEquals(release.id, ((Element) doc.getElementsByTagNameNS(MetadataXml.PHYLLOME_NS, "profile").item(0)).getAttribute("id"));
        assertEquals(0, doc.getElementsByTagNameNS(MetadataXml.LIBOSINFO_NS, "os").getLength(), "libosinfo has no id for it");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void theAppleSmcOnQemusCommandLineInLibvirtsQemuNamespace(GoldenVariant variant) {
        Element domain = Fixtures.parse(variant.xml()).getDocumentElement();
        assertEquals(QemuCommandLineXml.QEMU_NS, domain.getAttribute("xmlns:qemu"));
        NodeList commandlines = domain.getElementsByTagNameNS(QemuCommandLineXml.QEMU_NS, "commandline");
        assertEquals(1, commandlines.getLength());
        Element commandline = (Element) commandlines.item(0);
        assertEquals(domain, commandline.getParentNode());
        assertEquals("devices", ((Element) commandline.getPreviousSibling().getPreviousSibling()).getTagName(), "after <devices>");
        List<String> args = children(commandline).stream().map(a -> a.getAttribute("value")).toList();
        assertEquals(List.of("-device", "isa-applesmc,osk=" + STAND_IN_KEY), args);
    }

    @Test
    void otherProfilesHaveNoQemuNamespaceNorCommandLine() {
        String linux = LinuxDomainGoldenTest.kvmIso();
        assertFalse(linux.contains("xmlns:qemu") || linux.contains("qemu:commandline"), linux);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void theCommunitysDeviceSet(GoldenVariant variant) {
        Document doc = Fixtures.parse(variant.xml());
        Element domain = doc.getDocumentElement();
        Element os = only(domain, "os");
        assertEquals("efi", os.getAttribute("firmware"));
        assertEquals("q35", only(os, "type").getAttribute("machine"));
        for (Element feature : children(only(os, "firmware"))) {
            assertEquals("no", feature.getAttribute("enabled"), "no Secure Boot: " + feature.getAttribute("name"));
        }
        assertEquals(0, only(domain, "features").getElementsByTagName("smm").getLength());
        assertEquals("utc", only(domain, "clock").getAttribute("offset"));
        assertEquals(0, doc.getElementsByTagName("tpm").getLength(), "no TPM");
        assertEquals(0, doc.getElementsByTagName("hyperv").getLength());
        assertEquals("virtio", only(elements(doc, "interface").get(0), "model").getAttribute("type"));
        assertEquals("vmvga", only(elements(doc, "video").get(0), "model").getAttribute("type"));
        assertEquals("ich9", elements(doc, "sound").get(0).getAttribute("model"));
        assertEquals("qemu-xhci", elements(doc, "controller").get(0).getAttribute("model"));
        assertEquals(List.of("tablet/usb", "keyboard/usb"),
                elements(doc, "input").stream().map(i -> i.getAttribute("type") + "/" + i.getAttribute("bus")).toList());
        assertEquals("127.0.0.1", only(elements(doc, "graphics").get(0), "listen").getAttribute("address"));
    }

    @Test
    void vmxnet3AndVgaAsOptions() {
        Document doc = Fixtures.parse(render(Release.VENTURA,
                macos.spec(Release.VENTURA, "o").option("nic", "vmxnet3").option("video", "vga").build(), Host.KVM.capabilities()));
        assertEquals("vmxnet3", only(elements(doc, "interface").get(0), "model").getAttribute("type"));
        assertEquals("vga", only(elements(doc, "video").get(0), "model").getAttribute("type"));
    }
}
