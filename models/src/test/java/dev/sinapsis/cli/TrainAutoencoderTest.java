package dev.sinapsis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The denoising autoencoder, trained briefly on a slice of the embedded data, reconstructs the
 * clean test images from noisy ones (noise 0.5) with a PSNR at least {@value #MARGIN_DB} dB above
 * the noisy input's, with either decoder; the picture has input, noisy and reconstruction rows.
 */
class TrainAutoencoderTest {
    /** The improvement over the noisy input the test asks for, in dB. */
    static final double MARGIN_DB = 6.0;

    @TempDir
    Path tmp;

    @Test
    void unpoolingDenoiserBeatsTheNoisyInputByTheMargin() throws Exception {
        check("unpool");
    }

    @Test
    void transposedConvolutionDenoiserBeatsTheNoisyInputByTheMargin() throws Exception {
        check("transposed");
    }

    private void check(String decoder) throws Exception {
        Path out = tmp.resolve(decoder);
        Cli r = Cli.run("train", "autoencoder", "--decoder", decoder, "--denoise", "--epochs", "2", "--train-limit", "2000", "--batch", "16", "--lr", "2e-3",
                "--test-limit", "300", "--out", out.toString());
        assertEquals(0, r.code(), r::toString);
        String[] lines = r.out().strip().split("\\R");
        String json = lines[lines.length - 1];
        System.out.println("TrainAutoencoderTest " + decoder + ": " + json);
        double psnr = number(json, "test_psnr");
        double noisy = number(json, "noisy_psnr");
        assertEquals(0.5, number(json, "denoise"));
        assertTrue(psnr >= noisy + MARGIN_DB, "PSNR " + psnr + " dB is not " + MARGIN_DB + " dB above the noisy input's "
                + noisy + " dB\n" + r);
        assertTrue(r.out().contains("noisy input: PSNR"), r::toString);
        BufferedImage picture = ImageIO.read(out.resolve("reconstructions.png").toFile());
        assertEquals(10 * (28 * 2 + 2) + 2, picture.getWidth());
        assertEquals(3 * (28 * 2 + 2) + 2, picture.getHeight()); // input, noisy, reconstruction
        for (String f : new String[] {"loss.png", "psnr.png", "metrics.csv", "summary.json", "model.safetensors"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
    }

    private static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":(-?[0-9.]+)").matcher(json);
        assertTrue(m.find(), key + " missing from " + json);
        return Double.parseDouble(m.group(1));
    }
}
