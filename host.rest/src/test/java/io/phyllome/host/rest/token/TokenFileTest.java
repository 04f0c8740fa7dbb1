package io.phyllome.host.rest.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.phyllome.host.access.ApiTokens;

class TokenFileTest {

    @TempDir
    Path dir;

    @Test
    void aTokenIsShownOnceStoredOnlyAsASaltedHashAndEndsWhenRevoked() throws Exception {
        Path file = dir.resolve("rest").resolve("tokens.json");
        TokenFile tokens = new TokenFile(file);
        String ci = tokens.create("ci");
        String admin = tokens.create("admin");

        assertEquals(Optional.of("ci"), tokens.verify(ci));
        assertEquals(Optional.of("admin"), tokens.verify(admin));
        assertEquals(Optional.empty(), tokens.verify(ci + "x"));
        assertEquals(Optional.empty(), tokens.verify("Bearer " + ci));
        assertEquals(List.of("ci", "admin"), tokens.list().stream().map(ApiTokens.TokenInfo::name).toList());

        String stored = Files.readString(file);
        assertFalse(stored.contains(ci.substring(4)), "the token itself is never stored");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));

        assertTrue(tokens.revoke("ci"));
        assertFalse(tokens.revoke("ci"));
        assertEquals(Optional.empty(), tokens.verify(ci));
        assertEquals(Optional.of("admin"), new TokenFile(file).verify(admin), "another process reads the same file");
    }

    @Test
    void aTakenOrBadNameIsRefusedWithTheFix() {
        TokenFile tokens = new TokenFile(dir.resolve("tokens.json"));
        tokens.create("ci");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> tokens.create("ci")).getMessage().contains("host:token revoke ci"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> tokens.create("a b")).getMessage().contains("not a token name"));
    }

    @Test
    void aRevocationInAnotherProcessCountsAtOnce() throws Exception {
        Path file = dir.resolve("tokens.json");
        TokenFile service = new TokenFile(file);
        String token = service.create("ci");
        assertTrue(service.verify(token).isPresent());
        Thread.sleep(20); // a later modification time than the service's read
        assertTrue(new TokenFile(file).revoke("ci"));
        assertEquals(Optional.empty(), service.verify(token));
    }
}
