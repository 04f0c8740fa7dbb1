package io.phyllome.profiles.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.OsFamily;
import io.phyllome.host.vm.ByteSize;

/** The four releases, Ventura to Tahoe, and what they have in common. */
class MacOsProfileReleasesTest extends MacOsProfileTest {

    @Test
    void fourReleasesFromVenturaToTahoe() {
        List<GuestProfile> profiles = List.of(new MacOsVenturaProfile(config("")), new MacOsSonomaProfile(config("")),
                new MacOsSequoiaProfile(config("")), new MacOsTahoeProfile(config("")));
        assertEquals(List.of("macos-ventura", "macos-sonoma", "macos-sequoia", "macos-tahoe"), profiles.stream().map(p -> p.descriptor().id()).toList());
        assertEquals(MacOsProfile.ids(), profiles.stream().map(p -> p.descriptor().id()).toList());
        assertEquals(List.of("macOS 13 Ventura", "macOS 14 Sonoma", "macOS 15 Sequoia", "macOS 26 Tahoe"),
                profiles.stream().map(p -> p.descriptor().displayName()).toList());
        for (GuestProfile p : profiles) {
            assertEquals(OsFamily.MACOS, p.descriptor().family());
            assertEquals(ByteSize.ofGiB(8), p.descriptor().recommended().memory(), "8 GiB recommended");
            assertEquals(4, p.descriptor().recommended().cpus());
            assertEquals(List.of(), p.descriptor().osinfoIds(), "libosinfo knows no macOS after 10.x");
            assertEquals(Set.of("opencore", "recovery", "nic", "video"), p.options().keySet());
        }
    }
}
