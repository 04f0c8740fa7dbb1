package io.phyllome.host.libvirt.internal;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * Gives the calling thread libvirt's system identity, which the embedded driver needs to read a
 * disk key from its secret driver when it starts QEMU.
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
    }

    private static final ThreadLocal<Boolean> SET = ThreadLocal.withInitial(() -> false);
    private static volatile IdentityCalls calls;
    private static volatile boolean unavailable;

    private CallerIdentity() {
    }

    /** Makes sure the calling thread has the system identity; cheap after the first call per thread. */
    static void ensure() {
        if (SET.get() || unavailable) {
            return;
        }
        try {
            if (calls == null) {
                calls = Native.load("virt", IdentityCalls.class);
            }
            Pointer system = calls.virIdentityGetSystem();
            if (system != null && calls.virIdentitySetCurrent(system) == 0) {
                SET.set(true); // the thread holds the identity from now on; one per thread, never freed
            }
        } catch (UnsatisfiedLinkError e) {
            unavailable = true;
            LOG.log(System.Logger.Level.WARNING, "this libvirt does not export virIdentitySetCurrent: encrypted disks need the libvirt daemon");
        }
    }
}
