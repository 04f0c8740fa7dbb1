package io.phyllome.host.libvirt.internal.domain;

import static io.phyllome.host.libvirt.internal.domain.LinuxDomainGoldenTest.elements;
import static io.phyllome.host.libvirt.internal.domain.LinuxDomainGoldenTest.only;
import static io.phyllome.host.libvirt.internal.domain.WindowsDomains.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import io.phyllome.host.libvirt.internal.domain.WindowsDomains.Host;
import io.phyllome.host.libvirt.internal.domain.WindowsDomains.Release;
import io.phyllome.host.profile.ProfileException;

/** TPM 2.0: a CRB TPM for Windows 11 and Server 2025, for the others only with the tpm option, which only adds. */
class WindowsDomainTpmTest {

    @RegisterExtension
    static final WindowsDomains windows = new WindowsDomains();

    @ParameterizedTest
    @EnumSource(Release.class)
    void aCrbTpm2ForWindows11And2025OnlyUnlessTpmOn(Release release) {
        for (Host host : Host.values()) {
            Document doc = Fixtures.parse(render(release, windows.virtioWin(), windows.spec(release, "t").build(), host.capabilities()));
            assertEquals(release.tpmRequired, !elements(doc, "tpm").isEmpty(), release.id + " on " + host);
            if (release.tpmRequired) {
                assertCrbTpm2(doc);
            }
            Document withOption = Fixtures.parse(render(release, windows.virtioWin(), windows.spec(release, "t").option("tpm", "on").build(),
                    host.capabilities()));
            assertCrbTpm2(withOption);
        }
    }

    @Test
    void theTpmOptionOnlyAddsNeverRemoves() {
        Document off = Fixtures.parse(render(Release.WINDOWS_11, windows.virtioWin(),
                windows.spec(Release.WINDOWS_11, "t").option("tpm", "off").build(), Fixtures.kvmHost()));
        assertCrbTpm2(off);
        Document doc = Fixtures.parse(render(Release.WINDOWS_10, windows.virtioWin(),
                windows.spec(Release.WINDOWS_10, "t").option("tpm", "off").build(), Fixtures.kvmHost()));
        assertTrue(elements(doc, "tpm").isEmpty(), "tpm=off adds no TPM");
    }

    @Test
    void aTpmOptionOtherThanOnOrOffIsRefusedNotIgnored() {
        for (String value : List.of("yes", "ON", "")) {
            ProfileException e = assertThrows(ProfileException.class, () -> render(Release.WINDOWS_10, windows.virtioWin(),
                    windows.spec(Release.WINDOWS_10, "t").option("tpm", value).build(), Fixtures.kvmHost()));
            assertTrue(e.getMessage().contains("tpm=on or tpm=off"), e.getMessage());
        }
    }

    static void assertCrbTpm2(Document doc) {
        List<Element> tpms = elements(doc, "tpm");
        assertEquals(1, tpms.size());
        assertEquals("tpm-crb", tpms.get(0).getAttribute("model"));
        Element backend = only(tpms.get(0), "backend");
        assertEquals("emulator", backend.getAttribute("type"));
        assertEquals("2.0", backend.getAttribute("version"));
    }
}
