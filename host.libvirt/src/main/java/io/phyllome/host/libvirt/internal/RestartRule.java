package io.phyllome.host.libvirt.internal;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import io.phyllome.host.vm.VmException;

/**
 * What a libvirt call does when the daemon closed the connection under it (it restarted or died).
 * A read is tried once more on a new connection. A change is tried once more only when libvirt
 * did not send it (the client knew the socket was closed); one that was sent may or may not have
 * happened, so it fails with a message that says where to look, rather than guessing.
 */
final class RestartRule {

    /** How a call failed, as far as the connection is concerned. */
    enum Failure {
        /** Not a lost connection: the error stands. */
        OTHER,
        /** The connection was closed before the call was sent: nothing happened. */
        NOT_SENT,
        /** The connection was lost while the call was under way: its outcome is unknown. */
        LOST
    }

    /** The connection as the rule needs it. */
    interface Link {
        /** Whether the connection is still open (no RPC: libvirt's client state). */
        boolean alive();

        /** Replaces the connection with a new one, waiting a while for the daemon; throws when it does not come back. */
        void reconnect();
    }

    /** libvirt's client messages of a connection that is gone (remote driver, 9.0). */
    private static final String NOT_SENT_MESSAGE = "client socket is closed";
    private static final List<String> LOST_MESSAGES = List.of("End of file while reading data", "Broken pipe", "Connection reset by peer",
            "Cannot recv data", "Cannot write data", "connection closed");

    private RestartRule() {
    }

    static <T> T read(Link link, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            if (classify(e, link) == Failure.OTHER) {
                throw e;
            }
            link.reconnect();
            return call.get();
        }
    }

    /** @param action what the call does, for the message, e.g. "define VM 'web1'" */
    static <T> T change(Link link, String action, Supplier<T> call) {
        return change(link, action, call, null);
    }

    /**
     * A change whose outcome can be looked up afterwards: when the connection was lost under it,
     * {@code outcome} tells on the new connection whether it happened (its result) or not (empty:
     * nothing changed, so it is tried once more); null when it cannot be looked up.
     */
    static <T> T change(Link link, String action, Supplier<T> call, Supplier<Optional<T>> outcome) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            Failure failure = classify(e, link);
            if (failure == Failure.OTHER) {
                throw e;
            }
            try {
                link.reconnect();
            } catch (RuntimeException down) {
                e.addSuppressed(down);
                if (failure == Failure.NOT_SENT) {
                    throw down; // nothing happened, and libvirt is not back: say that
                }
            }
            if (failure == Failure.NOT_SENT) {
                return call.get();
            }
            Optional<T> done = lookUp(outcome, e);
            if (done != null) {
                return done.isPresent() ? done.get() : call.get();
            }
            throw new VmException("libvirt restarted during the request to " + action
                    + ", which may or may not have been carried out: check vm:list and disk:orphans before trying again", e);
        }
    }

    /** What {@code outcome} says, or null when it cannot tell (no lookup, or libvirt still away). */
    private static <T> Optional<T> lookUp(Supplier<Optional<T>> outcome, RuntimeException failure) {
        if (outcome == null) {
            return null;
        }
        try {
            return outcome.get();
        } catch (RuntimeException unknown) {
            failure.addSuppressed(unknown);
            return null;
        }
    }

    static Failure classify(Throwable failure, Link link) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage();
            if (message.contains(NOT_SENT_MESSAGE)) {
                return Failure.NOT_SENT;
            }
            if (LOST_MESSAGES.stream().anyMatch(message::contains)) {
                return Failure.LOST;
            }
        }
        // a libvirt error whose connection died meanwhile: the death is the likelier cause
        return hasLibvirtCause(failure) && !link.alive() ? Failure.LOST : Failure.OTHER;
    }

    private static boolean hasLibvirtCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof org.libvirt.LibvirtException || String.valueOf(t.getMessage()).startsWith(Errors.PREFIX)) {
                return true;
            }
        }
        return false;
    }
}
