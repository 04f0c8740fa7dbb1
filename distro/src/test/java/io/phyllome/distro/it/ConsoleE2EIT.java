package io.phyllome.distro.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The web console in a real browser (issue 16): the test guest runs under the service, whose
 * listener serves the console; {@code vm:console} gives a link with a one-time ticket, headless
 * chromium opens it and noVNC draws the VM's screen (a frame of more than one colour, saved under
 * target/it/console). The screen's WebSocket refuses a missing ticket, a used one and one issued
 * for another VM, and opens (101) for a fresh one. The serial console page (xterm.js) shows the
 * guest's marker from its serial log (read-only: the profiles' serial port writes to a file).
 */
public class ConsoleE2EIT {

    private static final Path SHOTS = Path.of(TestPlatform.required("phyllome.it.work"), "console");

    private final Path state = Path.of("/tmp", "phy-" + TestGuest.random(3));
    private final String vm = TestGuest.uniqueName("con");
    private final HttpClient http = HttpClient.newHttpClient();
    private Service service;
    private int port;

    @Test
    public void theBrowserShowsARunningVmsScreenAndTheWebSocketWantsAFreshTicketForThatVm() throws Exception {
        port = RestClient.freePort();
        Path config = state.resolveSibling(state.getFileName() + "-etc");
        Files.createDirectories(config);
        Files.writeString(config.resolve("io.phyllome.host.rest.cfg"), "port=" + port + "\n"); // the REST API's listener, which the console shares
        service = new Service(state, "qemu:///embed?root=" + state.resolve("libvirt")).with("PHYLLOME_CONFIG_DIR", config.toString()).start();
        service.run("vm:create", "--memory", "256M", "--cpus", "1", "--disk", "64M", "--kernel", TestGuest.kernel().toString(),
                "--initrd", TestGuest.initrd().toString(), "--cmdline", "console=tty0 console=ttyS0 phyllome.marker=con", "linux", vm).ok();
        service.run("vm:start", vm).ok();
        // the guest powers itself off once booted: every ticket is issued while it runs
        String link = service.run("vm:console", vm).ok().out().lines().findFirst().orElseThrow();
        String second = ticketOf(service.run("vm:console", vm).ok().out());
        String third = ticketOf(service.run("vm:console", vm).ok().out());
        assertTrue("the link is the console page on this host: " + link, link.startsWith("http://127.0.0.1:" + port + "/console.html?vm=" + vm));

        try (HeadlessChromium browser = new HeadlessChromium()) {
            browser.driver.get(link);
            Osgi.await(Duration.ofSeconds(60), () -> "true".equals(browser.driver.findElement(By.tagName("body")).getDomAttribute("data-connected")),
                    () -> "noVNC connected to " + vm + " (the page says: " + status(browser) + ")\n" + Host.read(service.log()));
            assertEquals("the ticket left the address bar", "http://127.0.0.1:" + port + "/console.html?vm=" + vm,
                    browser.driver.getCurrentUrl());
            WebElement canvas = browser.driver.findElement(By.cssSelector("#screen canvas"));
            int[] colours = { 0 };
            Osgi.await(Duration.ofSeconds(60), () -> {
                BufferedImage frame = HeadlessChromium.screenshot(canvas, SHOTS.resolve("vm-screen.png"));
                colours[0] = HeadlessChromium.colours(frame, 16);
                return colours[0] > 1;
            }, () -> "the screen of " + vm + " draws a frame of more than one colour (saw " + colours[0] + ", " + SHOTS.resolve("vm-screen.png") + ")");
            HeadlessChromium.screenshot(browser.driver.findElement(By.tagName("body")), SHOTS.resolve("console-page.png"));
            assertTrue("Ctrl+Alt+Del is offered once connected", browser.driver.findElement(By.id("ctrl-alt-del")).isEnabled());
            browser.driver.findElement(By.id("ctrl-alt-del")).click(); // reaches the guest: noVNC stays connected
            assertEquals("Connected", status(browser));
        }

        String used = link.substring(link.indexOf("ticket=") + "ticket=".length());
        assertEquals("without a ticket", 403, upgrade(vm, null));
        assertEquals("with the ticket the browser used", 403, upgrade(vm, used));
        assertEquals("with a ticket for another VM", 403, upgrade("con-other", second));
        assertEquals("a refused ticket is spent too", 403, upgrade(vm, second));
        assertEquals("a fresh ticket for this VM opens the screen", 101, upgrade(vm, third));
        serialConsoleShowsTheGuestsMarker(); // also once the guest has powered itself off

        service.run("vm:delete", "--with-disks", vm).ok(); // stops it first if the guest still runs
    }

    /** What the page's status line says, or the page itself when it has none (an error page). */
    /** The serial console page (xterm.js) shows what the guest wrote to its serial port: its marker. */
    private void serialConsoleShowsTheGuestsMarker() throws InterruptedException {
        String link = service.run("vm:console", "--serial", vm).ok().out().lines().findFirst().orElseThrow();
        assertTrue("the link is the serial page: " + link, link.startsWith("http://127.0.0.1:" + port + "/serial.html?vm=" + vm + "&ticket="));
        try (HeadlessChromium browser = new HeadlessChromium()) {
            browser.driver.get(link);
            String[] text = { "" };
            Osgi.await(Duration.ofSeconds(90), () -> {
                text[0] = String.valueOf(browser.driver.executeScript("const b = window.phyllomeSerial.buffer.active; let t = '';"
                        + " for (let i = 0; i < b.length; i++) { t += b.getLine(i).translateToString(true) + '\\n'; } return t;"));
                return text[0].contains("PHYLLOME-MARKER con");
            }, () -> "the serial console of " + vm + " shows the guest's marker (the page says: " + status(browser) + "):\n" + text[0]);
            HeadlessChromium.screenshot(browser.driver.findElement(By.tagName("body")), SHOTS.resolve("serial-console.png"));
        }
        assertEquals("the serial console without a ticket", 403, upgrade("serial", vm, null));
    }

    private static String status(HeadlessChromium browser) {
        var status = browser.driver.findElements(By.id("status"));
        return status.isEmpty() ? browser.driver.getCurrentUrl() + ": " + browser.driver.getPageSource() : status.get(0).getText();
    }

    private static String ticketOf(String commandOutput) {
        String link = commandOutput.lines().findFirst().orElseThrow();
        return link.substring(link.indexOf("ticket=") + "ticket=".length());
    }

    /** Opens the screen's WebSocket as noVNC does: 101 when it opened, else the refusal's status. */
    private int upgrade(String name, String ticket) throws InterruptedException {
        return upgrade("vnc", name, ticket);
    }

    private int upgrade(String kind, String name, String ticket) throws InterruptedException {
        URI uri = URI.create("ws://127.0.0.1:" + port + "/console/" + kind + "/" + name + (ticket == null ? "" : "?ticket=" + ticket));
        try {
            WebSocket socket = http.newWebSocketBuilder().subprotocols("binary").buildAsync(uri, new WebSocket.Listener() {
            }).get(30, TimeUnit.SECONDS);
            socket.abort();
            return 101;
        } catch (java.util.concurrent.ExecutionException | CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw new AssertionError("opening " + uri + " failed otherwise", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("opening " + uri + " did not answer within 30 s", e);
        }
    }


    @After
    public void cleanUp() {
        if (service != null) {
            service.close();
        }
        Host.quietly("rm", "-rf", state.toString());
    }
}
