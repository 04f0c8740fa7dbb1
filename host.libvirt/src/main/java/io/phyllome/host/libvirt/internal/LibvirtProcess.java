package io.phyllome.host.libvirt.internal;

import org.libvirt.Connect;
import org.libvirt.Library;
import org.libvirt.LibvirtException;
import org.libvirt.jna.Libvirt.VirErrorCallback;

/**
 * What libvirt needs once per process, before a connection opens: its default event loop on a
 * daemon thread (the embedded driver needs it to see its guests' QEMU processes), and an error
 * handler that keeps libvirt from printing errors that reach the platform as exceptions anyway.
 */
final class LibvirtProcess {

    /** Held strongly: libvirt calls it through JNA for as long as the process lives. */
    private static final VirErrorCallback SILENT = (userData, error) -> {
    };
    private static Thread eventLoop;

    private LibvirtProcess() {
    }

    static synchronized void ensureInitialized() throws LibvirtException {
        if (eventLoop != null) {
            return;
        }
        Connect.setErrorCallback(SILENT);
        Library.initEventLoop();
        eventLoop = new Thread(LibvirtProcess::runEventLoop, "libvirt-event-loop");
        eventLoop.setDaemon(true);
        eventLoop.start();
    }

    private static void runEventLoop() {
        try {
            Library.runEventLoop();
        } catch (LibvirtException e) {
            System.getLogger(LibvirtProcess.class.getName()).log(System.Logger.Level.ERROR, "libvirt event loop ended: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
