package io.phyllome.host.core.transfer;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import io.phyllome.host.vm.VmException;

/**
 * Wraps disk keys with a passphrase for the trip to another host: PBKDF2-HMAC-SHA256 (600,000
 * iterations, as OWASP recommends) turns the passphrase and a random salt into an AES-256 key,
 * and AES-GCM encrypts each disk key with a fresh nonce, authenticated together with the disk's
 * file name so that wrapped keys cannot be swapped between disks.
 */
final class KeyWrap {

    static final String ALGORITHM = "PBKDF2WithHmacSHA256/AES-256-GCM";
    static final int ITERATIONS = 600_000;
    static final int MINIMUM_PASSPHRASE = 8;
    private static final int SALT_BYTES = 16;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] salt;
    private final int iterations;
    private final SecretKeySpec key;

    private KeyWrap(char[] passphrase, byte[] salt, int iterations) {
        this.salt = salt.clone();
        this.iterations = iterations;
        try {
            PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, 256);
            byte[] derived = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            spec.clearPassword();
            this.key = new SecretKeySpec(derived, "AES");
            Arrays.fill(derived, (byte) 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java lacks PBKDF2WithHmacSHA256", e);
        }
    }

    /** A wrapper for a new package, with a fresh salt. */
    static KeyWrap forExport(char[] passphrase) {
        if (passphrase.length < MINIMUM_PASSPHRASE) {
            throw new VmException("the passphrase is too short: give at least " + MINIMUM_PASSPHRASE + " characters");
        }
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new KeyWrap(passphrase, salt, ITERATIONS);
    }

    /** The wrapper a package was written with. */
    static KeyWrap forImport(char[] passphrase, String salt, int iterations) {
        return new KeyWrap(passphrase, Base64.getDecoder().decode(salt), iterations);
    }

    String salt() {
        return Base64.getEncoder().encodeToString(salt);
    }

    int iterations() {
        return iterations;
    }

    /** The disk key encrypted, as Base64 of nonce and ciphertext. */
    String wrap(String disk, byte[] diskKey) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, nonce, disk).doFinal(diskKey);
            byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }

    /** The disk key; the caller clears it. Fails on a wrong passphrase or a changed value. */
    byte[] unwrap(String disk, String wrapped) {
        byte[] in = Base64.getDecoder().decode(wrapped);
        if (in.length <= NONCE_BYTES) {
            throw new VmException("the wrapped key of " + disk + " is damaged: export the VM again");
        }
        try {
            return cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(in, NONCE_BYTES), disk).doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new VmException("the passphrase does not open the key of " + disk + ": give the passphrase the package was exported with");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String disk) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(disk.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return cipher;
    }
}
