package io.phyllome.host.rest.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class UploadProgressTest {

    private final AtomicLong now = new AtomicLong();
    private final List<String> reports = new ArrayList<>();

    private UploadProgress start() {
        return new UploadProgress("a.iso", 1000, 250, now::get, r -> reports.add(r.state() + " " + r.received() + "/" + r.expected() + " " + r.detail()));
    }

    @Test
    void bytesAreReportedAtMostOncePerIntervalStatesAlways() {
        UploadProgress upload = start();
        for (int i = 1; i <= 10; i++) {
            now.addAndGet(100);
            upload.received(i * 100L);
        }
        upload.verifying();
        upload.verified();
        upload.failed("too late"); // after verified: nothing
        assertEquals(List.of("receiving 0/1000 ", "receiving 300/1000 ", "receiving 600/1000 ", "receiving 900/1000 ", "verifying 1000/1000 ",
                "verified 1000/1000 "), reports);
    }

    @Test
    void aFailureIsReportedOnceWithWhy() {
        UploadProgress upload = start();
        upload.received(10);
        upload.failed("the SHA-256 differs");
        upload.failed("again");
        assertEquals(List.of("receiving 0/1000 ", "failed 10/1000 the SHA-256 differs"), reports);
    }
}
