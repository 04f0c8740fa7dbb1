package io.phyllome.distro.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The web console's pages in a browser, for ConsolePagesE2EIT: open one, wait for it, save it as a PNG, see what it loaded. */
final class ConsolePages {

    private final HeadlessChromium browser;
    private final String base;
    private final Path shots;

    ConsolePages(HeadlessChromium browser, int port, Path shots) {
        this.browser = browser;
        this.base = "http://127.0.0.1:" + port + "/";
        this.shots = shots;
    }

    String base() {
        return base;
    }

    /** Opens {@code page} (e.g. {@code index.html}) and waits until {@code ready} holds. */
    void open(String page, java.util.function.BooleanSupplier ready, String what) {
        browser.driver.get(base + page);
        await(ready, what + " (" + page + ")");
    }

    void await(java.util.function.BooleanSupplier ready, String what) {
        Osgi.await(Duration.ofSeconds(90), () -> {
            try {
                return ready.getAsBoolean();
            } catch (org.openqa.selenium.WebDriverException e) {
                return false; // the page is still loading or changing
            }
        }, () -> what + "; the page: " + browser.driver.getCurrentUrl() + " says: " + text("main, body"));
    }

    String body(String attribute) {
        return browser.driver.findElement(By.tagName("body")).getDomAttribute(attribute);
    }

    String text(String css) {
        List<WebElement> found = browser.driver.findElements(By.cssSelector(css));
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    WebElement find(String css) {
        return browser.driver.findElement(By.cssSelector(css));
    }

    void type(String id, String text) {
        WebElement input = browser.driver.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    /** Saves the whole page as {@code name}.png and checks it shows something (more than a few colours). */
    void shoot(String name) {
        int colours = HeadlessChromium.colours(HeadlessChromium.screenshot(find("body"), shots.resolve(name + ".png")), 8);
        assertTrue(name + ".png is not blank (" + colours + " colours)", colours >= 4);
    }

    /** Everything the page loaded came from this host (the performance entries of its resources and the CSP it got). */
    void loadedOnlyFromThisHost() {
        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) browser.driver.executeScript("return performance.getEntriesByType('resource').map(e => e.name)"
                + ".concat(performance.getEntriesByType('navigation').map(e => e.name));");
        assertTrue("the page loaded something: " + loaded, !loaded.isEmpty());
        for (String url : loaded) {
            assertTrue(browser.driver.getCurrentUrl() + " loaded " + url + " from elsewhere", url.startsWith(base) || url.startsWith(base.replace("http:", "ws:")));
        }
        assertEquals("no external font or script was even tried", 0L,
                browser.driver.executeScript("return performance.getEntriesByType('resource').filter(e => !e.name.startsWith(location.origin)).length;"));
    }
}
