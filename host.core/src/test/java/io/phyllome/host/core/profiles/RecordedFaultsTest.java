package io.phyllome.host.core.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recorded fault holds for the same bundle version in a later process, and an update clears it. */
class RecordedFaultsTest {

    @TempDir
    Path state;

    @Test
    void aFaultHoldsUntilTheBundleChanges() {
        new RecordedFaults(state.resolve("profile-faults")).record("broken", "com.acme.broken 1.0.0", "threw the vendor's bug");

        RecordedFaults later = new RecordedFaults(state.resolve("profile-faults")); // another process
        assertEquals(Optional.of("threw the vendor's bug"), later.of("broken", "com.acme.broken 1.0.0"));
        assertEquals(Optional.of("threw the vendor's bug"), later.of("broken", "com.acme.broken 1.0.0"));

        assertEquals(Optional.empty(), later.of("broken", "com.acme.broken 1.0.1"));
        assertFalse(Files.exists(state.resolve("profile-faults/broken.properties")));
        assertEquals(Optional.empty(), later.of("broken", "com.acme.broken 1.0.0"));
    }

    @Test
    void anIdThatIsNoFileNameIsNotRecorded() {
        new RecordedFaults(state).record("../escape", "b 1", "x");
        assertTrue(Files.notExists(state.getParent().resolve("escape.properties")));
    }
}
