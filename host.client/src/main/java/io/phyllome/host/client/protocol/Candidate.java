package io.phyllome.host.client.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One completion of the word at the client's cursor: the word itself and a short description
 * (a VM's state, an option's help), which may be empty.
 */
public record Candidate(String value, String description) {

    public Candidate {
        // NUL separates the fields on the wire: a value never holds one (VM names and ids cannot)
        value = value.replace("\0", "");
        description = description == null ? "" : description.replace("\0", "");
    }

    /**
     * The {@link Frame.Type#CANDIDATES} frame of these candidates, in their order. What does not
     * fit in one frame is left out (a client shows the first ones, and more typing narrows them).
     */
    public static Frame frame(List<Candidate> candidates) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        for (Candidate c : candidates) {
            byte[] value = c.value.getBytes(StandardCharsets.UTF_8);
            byte[] description = c.description.getBytes(StandardCharsets.UTF_8);
            if (payload.size() + value.length + description.length + 2 > Frame.MAX_PAYLOAD) {
                break;
            }
            payload.writeBytes(value);
            payload.write(0);
            payload.writeBytes(description);
            payload.write(0);
        }
        return new Frame(Frame.Type.CANDIDATES, payload.toByteArray());
    }

    /**
     * The candidates a {@link Frame.Type#CANDIDATES} frame holds.
     *
     * @throws ProtocolException another frame, or one whose fields do not pair up
     */
    public static List<Candidate> of(Frame frame) throws ProtocolException {
        if (frame.type() != Frame.Type.CANDIDATES) {
            throw new ProtocolException("a " + frame.type() + " frame where candidates were expected");
        }
        if (frame.payload().length == 0) {
            return List.of();
        }
        String text = frame.text();
        if (!text.endsWith("\0")) {
            throw new ProtocolException("a candidates frame that does not end with NUL");
        }
        String[] fields = text.substring(0, text.length() - 1).split("\0", -1);
        if (fields.length % 2 != 0) {
            throw new ProtocolException("a candidates frame with a value but no description");
        }
        List<Candidate> candidates = new ArrayList<>(fields.length / 2);
        for (int i = 0; i < fields.length; i += 2) {
            candidates.add(new Candidate(fields[i], fields[i + 1]));
        }
        return candidates;
    }
}
