package io.phyllome.host.rest;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import io.phyllome.host.rest.http.UploadProgress;

/**
 * Posts the progress of media uploads as Event Admin events ({@value #TOPIC}), which
 * {@link EventStream} sends to its clients as {@code event: UPLOAD}: a client (the web console
 * too) shows how far its upload is.
 */
@Component(service = UploadEvents.class)
public class UploadEvents {

    public static final String TOPIC = "io/phyllome/host/rest/UPLOAD";
    /** An event's properties, as the stream's {@code data} has them. */
    static final java.util.List<String> PROPERTIES = java.util.List.of("name", "state", "received", "expected", "detail");
    /** Progress events a second at most, per upload: the first, the last and a state's change always go. */
    static final int PER_SECOND = 4;

    private final EventAdmin events;

    @Activate
    public UploadEvents(@Reference EventAdmin events) {
        this.events = events;
    }

    /** The progress of the upload of {@code name}, of {@code expected} bytes (-1 when its length is not sent). */
    public UploadProgress start(String name, long expected) {
        return new UploadProgress(name, expected, 1_000_000_000L / PER_SECOND, System::nanoTime,
                p -> events.postEvent(new Event(TOPIC, Map.<String, Object>of("name", p.name(), "state", p.state(), "received", p.received(),
                        "expected", p.expected(), "detail", p.detail()))));
    }
}
