package io.phyllome.profiles.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.phyllome.host.profile.ProfileException;

/** The Apple SMC key: the user's to give, 64 printable characters, and a warning when it is not Apple's. */
class MacOsProfileKeyTest extends MacOsProfileTest {

    @Test
    void noKeyNamesTheMediumItsChecksumAndTheConfiguration() {
        ProfileException e = refused(sonoma(""), spec().build(), kvmHost(HOST_CPU));
        assertTrue(e.getMessage().contains("Apple SMC key") && e.getMessage().contains("does not ship"), e.getMessage());
        assertTrue(e.getMessage().contains("media:import --name apple-smc.key FILE " + MacOsMedia.OSK_SHA256 + " "), e.getMessage());
        assertTrue(MacOsMedia.OSK_SHA256.matches("[0-9a-f]{64}"), "the whole SHA-256 that media:import needs, not a prefix");
        assertTrue(e.getMessage().contains(MacOsConfig.PID), e.getMessage());
    }

    @Test
    void aKeyOfTheWrongLengthIsRefused() {
        ProfileException e = refused(sonoma("too short"), spec().build(), kvmHost(HOST_CPU));
        assertTrue(e.getMessage().contains("has 9 characters, not 64"), e.getMessage());
        e = refused(sonoma(STAND_IN_KEY.substring(1) + "\u00e9"), spec().build(), kvmHost(HOST_CPU));
        assertTrue(e.getMessage().contains("printable ASCII"), e.getMessage());
    }

    @Test
    void aKeyThatIsNotApplesIsAWarning() {
        List<String> warnings = warnings(sonomaOnKvm(b -> b));
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).contains("not the one macOS checks for") && warnings.get(0).contains(MacOsConfig.PID), warnings.get(0));
        assertFalse(new MacOsMedia.Key(STAND_IN_KEY, "test").genuine());
    }
}
