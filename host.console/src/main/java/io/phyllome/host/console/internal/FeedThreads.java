package io.phyllome.host.console.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * The threads that feed the console's open WebSockets, one each while it is open. The component
 * that serves the WebSockets owns them and closes them when it is deactivated, which ends every
 * open feed: a thread blocked on a VNC socket would not end on an interrupt alone.
 */
final class FeedThreads implements AutoCloseable {

    private static final String NAME = "phyllome-console-feed";

    private final ExecutorService pool = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, NAME);
        thread.setDaemon(true);
        return thread;
    });
    private final Set<BrowserFeed> running = ConcurrentHashMap.newKeySet();

    /** Runs {@code feed} on a thread of its own; false when these threads are closed. */
    boolean start(BrowserFeed feed) {
        running.add(feed);
        try {
            pool.execute(() -> run(feed));
            return true;
        } catch (RejectedExecutionException e) {
            running.remove(feed);
            return false;
        }
    }

    private void run(BrowserFeed feed) {
        Thread thread = Thread.currentThread();
        thread.setName(NAME + "-" + feed.vm); // which VM a thread dump's feed serves
        try {
            feed.feed();
        } finally {
            running.remove(feed);
            thread.setName(NAME);
        }
    }

    /** The feeds running now. */
    int running() {
        return running.size();
    }

    /** Starts no more feeds and stops the running ones (their browsers are told). */
    @Override
    public void close() {
        pool.shutdownNow();
        running.forEach(BrowserFeed::stop);
    }
}
