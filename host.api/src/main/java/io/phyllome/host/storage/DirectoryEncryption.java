package io.phyllome.host.storage;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The second layer under the disks' own encryption: file-system encryption (fscrypt) of the state
 * directories that hold disks, firmware variables and TPM state. Optional: where the file system
 * cannot do it, the platform says how to get it and carries on.
 */
@ProviderType
public interface DirectoryEncryption {

    /** The directories the platform would protect, and how each stands. */
    List<ProtectedDirectory> status();

    /**
     * Protects every directory that is not protected yet with a passphrase the user chooses (and
     * needs again to unlock them after a reboot). A directory must be empty to be protected.
     * The passphrase is UTF-8 text; the caller clears its array afterwards.
     *
     * @return the new status
     */
    List<ProtectedDirectory> protect(byte[] passphrase);

    /** Unlocks the protected directories after a reboot. */
    List<ProtectedDirectory> unlock(byte[] passphrase);
}
