package io.phyllome.host.libvirt.internal;

import org.libvirt.Library;
import org.libvirt.LibvirtException;

/**
 * libvirt's default event loop on a daemon thread. The embedded driver needs it to see its
 * guests' QEMU processes; it must run before a connection opens.
 */
final class EventLoop {

    private static Thread thread;

    private EventLoop() {
    }

    static synchronized void ensureRunning() throws LibvirtException {
        if (thread != null) {
            return;
        }
        Library.initEventLoop();
        thread = new Thread(EventLoop::run, "libvirt-event-loop");
        thread.setDaemon(true);
        thread.start();
    }

    private static void run() {
        try {
            Library.runEventLoop();
        } catch (LibvirtException e) {
            System.getLogger(EventLoop.class.getName()).log(System.Logger.Level.ERROR, "libvirt event loop ended: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
