package io.phyllome.host.profiles.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.slf4j.spi.SLF4JServiceProvider;

/** The embedded validator's slf4j finds the silent provider this bundle names, so nothing is printed on stderr. */
class EmbeddedLoggingTest {

    @Test
    void theNamedProviderExistsAndInstantiates() {
        List<String> providers = ServiceLoader.load(SLF4JServiceProvider.class, ProfileJson.class.getClassLoader()).stream()
                .map(p -> p.get().getClass().getName()).toList();
        assertEquals(List.of("org.slf4j.helpers.NOP_FallbackServiceProvider"), providers);
    }
}
