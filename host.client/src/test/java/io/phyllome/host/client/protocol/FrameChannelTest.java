package io.phyllome.host.client.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Frames over a real Unix domain socket, as the client and the service exchange them. */
class FrameChannelTest {

    @TempDir
    Path dir;

    private SocketPair pair;
    private SocketChannel client;
    private SocketChannel accepted;

    @BeforeEach
    void connect() throws IOException {
        pair = new SocketPair(dir);
        client = pair.client;
        accepted = pair.accepted;
    }

    @AfterEach
    void close() throws IOException {
        pair.close();
    }

    @Test
    void framesArriveWholeAndInOrder() throws IOException {
        FrameChannel sender = new FrameChannel(client);
        FrameChannel receiver = new FrameChannel(accepted);
        sender.write(Frame.hello(Frame.TERMINAL));
        sender.write(Frame.command(List.of("vm:create", "--memory", "2G", "a name with spaces", "")));
        sender.write(new Frame(Frame.Type.IN, new byte[Frame.MAX_PAYLOAD]));
        sender.write(Frame.prompt("passphrase: ", false));
        sender.write(Frame.exit(86));

        Frame hello = receiver.read().orElseThrow();
        assertEquals(Frame.Type.HELLO, hello.type());
        assertArrayEquals(new byte[] { Frame.VERSION, Frame.TERMINAL }, hello.payload());
        assertEquals(List.of("vm:create", "--memory", "2G", "a name with spaces", ""), receiver.read().orElseThrow().words());
        assertEquals(Frame.MAX_PAYLOAD, receiver.read().orElseThrow().payload().length);
        Frame prompt = receiver.read().orElseThrow();
        assertEquals("passphrase: ", prompt.promptText());
        assertEquals(false, prompt.promptEchoes());
        assertEquals(86, receiver.read().orElseThrow().status());
    }

    @Test
    void aCompletionRequestAndItsCandidatesMakeTheRoundTrip() throws IOException {
        FrameChannel sender = new FrameChannel(client);
        FrameChannel receiver = new FrameChannel(accepted);
        sender.write(Frame.complete("vm:start ph --x", 11)); // the cursor after "ph"
        sender.write(Frame.complete("vm:info é", 9));
        sender.write(Candidate.frame(List.of(new Candidate("phy-1", "running"), new Candidate("phy-2", ""))));
        sender.write(Candidate.frame(List.of()));

        assertEquals("vm:start ph", receiver.read().orElseThrow().completeBeforeCursor());
        assertEquals("vm:info é", receiver.read().orElseThrow().completeBeforeCursor(), "the cursor counts characters, the wire bytes");
        assertEquals(List.of(new Candidate("phy-1", "running"), new Candidate("phy-2", "")), Candidate.of(receiver.read().orElseThrow()));
        assertEquals(List.of(), Candidate.of(receiver.read().orElseThrow()));
    }

    @Test
    void candidatesThatDoNotFitInOneFrameAreLeftOut() throws ProtocolException {
        List<Candidate> many = java.util.stream.IntStream.range(0, 5000).mapToObj(i -> new Candidate("vm-" + i, "shut off")).toList();
        Frame frame = Candidate.frame(many);
        assertTrue(frame.payload().length <= Frame.MAX_PAYLOAD);
        List<Candidate> sent = Candidate.of(frame);
        assertTrue(sent.size() > 1000 && sent.size() < many.size(), "as many as fit: " + sent.size());
        assertEquals(many.subList(0, sent.size()), sent);
    }

    @Test
    void aBadCompletionRequestOrReplyIsAProtocolError() {
        assertThrows(ProtocolException.class, () -> new Frame(Frame.Type.COMPLETE, new byte[] { 0, 0 }).completeBeforeCursor());
        byte[] cursorPastEnd = ByteBuffer.allocate(6).putInt(3).put((byte) 'v').put((byte) 'm').array();
        assertThrows(ProtocolException.class, () -> new Frame(Frame.Type.COMPLETE, cursorPastEnd).completeBeforeCursor());
        assertThrows(ProtocolException.class, () -> Candidate.of(Frame.text(Frame.Type.CANDIDATES, "vm-1\0")));
        assertThrows(ProtocolException.class, () -> Candidate.of(Frame.text(Frame.Type.CANDIDATES, "vm-1")));
        assertThrows(ProtocolException.class, () -> Candidate.of(Frame.exit(0)));
        assertThrows(IllegalArgumentException.class, () -> Frame.complete("vm", 3));
    }

    @Test
    void aServiceOffersCompletionOnlyInTheHelloOfAClientThatAskedForIt() {
        Frame offering = Frame.greeting("Phyllome Host 0.1.0", true);
        assertEquals("Phyllome Host 0.1.0", offering.greetingText());
        assertTrue(offering.offersCompletion());
        Frame plain = Frame.greeting("Phyllome Host 0.1.0", false);
        assertEquals("Phyllome Host 0.1.0", plain.text(), "an old client prints the greeting as it is");
        assertEquals(false, plain.offersCompletion());
    }

    @Test
    void aConnectionClosedBetweenFramesEndsTheStream() throws IOException {
        client.close();
        assertTrue(new FrameChannel(accepted).read().isEmpty());
    }

    @Test
    void aConnectionClosedInsideAFrameIsAnError() throws IOException {
        client.write(ByteBuffer.wrap(new byte[] { 'O', 0, 0, 0, 10, 1, 2 }));
        client.close();
        assertThrows(EOFException.class, () -> new FrameChannel(accepted).read());
    }

    @Test
    void anOversizedFrameIsRefusedBeforeItsPayloadIsRead() throws IOException {
        client.write(ByteBuffer.allocate(5).put((byte) 'C').putInt(Frame.MAX_PAYLOAD + 1).flip());
        ProtocolException e = assertThrows(ProtocolException.class, () -> new FrameChannel(accepted).read());
        assertTrue(e.getMessage().contains("at most " + Frame.MAX_PAYLOAD), e.getMessage());
    }

    @Test
    void garbageIsNotAFrame() throws IOException {
        client.write(ByteBuffer.wrap("GET / HTTP/1.1\r\n".getBytes()));
        ProtocolException e = assertThrows(ProtocolException.class, () -> new FrameChannel(accepted).read());
        assertTrue(e.getMessage().contains("unknown frame type 0x47"), e.getMessage());
    }

    @Test
    void aFrameCannotHoldMoreThanTheLimit() {
        assertThrows(IllegalArgumentException.class, () -> new Frame(Frame.Type.OUT, new byte[Frame.MAX_PAYLOAD + 1]));
    }
}
