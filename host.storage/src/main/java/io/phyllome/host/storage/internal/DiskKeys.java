package io.phyllome.host.storage.internal;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/** Fresh disk keys: 256 random bits as Base64 text, since QEMU requires a secret to be UTF-8. */
final class DiskKeys {

    static final int KEY_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private DiskKeys() {
    }

    /** A new key as UTF-8 bytes; the caller clears the array when done. */
    static byte[] newKey() {
        byte[] raw = new byte[KEY_BITS / 8];
        RANDOM.nextBytes(raw);
        byte[] text = Base64.getEncoder().encode(raw);
        Arrays.fill(raw, (byte) 0);
        return text;
    }
}
