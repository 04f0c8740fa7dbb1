package io.phyllome.host.libvirt.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageIO;

/** Screenshots as PNG: QEMU 7.1 and later take them so; older ones give binary PPM. */
final class Screenshots {

    private Screenshots() {
    }

    static byte[] toPng(byte[] image, String mimeType) {
        if ("image/png".equals(mimeType)) {
            return image;
        }
        if (!"image/x-portable-pixmap".equals(mimeType)) {
            throw new IllegalArgumentException("unexpected screenshot format " + mimeType);
        }
        BufferedImage picture = readPpm(image);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(picture, "png", png);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the screenshot as PNG", e);
        }
        return png.toByteArray();
    }

    /** A binary PPM (P6, 8 bits per channel). */
    static BufferedImage readPpm(byte[] ppm) {
        int[] pos = { 0 };
        String magic = token(ppm, pos);
        int width = Integer.parseInt(token(ppm, pos));
        int height = Integer.parseInt(token(ppm, pos));
        int max = Integer.parseInt(token(ppm, pos));
        if (!magic.equals("P6") || max != 255) {
            throw new IllegalArgumentException("not an 8-bit binary PPM: " + magic + ", max " + max);
        }
        int data = pos[0] + 1; // one whitespace byte ends the header
        if (ppm.length < data + 3L * width * height) {
            throw new IllegalArgumentException("PPM of " + width + "x" + height + " is truncated");
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0, i = data; y < height; y++) {
            for (int x = 0; x < width; x++, i += 3) {
                image.setRGB(x, y, (ppm[i] & 0xff) << 16 | (ppm[i + 1] & 0xff) << 8 | ppm[i + 2] & 0xff);
            }
        }
        return image;
    }

    private static String token(byte[] bytes, int[] pos) {
        while (pos[0] < bytes.length && (Character.isWhitespace(bytes[pos[0]]) || bytes[pos[0]] == '#')) {
            if (bytes[pos[0]] == '#') {
                while (pos[0] < bytes.length && bytes[pos[0]] != '\n') {
                    pos[0]++;
                }
            } else {
                pos[0]++;
            }
        }
        int start = pos[0];
        while (pos[0] < bytes.length && !Character.isWhitespace(bytes[pos[0]])) {
            pos[0]++;
        }
        return new String(bytes, start, pos[0] - start, StandardCharsets.US_ASCII);
    }
}
