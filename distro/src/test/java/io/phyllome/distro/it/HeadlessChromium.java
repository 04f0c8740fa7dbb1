package io.phyllome.distro.it;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import javax.imageio.ImageIO;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver (Selenium): the browser a
 * user opens the console in. Nothing is downloaded: both programs come from apt
 * (tools/host-setup.sh), and Selenium Manager is never asked for them.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    final ChromeDriver driver;

    HeadlessChromium() {
        for (Path p : new Path[] { BROWSER, DRIVER }) {
            if (!Files.isExecutable(p)) {
                throw new AssertionError(p + " is missing: install chromium and chromium-driver (tools/host-setup.sh)");
            }
        }
        ChromeOptions options = new ChromeOptions().setBinary(BROWSER.toFile());
        // root in a container: no sandbox; a small /dev/shm: none of it
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,720",
                "--no-first-run", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(30));
    }

    /** {@code element} as it is drawn now, saved to {@code file} (a PNG). */
    static BufferedImage screenshot(WebElement element, Path file) {
        byte[] png = element.getScreenshotAs(OutputType.BYTES);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, png);
            return ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the screenshot " + file, e);
        }
    }

    /** How many distinct colours the image has (counting stops at {@code enough}): a blank frame has one. */
    static int colours(BufferedImage image, int enough) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (seen.add(image.getRGB(x, y) & 0xffffff) && seen.size() >= enough) {
                    return seen.size();
                }
            }
        }
        return seen.size();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
