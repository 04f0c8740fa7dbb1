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

        KeyWrap again = KeyWrap.forImport(PASSPHRASE, export.salt(), export.iterations());

        assertArrayEquals(KEY, again.unwrap("disks/disk-0.qcow2", wrapped));
        assertFalse(wrapped.contains(new String(KEY, StandardCharsets.UTF_8)), "the key is not in clear in its wrapping");
    }

    @Test
    void aWrongPassphraseIsRefusedWithoutTheKeyInTheMessage() {
        KeyWrap export = KeyWrap.forExport(PASSPHRASE);
        String wrapped = export.wrap("disks/disk-0.qcow2", KEY);

        KeyWrap wrong = KeyWrap.forImport("not the passphrase".toCharArray(), export.salt(), export.iterations());
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
}
