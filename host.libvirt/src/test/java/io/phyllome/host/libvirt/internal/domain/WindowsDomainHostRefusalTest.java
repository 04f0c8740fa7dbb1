package io.phyllome.host.libvirt.internal.domain;

import static io.phyllome.host.libvirt.internal.domain.LinuxDomainGoldenTest.elements;
import static io.phyllome.host.libvirt.internal.domain.WindowsDomains.define;
import static io.phyllome.host.libvirt.internal.domain.WindowsDomains.render;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;

import io.phyllome.host.libvirt.internal.domain.WindowsDomains.Host;
import io.phyllome.host.libvirt.internal.domain.WindowsDomains.Release;
import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.profile.ProfileException;

/**
 * Hosts that cannot run Windows: no Secure Boot firmware, or no TPM emulator where a TPM is needed,
 * refused naming the package.
 */
class WindowsDomainHostRefusalTest {

    @RegisterExtension
    static final WindowsDomains windows = new WindowsDomains();

    @ParameterizedTest
    @EnumSource(Release.class)
    void noSecureBootFirmwareNamesOvmf(Release release) {
        for (Host host : Host.values()) {
            HostCapabilities plainUefi = Fixtures.firmware(host.capabilities(), false, true);
            ProfileException e = assertThrows(ProfileException.class,
                    () -> define(release, windows.virtioWin(), windows.spec(release, "x").build(), plainUefi));
            assertTrue(e.getMessage().contains("ovmf"), e.getMessage());
            assertTrue(e.getMessage().contains(release.id), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(Release.class)
    void noTpmEmulatorNamesSwtpmWhereATpmIsNeeded(Release release) {
        for (Host host : Host.values()) {
            HostCapabilities noSwtpm = Fixtures.firmware(host.capabilities(), true, false);
            if (release.tpmRequired) {
                ProfileException e = assertThrows(ProfileException.class,
                        () -> define(release, windows.virtioWin(), windows.spec(release, "x").build(), noSwtpm));
                assertTrue(e.getMessage().contains("swtpm"), e.getMessage());
            } else {
                Document doc = Fixtures.parse(render(release, windows.virtioWin(), windows.spec(release, "x").build(), noSwtpm));
                assertTrue(elements(doc, "tpm").isEmpty());
                ProfileException e = assertThrows(ProfileException.class,
                        () -> define(release, windows.virtioWin(), windows.spec(release, "x").option("tpm", "on").build(), noSwtpm));
                assertTrue(e.getMessage().contains("swtpm"), e.getMessage());
            }
        }
    }
}
