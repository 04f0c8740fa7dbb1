package io.phyllome.distro.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.After;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The web console as a newcomer drives it (issue 16), in headless chromium: a wrong token is
 * refused and a right one logs in; the test guest is created from the form (a mistake shown
 * beside its field first), started from the list, its screen drawn by noVNC and its marker shown
 * by the serial console (tickets from the API, bound to the session); the list turns to shut-off
 * by itself when the guest powers off; the VM is deleted with its disks. Each page is saved under
 * target/it/console-pages and loads nothing from elsewhere; the token and the session id appear in
 * no page and no log.
 */
public class ConsolePagesE2EIT {

    private static final Path SHOTS = Path.of(TestPlatform.required("phyllome.it.work"), "console-pages");

    private final Path state = Path.of("/tmp", "phy-" + TestGuest.random(3));
    private final String vm = TestGuest.uniqueName("pages");
    private Service service;

    @Test
    public void aNewcomerLogsInCreatesWatchesAndDeletesAVmInTheBrowser() throws Exception {
        int port = RestClient.freePort();
        Path config = state.resolveSibling(state.getFileName() + "-etc");
        Files.createDirectories(config);
        Files.writeString(config.resolve("io.phyllome.host.rest.cfg"), "port=" + port + "\n");
        service = new Service(state, "qemu:///embed?root=" + state.resolve("libvirt")).with("PHYLLOME_CONFIG_DIR", config.toString()).start();
        String token = service.run("host:token", "create", "pages-it").out().strip();
        RestClient api = new RestClient(port).token(token);
        Osgi.await(Duration.ofSeconds(60), () -> { try { return api.get("/vms").statusCode() == 200; } catch (RuntimeException e) { return false; } },
                () -> "the console's listener on port " + port);

        String sessionId;
        try (HeadlessChromium browser = new HeadlessChromium()) {
            ConsolePages pages = new ConsolePages(browser, port, SHOTS);
            pages.open("", () -> pages.find("#token").isDisplayed(), "without a session the console asks for a token");
            pages.shoot("login");
            pages.type("token", "phy_not-a-token");
            pages.find("#login button").click();
            pages.await(() -> "true".equals(pages.body("data-refused")), "a wrong token is refused");
            assertTrue(pages.text("#token-error"), pages.text("#token-error").contains("not valid"));
            pages.type("token", token);
            pages.find("#login button").click();
            pages.await(() -> browser.driver.getCurrentUrl().endsWith("/index.html") && "true".equals(pages.body("data-live")), "logged in: the VMs page");
            Cookie session = browser.driver.manage().getCookieNamed("phyllome_session");
            sessionId = session.getValue();
            assertTrue("the session cookie is HttpOnly", session.isHttpOnly());
            assertEquals("Strict", session.getSameSite());
            assertFalse("the token is in no page", browser.driver.getPageSource().contains(token));

            createFromTheForm(pages, browser);
            pages.open("index.html", () -> "true".equals(pages.body("data-live")), "the list");
            WebElement row = pages.find("tr[data-vm='" + vm + "']");
            assertEquals("shut-off", row.getDomAttribute("data-state"));
            row.findElement(By.cssSelector("button.start")).click();
            pages.await(() -> "running".equals(pages.find("tr[data-vm='" + vm + "']").getDomAttribute("data-state")), "the list shows it running");
            pages.shoot("vm-list");
            pages.loadedOnlyFromThisHost();

            pages.find("tr[data-vm='" + vm + "'] a.open-serial").click();
            pages.await(() -> String.valueOf(browser.driver.executeScript("const b = window.phyllomeSerial.buffer.active;"
                    + " let t = ''; for (let i = 0; i < b.length; i++) { t += b.getLine(i).translateToString(true); } return t;"))
                    .contains("PHYLLOME-MARKER pages"), "the serial console shows the guest's marker: it booted");
            pages.shoot("serial");
            browser.driver.navigate().back();
            pages.await(() -> "true".equals(pages.body("data-live")), "the list again");
            pages.find("tr[data-vm='" + vm + "'] a.open-screen").click();
            pages.await(() -> "true".equals(pages.body("data-connected")), "noVNC connected with a ticket from the API");
            WebElement canvas = pages.find("#screen canvas");
            int[] colours = { 0 };
            pages.await(() -> {
                BufferedImage frame = HeadlessChromium.screenshot(canvas, SHOTS.resolve("vm-screen.png"));
                colours[0] = HeadlessChromium.colours(frame, 16);
                return colours[0] > 1;
            }, "the screen draws a frame of more than one colour");
            pages.shoot("console");
            pages.loadedOnlyFromThisHost();

            ticketsAreBoundToTheSessionAndTheVm(port, sessionId, api);
            String link = service.run("vm:console", vm).out().lines().findFirst().orElseThrow(); // the shell's link, bound to no session
            browser.driver.get(link);
            pages.await(() -> "true".equals(pages.body("data-connected")), "the shell's link opens in the browser that has a session too");


            pages.open("index.html", () -> "true".equals(pages.body("data-live")), "the list");
            pages.find("tr[data-vm='" + vm + "'] button.shutdown").click(); // the guest (phyllome.stay) powers off on the power button
            pages.await(() -> "shut-off".equals(pages.find("tr[data-vm='" + vm + "']").getDomAttribute("data-state")),
                    "the list turns to shut-off by itself (events, no reload)");
            browser.driver.manage().window().setSize(new Dimension(390, 800));
            pages.shoot("vm-list-phone");
            browser.driver.manage().window().setSize(new Dimension(1280, 720));

            uploadAMedium(pages);
            for (String page : new String[] { "host", "disks", "media", "profiles" }) {
                pages.open(page + ".html", () -> pages.find("#content table") != null && pages.text("#content").length() > 20, "the " + page + " page");
                pages.shoot(page);
                pages.loadedOnlyFromThisHost();
            }
            assertTrue(pages.text("#content"), pages.text("#content").contains("linux"));

            pages.open("vm.html?name=" + vm, () -> pages.text("#details").contains("shut-off"), "the VM's page");
            pages.shoot("vm");
            pages.find("input[name='disks'][value='delete']").click();
            pages.find("#delete button").click();
            pages.await(() -> browser.driver.getCurrentUrl().endsWith("/index.html") && "true".equals(pages.body("data-live"))
                    && browser.driver.findElements(By.cssSelector("tr[data-vm='" + vm + "']")).isEmpty(), "deleted: the list has it no more");
            assertFalse("the session id is in no page", browser.driver.getPageSource().contains(sessionId));
            browser.driver.findElement(By.xpath("//button[text()='Log out']")).click();
            pages.await(() -> pages.find("#token").isDisplayed(), "logged out: the login page");
            HttpResponse<String> after = api.http().send(HttpRequest.newBuilder(URI.create(pages.base() + "api/v1/vms"))
                    .header("Cookie", "phyllome_session=" + sessionId).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("the session ended with the logout", 401, after.statusCode());
            HttpResponse<String> login = api.http().send(HttpRequest.newBuilder(URI.create(pages.base() + "login.html")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue("each page allows only this host: " + login.headers().map(),
                    login.headers().firstValue("Content-Security-Policy").orElse("").startsWith("default-src 'self'"));
        }
        assertEquals(404, api.get("/vms/" + vm).statusCode());
        assertFalse("its disk went with it", api.get("/disks").body().contains(vm));
        String log = Host.read(service.log());
        assertFalse("the token is in no log", log.contains(token));
        assertFalse("the session id is in no log", log.contains(sessionId));
    }

    private void createFromTheForm(ConsolePages pages, HeadlessChromium browser) {
        pages.open("create.html", () -> "true".equals(pages.body("data-ready")), "the create form");
        new Select(pages.find("#profile")).selectByValue("linux");
        pages.await(() -> !pages.text("#memory-help").isEmpty(), "the profile's resources");
        pages.type("name", vm);
        pages.type("memory", "lots");
        pages.type("cpus", "1");
        pages.type("disk", "64M");
        browser.driver.findElement(By.cssSelector("details summary")).click();
        pages.type("kernel", TestGuest.kernel().toString());
        pages.type("initrd", TestGuest.initrd().toString());
        pages.type("cmdline", "console=tty0 console=ttyS0 phyllome.marker=pages phyllome.stay");
        pages.find("#create button[type='submit']").click();
        pages.await(() -> !browser.driver.findElements(By.id("error-memory")).isEmpty(), "the API's message beside the memory field");
        assertEquals("true", pages.find("#memory").getDomAttribute("aria-invalid"));
        pages.shoot("create");
        pages.type("memory", "256M");
        pages.find("#create button[type='submit']").click();
        pages.await(() -> browser.driver.getCurrentUrl().contains("/vm.html?name=" + vm) && pages.text("#details").contains("shut-off"), "created");
    }

    /** The media page uploads a file with its progress; the host refuses a SHA-256 that differs and keeps the file whose SHA-256 matches. */
    private void uploadAMedium(ConsolePages pages) throws Exception {
        Path file = state.resolveSibling(state.getFileName() + "-pages.iso");
        byte[] bytes = new byte[4 << 20];
        new java.util.Random(16).nextBytes(bytes);
        Files.write(file, bytes);
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        try {
            pages.open("media.html", () -> pages.find("#upload").isDisplayed(), "the media page");
            pages.find("#file").sendKeys(file.toString());
            pages.type("sha256", "0".repeat(64));
            pages.find("#upload button").click();
            pages.await(() -> pages.text("#status").startsWith("Not uploaded"), "a SHA-256 that differs is refused");
            pages.type("sha256", sha);
            pages.find("#upload button").click();
            pages.await(() -> pages.text("#status").contains("is in the library"), "the upload with the right SHA-256");
            assertEquals("100", pages.find("#progress").getDomProperty("value"));
            pages.await(() -> pages.text("#list").contains(sha), "the library lists it with its SHA-256");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** A ticket from the API opens its VM's screen once, for its session only; a cookie without the console's header changes nothing. */
    private void ticketsAreBoundToTheSessionAndTheVm(int port, String sessionId, RestClient api) throws Exception {
        String cookie = "phyllome_session=" + sessionId;
        HttpResponse<String> forged = api.http().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/vms/" + vm + "/console-ticket"))
                .header("Cookie", cookie).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("a state change by cookie without the console's header: " + forged.body(), 403, forged.statusCode());
        assertEquals("another session's ticket", 403, ConsoleSockets.open(port, "vnc", vm, ticket(port, cookie, api), null));
        assertEquals("a ticket for another VM", 403, ConsoleSockets.open(port, "vnc", "pages-other", ticket(port, cookie, api), cookie));
        String fresh = ticket(port, cookie, api);
        assertEquals("a fresh ticket of this session", 101, ConsoleSockets.open(port, "vnc", vm, fresh, cookie));
        assertEquals("a used ticket", 403, ConsoleSockets.open(port, "vnc", vm, fresh, cookie));
        assertEquals("no ticket", 403, ConsoleSockets.open(port, "vnc", vm, null, cookie));
    }

    /** A ticket for the VM, asked for as the console's pages do: the session's cookie and the console's header. */
    private String ticket(int port, String cookie, RestClient api) throws Exception {
        HttpResponse<String> issued = api.http().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/vms/" + vm + "/console-ticket"))
                .header("Cookie", cookie).header("X-Phyllome-Console", "1").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(issued.body(), 200, issued.statusCode());
        JsonNode body = RestClient.JSON.readTree(issued.body());
        assertEquals(vm, body.path("vm").asText());
        return body.path("ticket").asText();
    }

    @After
    public void cleanUp() {
        if (service != null) {
            service.close();
        }
        Host.quietly("rm", "-rf", state.toString(), state.resolveSibling(state.getFileName() + "-etc").toString());
    }
}
