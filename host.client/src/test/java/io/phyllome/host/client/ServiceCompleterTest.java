package io.phyllome.host.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.jline.reader.Candidate;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.phyllome.host.client.protocol.Frame;
import io.phyllome.host.client.protocol.FrameChannel;
import io.phyllome.host.client.protocol.SocketPair;

/** Tab at the client's prompt: the line and cursor go to the service, its candidates become JLine's. */
class ServiceCompleterTest {

    @TempDir
    Path dir;

    private SocketPair pair;
    private FrameChannel client;
    private FrameChannel service;

    @BeforeEach
    void connect() throws IOException {
        pair = new SocketPair(dir);
        client = new FrameChannel(pair.client);
        service = new FrameChannel(pair.accepted);
    }

    @AfterEach
    void close() throws IOException {
        pair.close();
    }

    @Test
    void theServicesCandidatesBecomeJLinesWithTheirDescriptions() throws Exception {
        CompletableFuture<String> asked = CompletableFuture.supplyAsync(() -> {
            try {
                String line = service.read().orElseThrow().completeBeforeCursor();
                service.write(io.phyllome.host.client.protocol.Candidate.frame(List.of(
                        new io.phyllome.host.client.protocol.Candidate("phy-db", "shut-off"),
                        new io.phyllome.host.client.protocol.Candidate("phy-web", ""))));
                return line;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        List<Candidate> candidates = new ArrayList<>();
        new ServiceCompleter(new ClientSession(client, null)).complete(null, new DefaultParser().parse("vm:start ph --x", 11), candidates);

        assertEquals("vm:start ph", asked.get(), "the service sees the line up to the cursor");
        assertEquals(List.of("phy-db", "phy-web"), candidates.stream().map(Candidate::value).toList());
        assertEquals("shut-off", candidates.get(0).descr());
        assertNull(candidates.get(1).descr(), "no description, none shown");
        assertTrue(candidates.get(0).complete(), "a whole word: a space follows it");
    }

    @Test
    void aServiceThatRefusesOrHasGoneOffersNothing() throws Exception {
        CompletableFuture.runAsync(() -> {
            try {
                service.read();
                service.write(Frame.text(Frame.Type.ERR, "phyllome: a completion request, but the hello did not ask for completion\n"));
                service.close();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        List<Candidate> candidates = new ArrayList<>();
        ServiceCompleter completer = new ServiceCompleter(new ClientSession(client, null));
        completer.complete(null, new DefaultParser().parse("vm:", 3), candidates);
        completer.complete(null, new DefaultParser().parse("vm:", 3), candidates);
        assertEquals(List.of(), candidates);
    }
}
