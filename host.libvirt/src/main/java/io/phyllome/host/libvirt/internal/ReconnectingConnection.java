package io.phyllome.host.libvirt.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.libvirt.LibvirtException;
import org.libvirt.event.ConnectionCloseReason;

import io.phyllome.host.vm.VmException;

/**
 * The platform's one libvirt connection, kept open: opened on first use, and opened again, to the
 * same URI, after the daemon closed it (restarted or died). libvirt's close callback starts the
 * reconnect in the background with back-off; a call that finds the connection dead first waits
 * for it (a while). Whatever belongs to a connection (the disk pool, capabilities, callbacks) is
 * made again by the listeners, which see each new connection. The embedded driver runs in this
 * process and its connection never closes by itself. A little over 300 lines: the reconnect's
 * states (watching, lost, reopening in the background or within a call) read best in one place.
 */
final class ReconnectingConnection implements RestartRule.Link {

    private static final System.Logger LOG = System.getLogger(ReconnectingConnection.class.getName());
    /** How long a call waits for the daemon to come back before it fails. */
    static final Duration CALL_WAIT = Duration.ofSeconds(15);
    private static final long FIRST_DELAY_MS = 100;
    private static final long MAX_DELAY_MS = 5_000;

    private final Function<String, Connector.Opened> opener;
    private final List<Consumer<LibvirtConnection>> listeners = new CopyOnWriteArrayList<>();
    /** Told of every new connection, the first included (event callbacks). */
    private final List<Consumer<LibvirtConnection>> followers = new CopyOnWriteArrayList<>();
    /** Volatile: libvirt's close callback reads it without the lock (see {@link #lost}). */
    private volatile LibvirtConnection connection;
    /** The URI of the first connection: a reconnect never switches, e.g. to the embedded driver while the daemon is away. */
    private String uri;
    private volatile boolean closedByDaemon;
    private volatile long lostAt;
    /** Guards only {@link #reconnector}, never held during a libvirt call. */
    private final Object executorLock = new Object();
    /** Runs background reconnects; made when a connection is first lost, stopped by {@link #close()}. */
    private ScheduledExecutorService reconnector;

    /** @param opener opens a connection to a URI, or chooses one for {@code null} (Connector) */
    ReconnectingConnection(Function<String, Connector.Opened> opener) {
        this.opener = opener;
    }

    /** Called with every new connection after a reconnect, on the thread that reconnected. */
    void onReconnect(Consumer<LibvirtConnection> listener) {
        listeners.add(listener);
    }

    /**
     * Calls {@code follower} with the open connection, if any, and with every new one (the first
     * and each after a reconnect), after the {@link #onReconnect} listeners. The same connection
     * may be given twice when it opens while the follower is added.
     *
     * @return stops following
     */
    Runnable follow(Consumer<LibvirtConnection> follower) {
        LibvirtConnection now;
        synchronized (this) {
            followers.add(follower);
            now = connection;
        }
        if (now != null) {
            follower.accept(now);
        }
        return () -> followers.remove(follower);
    }

    /** The open connection, opening it first (again, after the daemon restarted) when needed. */
    LibvirtConnection get() {
        LibvirtConnection opened;
        boolean first = false;
        synchronized (this) {
            if (connection == null) {
                Connector.Opened fresh = opener.apply(uri);
                uri = fresh.uri();
                connection = watch(fresh.connection());
                LOG.log(System.Logger.Level.INFO, "connected to " + uri);
                opened = connection;
                first = true;
            } else if (alive()) {
                return connection;
            } else {
                opened = reopenWithin(CALL_WAIT);
                if (opened == null) {
                    return connection; // another thread reopened it, and announced it
                }
            }
        }
        if (first) {
            List<String> failures = new java.util.ArrayList<>();
            tellFollowers(opened, failures);
            if (!failures.isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, "connected to " + uri + ", but: " + String.join("; ", failures));
            }
        } else {
            announce(opened);
        }
        return opened;
    }

    /** The URI of the connection; opens it when it was not yet. */
    String uri() {
        synchronized (this) {
            if (uri != null) {
                return uri;
            }
        }
        get();
        synchronized (this) {
            return uri;
        }
    }

    @Override
    public synchronized boolean alive() {
        if (connection == null) {
            return false;
        }
        try {
            return !closedByDaemon && connection.isAlive();
        } catch (LibvirtException e) {
            return false;
        }
    }

    @Override
    public void reconnect() {
        LibvirtConnection opened;
        synchronized (this) {
            if (alive()) {
                return; // another thread was first
            }
            opened = reopenWithin(CALL_WAIT);
        }
        if (opened != null) {
            announce(opened);
        }
    }

    <T> T read(Supplier<T> call) {
        return RestartRule.read(this, call);
    }

    <T> T change(String action, Supplier<T> call) {
        return RestartRule.change(this, action, call);
    }

    /** @see RestartRule#change(RestartRule.Link, String, Supplier, Supplier) */
    <T> T change(String action, Supplier<T> call, Supplier<java.util.Optional<T>> outcome) {
        return RestartRule.change(this, action, call, outcome);
    }

    /** Closes the connection and stops reconnecting; a later {@link #get()} opens a new one. */
    void close() {
        ScheduledExecutorService stopping;
        synchronized (executorLock) {
            stopping = reconnector;
            reconnector = null;
        }
        synchronized (this) {
            dispose(connection);
            connection = null;
            closedByDaemon = false;
        }
        if (stopping != null) {
            stopping.shutdownNow();
            try {
                stopping.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private LibvirtConnection watch(LibvirtConnection c) {
        try {
            c.registerCloseListener((closed, reason) -> lost(closed, reason));
        } catch (LibvirtException e) {
            // a driver without close callbacks (test, embedded): calls still find a dead connection
        }
        return c;
    }

    /**
     * libvirt's close callback, on its event loop thread: reconnects on another thread, and takes
     * no lock that a libvirt call may hold, so that the event loop never waits for one.
     */
    private void lost(org.libvirt.Connect closed, ConnectionCloseReason reason) {
        if (closed != connection || reason == ConnectionCloseReason.CLIENT) {
            return;
        }
        lostAt = System.nanoTime();
        closedByDaemon = true;
        synchronized (executorLock) {
            if (reconnector == null) {
                reconnector = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "libvirt-reconnect");
                    t.setDaemon(true);
                    return t;
                });
            }
        }
        scheduleAttempt(FIRST_DELAY_MS);
    }

    private void scheduleAttempt(long delayMs) {
        synchronized (executorLock) {
            if (reconnector != null && !reconnector.isShutdown()) {
                reconnector.schedule(() -> attemptInBackground(delayMs), delayMs, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void attemptInBackground(long delayMs) {
        LibvirtConnection opened;
        synchronized (this) {
            if (connection == null || alive()) {
                return; // closed, or a call reconnected first
            }
            try {
                opened = reopen();
            } catch (VmException stillDown) {
                scheduleAttempt(Math.min(delayMs * 2, MAX_DELAY_MS));
                return;
            }
        }
        announce(opened);
    }

    /**
     * Tries to reopen with back-off until {@code wait} has passed; throws the last failure. Null
     * when another thread reopened it meanwhile (the background reconnect).
     */
    private LibvirtConnection reopenWithin(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        long delay = FIRST_DELAY_MS;
        while (true) {
            try {
                return reopen();
            } catch (VmException e) {
                if (System.nanoTime() + delay * 1_000_000 > deadline) {
                    throw e;
                }
            }
            try {
                wait(delay); // releases the lock: the close callback and other readers go on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new VmException("interrupted while waiting for libvirt (" + uri + ") to come back");
            }
            delay = Math.min(delay * 2, MAX_DELAY_MS);
            if (alive()) {
                return null; // reopened meanwhile, e.g. in the background
            }
        }
    }

    private LibvirtConnection reopen() {
        if (!closedByDaemon) {
            lostAt = System.nanoTime(); // found dead by a call, not by the callback
        }
        Connector.Opened fresh = opener.apply(uri); // opens before the old one closes: libvirt's event loop keeps running
        dispose(connection);
        connection = watch(fresh.connection());
        closedByDaemon = false;
        return connection;
    }

    /** The one line a reconnect writes, after the listeners renewed what the connection had. */
    private void announce(LibvirtConnection opened) {
        if (opened != connection) {
            return; // closed (deactivated) or replaced meanwhile: nothing to renew for it
        }
        long down = System.nanoTime() - lostAt;
        List<String> failures = new java.util.ArrayList<>();
        for (Consumer<LibvirtConnection> listener : listeners) {
            try {
                listener.accept(opened);
            } catch (RuntimeException e) {
                failures.add(e.getMessage());
            }
        }
        tellFollowers(opened, failures);
        LOG.log(System.Logger.Level.WARNING, "libvirt closed the connection to " + uri + " (daemon restarted?): reconnected after "
                + Duration.ofNanos(down).toMillis() + " ms; disk pool, capabilities and event callbacks renewed"
                + (failures.isEmpty() ? "" : ", except: " + String.join("; ", failures)));
    }

    private void tellFollowers(LibvirtConnection opened, List<String> failures) {
        for (Consumer<LibvirtConnection> follower : followers) {
            try {
                follower.accept(opened);
            } catch (RuntimeException e) {
                failures.add(e.getMessage());
            }
        }
    }

    private static void dispose(LibvirtConnection c) {
        if (c == null) {
            return;
        }
        try {
            c.unregisterCloseListener();
        } catch (LibvirtException e) {
            // a dead connection's callback goes with it
        }
        try {
            c.close();
        } catch (LibvirtException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing a libvirt connection: " + e.getMessage());
        } finally {
            LibvirtProcess.release();
        }
    }
}
