package io.phyllome.host.core.transfer;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import io.phyllome.host.vm.VmException;

/**
 * Protects a package with its passphrase: PBKDF2-HMAC-SHA256 (600,000 iterations, as OWASP
 * recommends) turns the passphrase and a random salt into 512 bits, an AES-256 key and an
 * HMAC-SHA256 key. AES-GCM encrypts each disk key with a fresh nonce, authenticated together with
 * the disk's file name; the HMAC seals the package's manifest, so that nobody without the
 * passphrase can change a file of the package and its checksum.
 */
final class KeyWrap {

    static final String ALGORITHM = "PBKDF2WithHmacSHA256/AES-256-GCM/HmacSHA256";
    static final int ITERATIONS = 600_000;
    /** What an import accepts: a package cannot make it derive for hours, nor with next to no work. */
    private static final int MIN_ITERATIONS = 100_000;
    private static final int MAX_ITERATIONS = 10_000_000;
    static final int MINIMUM_PASSPHRASE = 8;
    private static final int SALT_BYTES = 16;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] salt;
    private final int iterations;
    private final SecretKeySpec key;
    private final SecretKeySpec sealKey;

    private KeyWrap(char[] passphrase, byte[] salt, int iterations) {
        this.salt = salt.clone();
        this.iterations = iterations;
        try {
            PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, 512);
            byte[] derived = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            spec.clearPassword();
            this.key = new SecretKeySpec(derived, 0, 32, "AES");
            this.sealKey = new SecretKeySpec(derived, 32, 32, "HmacSHA256");
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

    /** The wrapper a package was written with; refuses parameters no export writes. */
    static KeyWrap forImport(char[] passphrase, String salt, String iterations) {
        int rounds;
        byte[] saltBytes;
        try {
            rounds = Integer.parseInt(iterations);
            saltBytes = Base64.getDecoder().decode(salt);
        } catch (IllegalArgumentException e) {
            throw new VmException("the package's key parameters are damaged: export the VM again");
        }
        if (rounds < MIN_ITERATIONS || rounds > MAX_ITERATIONS || saltBytes.length != SALT_BYTES) {
            throw new VmException("the package's key parameters (" + rounds + " iterations, a " + saltBytes.length
                    + "-byte salt) are not ones the platform writes: export the VM again");
        }
        return new KeyWrap(passphrase, saltBytes, rounds);
    }

    /** The seal of a manifest: HMAC-SHA256, hex. */
    String seal(byte[] manifest) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(sealKey);
            return HexFormat.of().formatHex(mac.doFinal(manifest));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 failed", e);
        }
    }

    /** Fails unless {@code seal} is this passphrase's seal of {@code manifest}. */
    void checkSeal(byte[] manifest, String seal) {
        if (!MessageDigest.isEqual(seal(manifest).getBytes(StandardCharsets.US_ASCII), seal.trim().getBytes(StandardCharsets.US_ASCII))) {
            throw new VmException("the passphrase does not open the package: give the passphrase it was exported with (if it is that one,"
                    + " the package was modified after its export: copy it again from its source)");
        }
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
        cipher.updateAAD(disk.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
