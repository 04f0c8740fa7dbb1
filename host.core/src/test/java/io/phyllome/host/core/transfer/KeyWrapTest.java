package io.phyllome.host.core.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.phyllome.host.vm.VmException;

class KeyWrapTest {

    private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();
    private static final byte[] KEY = "bXkgZGlzayBrZXkgb2YgdGhpcnR5LXR3byBieXRlcw==".getBytes(StandardCharsets.UTF_8);

    @Test
    void unwrapsWhatItWrappedWithTheSamePassphraseAndSalt() {
        KeyWrap export = KeyWrap.forExport(PASSPHRASE);
        String wrapped = export.wrap("disks/disk-0.qcow2", KEY);

        KeyWrap again = KeyWrap.forImport(PASSPHRASE, export.salt(), String.valueOf(export.iterations()));

        assertArrayEquals(KEY, again.unwrap("disks/disk-0.qcow2", wrapped));
        assertFalse(wrapped.contains(new String(KEY, StandardCharsets.UTF_8)), "the key is not in clear in its wrapping");
    }

    @Test
    void aWrongPassphraseIsRefusedWithoutTheKeyInTheMessage() {
        KeyWrap export = KeyWrap.forExport(PASSPHRASE);
        String wrapped = export.wrap("disks/disk-0.qcow2", KEY);

        KeyWrap wrong = KeyWrap.forImport("not the passphrase".toCharArray(), export.salt(), String.valueOf(export.iterations()));
        VmException e = assertThrows(VmException.class, () -> wrong.unwrap("disks/disk-0.qcow2", wrapped));

        assertTrue(e.getMessage().contains("passphrase"), e.getMessage());
        assertFalse(e.getMessage().contains(new String(KEY, StandardCharsets.UTF_8)));
    }

    @Test
    void aKeyDoesNotOpenAnotherDisk() {
        KeyWrap export = KeyWrap.forExport(PASSPHRASE);
        String wrapped = export.wrap("disks/disk-0.qcow2", KEY);

        assertThrows(VmException.class, () -> export.unwrap("disks/disk-1.qcow2", wrapped));
    }

    @Test
    void eachPackageGetsItsOwnSaltAndEachKeyItsOwnNonce() {
        KeyWrap one = KeyWrap.forExport(PASSPHRASE);
        KeyWrap two = KeyWrap.forExport(PASSPHRASE);

        assertNotEquals(one.salt(), two.salt());
        assertNotEquals(one.wrap("d", KEY), one.wrap("d", KEY));
    }

    @Test
    void aShortPassphraseIsRefused() {
        VmException e = assertThrows(VmException.class, () -> KeyWrap.forExport("short".toCharArray()));
        assertTrue(e.getMessage().contains("at least " + KeyWrap.MINIMUM_PASSPHRASE), e.getMessage());
    }

    @Test
    void theSealProvesTheManifestAndThePassphrase() {
        KeyWrap export = KeyWrap.forExport(PASSPHRASE);
        byte[] manifest = "abc  vm.properties\n".getBytes(StandardCharsets.UTF_8);
        String seal = export.seal(manifest);

        KeyWrap.forImport(PASSPHRASE, export.salt(), String.valueOf(export.iterations())).checkSeal(manifest, seal);
        assertThrows(VmException.class, () -> export.checkSeal("abd  vm.properties\n".getBytes(StandardCharsets.UTF_8), seal));
        KeyWrap wrong = KeyWrap.forImport("not the passphrase".toCharArray(), export.salt(), String.valueOf(export.iterations()));
        assertTrue(assertThrows(VmException.class, () -> wrong.checkSeal(manifest, seal)).getMessage().contains("passphrase"));
    }

    @Test
    void parametersNoExportWritesAreRefused() {
        String salt = KeyWrap.forExport(PASSPHRASE).salt();
        for (String iterations : new String[] { "2147483647", "0", "-5", "lots" }) {
            assertThrows(VmException.class, () -> KeyWrap.forImport(PASSPHRASE, salt, iterations), iterations);
        }
        assertThrows(VmException.class, () -> KeyWrap.forImport(PASSPHRASE, "c2hvcnQ=", "600000"), "a short salt");
    }
}
