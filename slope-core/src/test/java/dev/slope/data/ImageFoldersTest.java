package dev.slope.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.SlopeException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFoldersTest {
    @TempDir
    Path dir;

    /** Writes an h×w grey PNG whose every pixel is {@code value}. */
    static void grey(Path file, int h, int w, int value) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, value);
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }

    @Test
    void trainAndTestFoldersOfClassFolders() throws IOException {
        for (String split : List.of("train", "test")) {
            for (int k = 0; k < 3; k++) {
                grey(dir.resolve(split + "/cat/" + k + ".png"), 4, 5, 10 + k);
                grey(dir.resolve(split + "/dog/" + k + ".png"), 4, 5, 200 + k);
            }
        }
        assertTrue(ImageFolders.looksLike(dir));
        ImageData data = Datasets.open(dir);
        assertEquals("image folders", data.format());
        assertEquals(List.of("cat", "dog"), data.train().classNames());
        assertEquals(6, data.train().size());
        assertEquals(6, data.test().size());
        assertEquals(4, data.train().height());
        assertEquals(5, data.train().width());
        assertEquals(1, data.train().channels());
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1}, data.train().labels());
        assertEquals(11, data.train().pixel(1, 0));
        assertEquals(202, data.test().pixel(5, 19));
        assertTrue(data.warnings().isEmpty(), data.warnings().toString());
        // a test folder of a class train/ does not have is left out, with a warning that names it
        grey(dir.resolve("test/cats/0.png"), 4, 5, 7);
        ImageData extra = Datasets.open(dir);
        assertEquals(6, extra.test().size());
        assertEquals(1, extra.warnings().size(), extra.warnings().toString());
        assertTrue(extra.warnings().get(0).contains("no class 'cats' in train/"), extra.warnings().get(0));
    }

    @Test
    void oneFolderOfClassesIsSplitBySeedAndResizedWhenAsked() throws IOException {
        for (int k = 0; k < 10; k++) {
            grey(dir.resolve("a/" + k + ".png"), 8, 8, 50);
            grey(dir.resolve("b/" + k + ".png"), 6, 6, 150);
        }
        ImageData data = ImageFolders.read(dir, new ImageFolders.Options(4, 4, 1, ImageFolders.OnBadImage.SKIP, 1));
        assertEquals(16, data.train().size());
        assertEquals(4, data.test().size(), "a fifth held out as the test split");
        assertEquals(4, data.train().height());
        SlopeException mixed = assertThrows(SlopeException.class, () -> ImageFolders.read(dir, ImageFolders.Options.DEFAULT));
        assertTrue(dev.slope.FieldNames.FLAGS.messageOf(mixed).contains("images of mixed sizes need --image-size HxW"), mixed.getMessage());
    }

    @Test
    void aBadFileIsSkippedByNameOrFatal() throws IOException {
        for (int k = 0; k < 3; k++) {
            grey(dir.resolve("a/" + k + ".png"), 4, 4, 1);
            grey(dir.resolve("b/" + k + ".png"), 4, 4, 2);
        }
        Path bad = Files.writeString(dir.resolve("b/broken.png"), "not a png");
        Path notes = Files.writeString(dir.resolve("a/notes.txt"), "hello");
        ImageData data = ImageFolders.read(dir, new ImageFolders.Options(0, 0, 0, ImageFolders.OnBadImage.SKIP, 1));
        assertEquals(6, data.train().size() + data.test().size());
        assertEquals(2, data.warnings().size(), data.warnings().toString());
        assertTrue(data.warnings().stream().anyMatch(w -> w.contains(bad.toString())), data.warnings().toString());
        assertTrue(data.warnings().stream().anyMatch(w -> w.contains(notes.toString()) && w.contains("not an image file")));
        SlopeException fatal = assertThrows(SlopeException.class,
                () -> ImageFolders.read(dir, new ImageFolders.Options(0, 0, 0, ImageFolders.OnBadImage.FAIL, 1)));
        assertTrue(dev.slope.FieldNames.FLAGS.messageOf(fatal).contains("--on-bad-image skip would skip it"), fatal.getMessage());
    }

    @Test
    void foldersWithoutClassesOrAClassWithoutImagesAreNamed() throws IOException {
        Files.writeString(dir.resolve("loose.png"), "x");
        SlopeException none = assertThrows(SlopeException.class, () -> ImageFolders.read(dir, ImageFolders.Options.DEFAULT));
        assertTrue(none.getMessage().contains("no class folders"), none.getMessage());
        grey(dir.resolve("a/0.png"), 4, 4, 1);
        Files.createDirectories(dir.resolve("empty"));
        SlopeException empty = assertThrows(SlopeException.class, () -> ImageFolders.read(dir, ImageFolders.Options.DEFAULT));
        assertTrue(empty.getMessage().contains("no images for the class 'empty'"), empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ImageFolders.Options(4, 0, 0, ImageFolders.OnBadImage.SKIP, 1));
    }

    /** Colour photographs, as users have them: scikit-image's cat and coffee, as two one-image classes resized. */
    @Test
    void realPhotographsAreReadInColour() throws IOException {
        Path data = Path.of("/usr/lib/python3/dist-packages/skimage/data");
        dev.slope.References.require(Files.isRegularFile(data.resolve("chelsea.png")), "scikit-image's photographs",
                "python3-skimage");
        for (String[] c : new String[][] {{"cat", "chelsea.png"}, {"coffee", "coffee.png"}}) {
            Files.createDirectories(dir.resolve("train/" + c[0]));
            Files.createDirectories(dir.resolve("test/" + c[0]));
            Files.copy(data.resolve(c[1]), dir.resolve("train/" + c[0] + "/" + c[1]));
            Files.copy(data.resolve(c[1]), dir.resolve("test/" + c[0] + "/" + c[1]));
        }
        ImageData photos = ImageFolders.read(dir, new ImageFolders.Options(32, 32, 0, ImageFolders.OnBadImage.FAIL, 1));
        assertEquals(3, photos.train().channels());
        assertEquals(32 * 32 * 3, photos.train().pixelsPerImage());
        assertEquals(List.of("cat", "coffee"), photos.train().classNames());
    }
}
