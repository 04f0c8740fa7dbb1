package io.phyllome.host.rest.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.phyllome.host.rest.session.CookieGate.Verdict;
import io.phyllome.host.rest.session.CookieGate.Verdict.Outcome;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

class CookieGateTest {

    /** One live session, "good". */
    private final Sessions sessions = new Sessions() {
        @Override
        public boolean login(String token, HttpServletRequest request, HttpServletResponse response) {
            return false;
        }

        @Override
        public void logout(HttpServletRequest request, HttpServletResponse response) {
        }

        @Override
        public Optional<String> tokenName(HttpServletRequest request) {
            return "good".equals(SessionCookie.of(request)) ? Optional.of("ci") : Optional.empty();
        }

        @Override
        public Duration idle() {
            return Duration.ofMinutes(30);
        }
    };

    private Outcome admit(FakeHttp http) throws IOException {
        return CookieGate.admit(sessions, http.request(), http.response()).outcome();
    }

    @Test
    void aLiveSessionReads() throws IOException {
        assertEquals(Outcome.ADMITTED, admit(new FakeHttp().cookie("good")));
        FakeHttp read = new FakeHttp().cookie("good");
        assertEquals(Optional.of("ci"), CookieGate.admit(sessions, read.request(), read.response()).tokenName(), "its rate is its token's");
        assertEquals(Outcome.NO_SESSION, admit(new FakeHttp().cookie("stale")), "then the bearer check answers 401");
        assertEquals(Outcome.NO_SESSION, admit(new FakeHttp()));
        assertEquals(Outcome.NO_SESSION, admit(new FakeHttp().cookie("good").header("Authorization", "Bearer x")), "a token is checked as a token");
    }

    @Test
    void changingStateWithTheCookieNeedsTheConsolesHeaderFromThisHost() throws IOException {
        FakeHttp bare = new FakeHttp().method("POST").cookie("good");
        assertEquals(Outcome.REFUSED, admit(bare));
        assertEquals(403, bare.status);
        assertTrue(bare.body.toString(StandardCharsets.UTF_8).contains(CookieGate.HEADER));
        assertEquals(Outcome.ADMITTED, admit(new FakeHttp().method("POST").cookie("good").header(CookieGate.HEADER, "1")));
        assertEquals(Outcome.ADMITTED, admit(new FakeHttp().method("DELETE").cookie("good").header(CookieGate.HEADER, "1")
                .header("Host", "127.0.0.1:8780").header("Origin", "http://127.0.0.1:8780")));
        assertEquals(Outcome.REFUSED, admit(new FakeHttp().method("DELETE").cookie("good").header(CookieGate.HEADER, "1")
                .header("Host", "127.0.0.1:8780").header("Origin", "http://evil.example")));
        assertEquals(Outcome.REFUSED, admit(new FakeHttp().method("POST").cookie("good").header(CookieGate.HEADER, "1")
                .header("Host", "127.0.0.1:8780").header("Origin", "null")));
    }

    @Test
    void theLoginItselfNeedsNoSession() throws IOException {
        FakeHttp login = new FakeHttp().method("POST");
        login.pathInfo = SessionServlet.PATH;
        assertEquals(new Verdict(Outcome.ADMITTED, Optional.empty()), CookieGate.admit(sessions, login.request(), login.response()),
                "admitted, with no token whose rate it counts against");
    }
}
