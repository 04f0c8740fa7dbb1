package io.phyllome.host.libvirt.internal;

import java.lang.ref.Reference;

import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * libvirt-java frees a domain's pointer in its finalizer, which may run as soon as the object is
 * no longer reachable, also while a native call still uses the pointer ("invalid domain pointer"
 * under load). Every call on a domain goes through {@link #on}, which keeps the object reachable
 * to the call's end.
 */
final class DomainCalls {

    /** Calls on one domain that may fail, and what they read. */
    interface Call<T> {
        T apply(Domain domain) throws LibvirtException;
    }

    /** Calls on one domain that may fail and read nothing. */
    interface Action {
        void apply(Domain domain) throws LibvirtException;
    }

    private DomainCalls() {
    }

    static <T> T on(Domain domain, Call<T> call) throws LibvirtException {
        try {
            return call.apply(domain);
        } finally {
            Reference.reachabilityFence(domain);
        }
    }

    static void run(Domain domain, Action action) throws LibvirtException {
        on(domain, d -> {
            action.apply(d);
            return null;
        });
    }
}
