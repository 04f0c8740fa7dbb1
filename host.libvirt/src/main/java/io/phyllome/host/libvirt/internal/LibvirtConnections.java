package io.phyllome.host.libvirt.internal;

import java.util.function.Consumer;

import org.libvirt.Connect;

/**
 * The hypervisor's libvirt connection as other components of this bundle follow it: what they
 * register on a connection (event callbacks) they register again on each new one, after libvirt
 * restarted. A service private to this bundle.
 */
public interface LibvirtConnections {

    /**
     * Calls {@code listener} with the open connection, if one is open, and then with every new
     * connection (the first, and each after a reconnect), on the thread that opened it. The same
     * connection may be given twice.
     *
     * @return stops following
     */
    Runnable follow(Consumer<Connect> listener);
}
