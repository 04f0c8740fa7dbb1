package io.phyllome.host.console.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.phyllome.host.console.ConsoleTickets;

/** The tickets in memory: 256 random bits each, spent by their first use, forgotten when they expire. */
@Component(service = ConsoleTickets.class, configurationPid = TicketBook.PID)
@Designate(ocd = TicketBook.Config.class)
public class TicketBook implements ConsoleTickets {

    static final String PID = "io.phyllome.host.console.tickets";

    @ObjectClassDefinition(name = "Console tickets")
    public @interface Config {
        @AttributeDefinition(description = "Seconds a ticket for a VM's screen stays valid after it was issued")
        int lifetimeSeconds() default 30;
    }

    private record Issued(String vm, byte[] binding, Instant expires) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Issued> tickets = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration lifetime;

    @Activate
    public TicketBook(Config config) {
        this(Clock.systemUTC(), Duration.ofSeconds(config.lifetimeSeconds()));
    }

    TicketBook(Clock clock, Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("lifetimeSeconds must be positive, not " + lifetime.toSeconds());
        }
        this.clock = clock;
        this.lifetime = lifetime;
    }

    @Override
    public String issue(String vm, String binding) {
        Instant now = clock.instant();
        tickets.values().removeIf(t -> !now.isBefore(t.expires())); // nobody can spend these any more
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        tickets.put(ticket, new Issued(vm, bytes(binding), now.plus(lifetime)));
        return ticket;
    }

    @Override
    public boolean redeem(String ticket, String vm, String binding) {
        Issued issued = ticket == null ? null : tickets.remove(ticket);
        // a ticket bound to no session (vm:console's link) is the holder's, whichever session the browser has
        return issued != null && issued.vm().equals(vm) && (issued.binding().length == 0 || MessageDigest.isEqual(issued.binding(), bytes(binding)))
                && clock.instant().isBefore(issued.expires());
    }

    @Override
    public Duration lifetime() {
        return lifetime;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
