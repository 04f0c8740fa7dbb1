package io.phyllome.host.libvirt.internal;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * Gives the calling thread what the embedded driver needs to read a disk key from its secret
 * driver when it starts QEMU: libvirt's system identity, and the embedded secret connection as
 * the thread's secret connection (without it libvirt opens {@code secret:///system}, which is
 * the daemon's, or no one's on a host without one).
 *
 * <p>libvirt's daemons set an identity on each thread that serves a client; a process that embeds
 * the driver calls it on its own threads, which have none, and starting a VM with an encrypted
 * disk fails with "No current identity to elevate". libvirt exports the two calls the daemons use
 * (in its private symbol set, so a libvirt without them makes this a no-op and encrypted disks
 * under the embedded driver fail with libvirt's message).
 */
final class CallerIdentity {

    private static final System.Logger LOG = System.getLogger(CallerIdentity.class.getName());

    /** The libvirt calls, by their unversioned names. */
    interface IdentityCalls extends Library {
        Pointer virIdentityGetSystem();

        int virIdentitySetCurrent(Pointer identity);

        int virSetConnectSecret(Pointer connection);
    }

    private static final ThreadLocal<Boolean> SET = ThreadLocal.withInitial(() -> false);
    private static final ThreadLocal<Pointer> SECRETS = new ThreadLocal<>();
    private static volatile IdentityCalls calls;
    private static volatile boolean unavailable;

    private CallerIdentity() {
    }

    /**
     * Makes sure the calling thread has the system identity and {@code secrets} as its secret
     * connection, or, when {@code secrets} is null, none of its own (libvirt then opens the
     * registered one); cheap after the first call per thread.
     */
    static void ensure(EmbeddedSecretConnect secrets) {
        if (unavailable) {
            return;
        }
        try {
            if (calls == null) {
                calls = Native.load("virt", IdentityCalls.class);
            }
            if (!SET.get()) {
                Pointer system = calls.virIdentityGetSystem();
                if (system != null && calls.virIdentitySetCurrent(system) == 0) {
                    SET.set(true); // the thread holds the identity from now on; one per thread, never freed
                }
            }
            Pointer handle = secrets == null ? null : secrets.handle();
            Pointer current = SECRETS.get();
            if (handle != null && !handle.equals(current) && calls.virSetConnectSecret(handle) == 0) {
                SECRETS.set(handle); // libvirt keeps no reference: the connection lives as long as the adapter
            } else if (handle == null && current != null && calls.virSetConnectSecret(null) == 0) {
                // libvirt keeps the raw pointer: left set, it points at a secret connection an
                // earlier adapter has closed, and the next key look-up fails with "invalid connection pointer"
                SECRETS.remove();
            }
        } catch (UnsatisfiedLinkError e) {
            unavailable = true;
            LOG.log(System.Logger.Level.WARNING, "this libvirt does not export virIdentitySetCurrent: encrypted disks need the libvirt daemon");
        }
    }
}
