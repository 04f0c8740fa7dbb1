package io.phyllome.host.libvirt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.phyllome.host.vm.VmException;

/** The retry rule after a daemon restart: reads once more, changes only when they were never sent. */
class RestartRuleTest {

    /** A connection that is dead until reconnected, counting reconnects. */
    private static final class FakeLink implements RestartRule.Link {
        boolean alive = true;
        int reconnects;
        RuntimeException reconnectFailure;

        @Override
        public boolean alive() {
            return alive;
        }

        @Override
        public void reconnect() {
            reconnects++;
            if (reconnectFailure != null) {
                throw reconnectFailure;
            }
            alive = true;
        }
    }

    /** Answers with the given outcomes in turn: a RuntimeException is thrown, anything else returned; counts the calls. */
    private static final class Calls implements Supplier<String> {
        final Deque<Object> outcomes = new ArrayDeque<>();
        int count;

        Calls(Object... outcomes) {
            this.outcomes.addAll(java.util.List.of(outcomes));
        }

        @Override
        public String get() {
            count++;
            Object next = outcomes.removeFirst();
            if (next instanceof RuntimeException e) {
                throw e;
            }
            return (String) next;
        }
    }

    private static VmException libvirtSays(String message) {
        return new VmException("libvirt could not list VMs: " + message, new RuntimeException(message));
    }

    @Test
    void aReadThatHitTheClosedConnectionIsTriedOnceMoreOnANewOne() {
        FakeLink link = new FakeLink();
        link.alive = false;
        Calls calls = new Calls(libvirtSays("internal error: client socket is closed"), "web1");
        assertEquals("web1", RestartRule.read(link, calls));
        assertCounts(2, calls, 1, link);
    }

    @Test
    void aReadLostMidwayIsTriedOnceMoreButNotTwice() {
        FakeLink link = new FakeLink();
        VmException second = libvirtSays("End of file while reading data: Input/output error");
        Calls calls = new Calls(libvirtSays("End of file while reading data: Input/output error"), second);
        assertSame(second, assertThrows(VmException.class, () -> RestartRule.read(link, calls)));
        assertEquals(2, calls.count);
    }

    @Test
    void otherErrorsAreNotRetried() {
        FakeLink link = new FakeLink();
        Calls calls = new Calls(new VmException("a VM named 'web1' already exists"));
        assertThrows(VmException.class, () -> RestartRule.read(link, calls));
        assertThrows(VmException.class, () -> RestartRule.change(link, "define VM 'web1'", new Calls(new VmException("no"))));
        assertCounts(1, calls, 0, link);
    }

    @Test
    void aChangeThatWasNeverSentIsTriedOnceMore() {
        FakeLink link = new FakeLink();
        Calls calls = new Calls(libvirtSays("internal error: client socket is closed"), "defined");
        assertEquals("defined", RestartRule.change(link, "define VM 'web1'", calls));
        assertCounts(2, calls, 1, link);
    }

    private static void assertCounts(int callCount, Calls calls, int reconnects, FakeLink link) {
        assertEquals(callCount, calls.count, "calls");
        assertEquals(reconnects, link.reconnects, "reconnects");
    }

    @Test
    void aChangeLostMidwayIsNotRepeatedAndSaysWhereToLook() {
        FakeLink link = new FakeLink();
        Calls calls = new Calls(libvirtSays("End of file while reading data: Input/output error"), "defined twice");
        VmException e = assertThrows(VmException.class, () -> RestartRule.change(link, "define VM 'web1'", calls));
        assertEquals(1, calls.count, "a change that may have happened is not repeated");
        assertEquals(1, link.reconnects, "the connection is renewed for the next command");
        assertTrue(e.getMessage().startsWith("libvirt restarted during the request to define VM 'web1'"), e.getMessage());
        assertTrue(e.getMessage().contains("check vm:list and disk:orphans"), e.getMessage());
    }

    @Test
    void aChangeLostMidwayIsLookedUpWhereItCanBe() {
        FakeLink link = new FakeLink();
        Calls happened = new Calls(libvirtSays("End of file while reading data: Input/output error"));
        assertEquals("defined", RestartRule.change(link, "define VM 'web1'", happened, () -> java.util.Optional.of("defined")),
                "it happened before libvirt went away: its result");
        assertCounts(1, happened, 1, link);
        Calls notYet = new Calls(libvirtSays("End of file while reading data: Input/output error"), "defined now");
        assertEquals("defined now", RestartRule.change(link, "define VM 'web1'", notYet, java.util.Optional::empty),
                "it did not happen: tried once more");
        assertEquals(2, notYet.count);
    }

    @Test
    void aLibvirtErrorOnAConnectionThatDiedMeanwhileCountsAsLost() {
        FakeLink link = new FakeLink();
        link.alive = false;
        VmException odd = new VmException("libvirt could not define VM 'web1': internal error");
        assertEquals(RestartRule.Failure.LOST, RestartRule.classify(odd, link));
        link.alive = true;
        assertEquals(RestartRule.Failure.OTHER, RestartRule.classify(odd, link));
    }

    @Test
    void aChangeNeverSentFailsWithTheReconnectErrorWhenLibvirtStaysAway() {
        FakeLink link = new FakeLink();
        link.reconnectFailure = new VmException("cannot connect to libvirt (qemu:///system: Failed to connect socket)");
        Calls calls = new Calls(libvirtSays("internal error: client socket is closed"));
        VmException e = assertThrows(VmException.class, () -> RestartRule.change(link, "start VM 'web1'", calls));
        assertTrue(e.getMessage().startsWith("cannot connect to libvirt"), e.getMessage());
    }
}
