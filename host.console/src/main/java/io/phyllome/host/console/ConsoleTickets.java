package io.phyllome.host.console;

import java.time.Duration;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One-time tickets for a VM's screen: whoever may see a VM asks for one (the REST API for its
 * session, {@code vm:console} in the shell), the page presents it when it opens the WebSocket.
 * A ticket opens one connection, to its VM only, for the caller it is bound to, within
 * {@link #lifetime()}; the first attempt spends it, whatever its outcome.
 */
@ProviderType
public interface ConsoleTickets {

    /**
     * A new ticket for {@code vm}'s screen.
     *
     * @param binding what the connection must present with it: the caller's session as
     *                {@link SessionBinding} names it, or an empty string where there are no
     *                sessions (the shell's link): such a ticket opens for whoever presents it,
     *                with or without a session
     */
    String issue(String vm, String binding);

    /** Spends {@code ticket}: true when it was issued for {@code vm} and {@code binding} (or for no session), unused and unexpired. */
    boolean redeem(String ticket, String vm, String binding);

    /** How long a ticket stays valid after it was issued. */
    Duration lifetime();
}
