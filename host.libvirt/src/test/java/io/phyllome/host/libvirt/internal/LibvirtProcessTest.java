package io.phyllome.host.libvirt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.libvirt.Connect;

/**
 * libvirt's event loop runs while a connection is open and ends with the last one, so that a
 * JVM that exits does not wait for a thread in native code (against libvirt's test driver).
 */
class LibvirtProcessTest {

    @Test
    void eventLoopEndsWithTheLastConnectionAndStartsAgain() throws Exception {
        LibvirtProcess.acquire();
        Connect first = new Connect("test:///default");
        Thread loop = LibvirtProcess.eventLoopThread();
        assertNotNull(loop, "an open connection has an event loop");
        assertTrue(loop.isAlive());

        LibvirtProcess.acquire();
        Connect second = new Connect("test:///default");
        assertEquals(loop, LibvirtProcess.eventLoopThread(), "one event loop for every connection");
        second.close();
        LibvirtProcess.release();
        assertTrue(loop.isAlive(), "the loop runs while a connection is left");
        assertEquals(1, first.listDomains().length, "the test driver's domain");

        first.close();
        LibvirtProcess.release();
        assertNull(LibvirtProcess.eventLoopThread());
        assertFalse(loop.isAlive(), "the loop's thread has ended, so it holds no thread in native code");

        LibvirtProcess.acquire();
        try {
            Thread again = LibvirtProcess.eventLoopThread();
            assertNotNull(again);
            assertTrue(again.isAlive(), "the next connection starts the loop again");
            Connect third = new Connect("test:///default");
            assertEquals(1, third.listDomains().length);
            third.close();
        } finally {
            LibvirtProcess.release();
        }
        LibvirtProcess.release(); // more releases than acquisitions change nothing
        assertNull(LibvirtProcess.eventLoopThread());
    }

    @Test
    void aConnectionThatFailsAtOnceLeavesNoLoopBehind() throws Exception {
        for (int i = 0; i < 5; i++) {
            LibvirtProcess.acquire();
            Thread loop = LibvirtProcess.eventLoopThread();
            LibvirtProcess.release(); // before the loop's thread may even have started
            loop.join(2000);
            assertFalse(loop.isAlive(), "attempt " + i + ": the loop ended although it was stopped before it ran");
        }
    }
}
