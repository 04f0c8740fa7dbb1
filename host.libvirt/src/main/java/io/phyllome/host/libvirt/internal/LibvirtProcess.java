package io.phyllome.host.libvirt.internal;

import org.libvirt.Connect;
import org.libvirt.Library;
import org.libvirt.LibvirtException;
import org.libvirt.jna.Libvirt.VirErrorCallback;

/**
 * What libvirt needs in this process while connections are open: its default event loop on a
 * daemon thread (the embedded driver needs it to see its guests' QEMU processes), and an error
 * handler that keeps libvirt from printing errors that reach the platform as exceptions anyway.
 *
 * <p>The event loop runs only while a connection is open. Its thread waits in libvirt's native
 * poll(), and a JVM that exits waits up to 300 ms for threads in native code to come back
 * (HotSpot's VM_Exit), which every one-shot command would pay; so the last connection to close
 * stops the loop, and the next to open starts it again.
 */
final class LibvirtProcess {

    private static final System.Logger LOG = System.getLogger(LibvirtProcess.class.getName());
    /** Held strongly: libvirt calls it through JNA for as long as the process lives. */
    private static final VirErrorCallback SILENT = (userData, error) -> {
    };
    private static boolean initialized;
    private static Thread eventLoop;
    private static int connections;

    private LibvirtProcess() {
    }

    /** Before a connection opens: sets libvirt up once and runs its event loop. Pair with {@link #release()}. */
    static synchronized void acquire() throws LibvirtException {
        if (!initialized) {
            Connect.setErrorCallback(SILENT);
            Library.initEventLoop();
            initialized = true;
        }
        if (eventLoop == null) {
            eventLoop = new Thread(LibvirtProcess::runEventLoop, "libvirt-event-loop");
            eventLoop.setDaemon(true);
            eventLoop.start();
        }
        connections++;
    }

    /** After a connection closed (or failed to open): stops the event loop when it was the last. */
    static synchronized void release() {
        if (connections == 0 || --connections > 0 || eventLoop == null) {
            return;
        }
        try {
            // the loop marks itself running when its thread starts, and a stop that comes before
            // that is lost: stop again until the thread has ended (at most a second)
            for (int i = 0; i < 20 && eventLoop.isAlive(); i++) {
                Library.stopEventLoop();
                eventLoop.join(50);
            }
        } catch (LibvirtException e) {
            LOG.log(System.Logger.Level.WARNING, "stopping libvirt's event loop: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        eventLoop = null; // a loop that did not end yet ends at its next event
    }

    /** The event loop's thread, or null when it is stopped (for tests). */
    static synchronized Thread eventLoopThread() {
        return eventLoop;
    }

    private static void runEventLoop() {
        try {
            Library.runEventLoop();
        } catch (LibvirtException e) {
            LOG.log(System.Logger.Level.ERROR, "libvirt event loop ended: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
