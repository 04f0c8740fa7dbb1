package io.phyllome.host.core.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;


/** Two profiles with one id: the bundle installed later is the one ignored and reported, in either order. */
class ProfileRegistryTest {

    private final FakeProfile builtIn = new FakeProfile("linux", (c, d) -> { });
    private final FakeProfile newcomer = new FakeProfile("linux", (c, d) -> { });

    @Test
    void theNewcomerIsBlamedWhenItRegistersSecond() {
        ProfileRegistry registry = new ProfileRegistry();
        registry.addProfile(builtIn, properties("io.phyllome.profiles.linux.LinuxProfile", 5));
        registry.addProfile(newcomer, properties("com.acme.AcmeProfile", 40));
        assertBuiltInKept(registry);
    }

    @Test
    void theNewcomerIsBlamedWhenItRegistersFirst() {
        // at a start, a restored vendor bundle may register before the built-in one
        ProfileRegistry registry = new ProfileRegistry();
        registry.addProfile(newcomer, properties("com.acme.AcmeProfile", 40));
        registry.addProfile(builtIn, properties("io.phyllome.profiles.linux.LinuxProfile", 5));
        assertBuiltInKept(registry);
    }

    private static void assertBuiltInKept(ProfileRegistry registry) {
        assertFalse(registry.faults().containsKey("linux"), registry.faults()::toString);
        String fault = registry.faults().get("com.acme.AcmeProfile");
        assertTrue(fault != null && fault.contains("'linux'") && fault.contains("io.phyllome.profiles.linux.LinuxProfile"), registry.faults()::toString);
        assertEquals(1, registry.list().size());
    }

    @Test
    void theKeptOneIsTheBuiltIn() {
        ProfileRegistry registry = new ProfileRegistry();
        registry.addProfile(newcomer, properties("com.acme.AcmeProfile", 40));
        registry.addProfile(builtIn, properties("io.phyllome.profiles.linux.LinuxProfile", 5));
        assertSame(builtIn, registry.find("linux").orElseThrow());
    }

    private static Map<String, Object> properties(String component, long bundle) {
        return Map.of("component.name", component, "service.bundleid", bundle);
    }
}
