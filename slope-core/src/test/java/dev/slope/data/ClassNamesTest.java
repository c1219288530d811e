package dev.slope.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.SlopeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassNamesTest {
    @TempDir
    Path dir;

    @Test
    void oneNamePerLineStrippedAndBlankLinesSkipped() throws IOException {
        Path f = Files.writeString(dir.resolve("classes.txt"), "airplane\n  automobile \n\nbird\r\n");
        assertEquals(List.of("airplane", "automobile", "bird"), ClassNames.read(f));
    }

    @Test
    void emptyTooManyAndFoldersAreNamed() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.txt"), "\n\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> ClassNames.read(empty));
        assertTrue(e.getMessage().contains("expected 1 to 256 class names"), e.getMessage());
        Path many = Files.writeString(dir.resolve("many.txt"), "c\n".repeat(257));
        assertThrows(DataFormatException.class, () -> ClassNames.read(many));
        SlopeException folder = assertThrows(SlopeException.class, () -> ClassNames.read(dir));
        assertTrue(folder.getMessage().contains("is a folder"), folder.getMessage());
    }
}
