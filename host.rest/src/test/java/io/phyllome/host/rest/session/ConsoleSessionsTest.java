package io.phyllome.host.rest.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.phyllome.host.access.ApiTokens;

class ConsoleSessionsTest {

    /** Two tokens: "phy_good" named ci, and whatever is revoked. */
    private final List<ApiTokens.TokenInfo> tokens = new ArrayList<>(List.of(new ApiTokens.TokenInfo("ci", Instant.parse("2026-01-01T00:00:00Z"))));
    private final ApiTokens api = new ApiTokens() {
        @Override
        public String create(String name) {
            tokens.add(new ApiTokens.TokenInfo(name, Instant.now()));
            return "phy_" + name;
        }

        @Override
        public List<TokenInfo> list() {
            return List.copyOf(tokens);
        }

        @Override
        public boolean revoke(String name) {
            return tokens.removeIf(t -> t.name().equals(name));
        }

        @Override
        public Optional<String> verify(String token) {
            return tokens.stream().map(TokenInfo::name).filter(n -> token.equals("phy_" + n)).findFirst();
        }
    };
    private final ConsoleSessions sessions = new ConsoleSessions(api, new SessionStore(Clock.systemUTC(), Duration.ofMinutes(30), 100));

    @Test
    void aValidTokenOpensASessionWhoseCookieIsHttpOnlyAndStrict() {
        FakeHttp login = new FakeHttp();
        assertTrue(sessions.login("phy_ci", login.request(), login.response()));
        String header = login.setCookies.get(0);
        assertTrue(header.startsWith(SessionCookie.NAME + "="), header);
        assertTrue(header.contains("; Path=/; HttpOnly; SameSite=Strict"), header);
        assertFalse(header.contains("Secure"), "plain HTTP on loopback: " + header);
        assertFalse(header.contains("phy_ci"), "the token is not in the cookie");
        assertEquals(Optional.of("ci"), sessions.tokenName(new FakeHttp().cookie(login.issuedId()).request()));
    }

    @Test
    void overTlsTheCookieIsSecure() {
        FakeHttp login = new FakeHttp();
        login.secure = true;
        assertTrue(sessions.login("phy_ci", login.request(), login.response()));
        assertTrue(login.setCookies.get(0).endsWith("; Secure"), login.setCookies.get(0));
    }

    @Test
    void aWrongTokenOpensNothing() {
        FakeHttp login = new FakeHttp();
        assertFalse(sessions.login("phy_wrong", login.request(), login.response()));
        assertFalse(sessions.login("", login.request(), login.response()));
        assertFalse(sessions.login(null, login.request(), login.response()));
        assertTrue(login.setCookies.isEmpty());
        assertEquals(Optional.empty(), sessions.tokenName(new FakeHttp().cookie("made-up").request()));
    }

    @Test
    void revokingTheTokenEndsItsSessionsEvenIfTheNameIsMadeAgain() {
        FakeHttp login = new FakeHttp();
        sessions.login("phy_ci", login.request(), login.response());
        String id = login.issuedId();
        api.revoke("ci");
        api.create("ci");
        assertEquals(Optional.empty(), sessions.tokenName(new FakeHttp().cookie(id).request()));
    }

    @Test
    void logoutEndsTheSessionAndClearsTheCookie() {
        FakeHttp login = new FakeHttp();
        sessions.login("phy_ci", login.request(), login.response());
        FakeHttp logout = new FakeHttp().cookie(login.issuedId());
        sessions.logout(logout.request(), logout.response());
        assertTrue(logout.setCookies.get(0).contains("Max-Age=0"));
        assertEquals(Optional.empty(), sessions.tokenName(new FakeHttp().cookie(login.issuedId()).request()));
    }

    @Test
    void aTicketsBindingNamesTheSessionNeverItsId() {
        FakeHttp one = new FakeHttp();
        sessions.login("phy_ci", one.request(), one.response());
        FakeHttp two = new FakeHttp();
        sessions.login("phy_ci", two.request(), two.response());
        String a = sessions.of(new FakeHttp().cookie(one.issuedId()).request());
        String b = sessions.of(new FakeHttp().cookie(two.issuedId()).request());
        assertEquals(64, a.length(), "a SHA-256 in hex");
        assertNotEquals(a, b);
        assertFalse(a.contains(one.issuedId()));
        assertEquals(a, sessions.of(new FakeHttp().cookie(one.issuedId()).request()), "the same session, the same binding");
        assertEquals("", sessions.of(new FakeHttp().request()), "no session");
        assertEquals("", sessions.of(new FakeHttp().cookie("made-up").request()), "no live session");
    }
}
