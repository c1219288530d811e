package dev.slope.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.data.DataFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoresCsvTest {
    @TempDir
    Path dir;

    @Test
    void readsScoresWithAnOptionalHeader() throws IOException {
        Path f = Files.writeString(dir.resolve("s.csv"), "cat,car,frog\n3.2, 5.1, -1.7\n\n# comment\n1.3,4.9,2.0\n");
        ScoresCsv.Scores s = ScoresCsv.readScores(f);
        assertEquals(2, s.rows());
        assertEquals(3, s.cols());
        assertEquals(List.of("cat", "car", "frog"), s.header());
        assertArrayEquals(new double[] {3.2, 5.1, -1.7, 1.3, 4.9, 2.0}, s.values(), 0);
    }

    @Test
    void aNonNumericCellIsNamedByLineAndColumn() throws IOException {
        Path f = Files.writeString(dir.resolve("s.csv"), "1,2,3\n4,x5,6\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> ScoresCsv.readScores(f));
        assertTrue(e.getMessage().endsWith("line 2, column 2: 'x5' is not a number"), e.getMessage());
    }

    @Test
    void aRaggedRowIsNamed() throws IOException {
        Path f = Files.writeString(dir.resolve("s.csv"), "1,2,3\n4,5,6\n7,8\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> ScoresCsv.readScores(f));
        assertTrue(e.getMessage().contains("line 3 has 2 columns but line 1 has 3"), e.getMessage());
    }

    @Test
    void emptyAndNonFiniteInput() throws IOException {
        assertThrows(DataFormatException.class, () -> ScoresCsv.readScores(Files.writeString(dir.resolve("e.csv"), "\n\n")));
        assertThrows(DataFormatException.class, () -> ScoresCsv.readScores(Files.writeString(dir.resolve("n.csv"), "1,NaN\n")));
    }

    @Test
    void labelsMustBeIntegersInRange() throws IOException {
        assertArrayEquals(new int[] {0, 2, 1}, ScoresCsv.readLabels(Files.writeString(dir.resolve("l"), "0\n2\n1\n"), 3));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> ScoresCsv.readLabels(Files.writeString(dir.resolve("l2"), "0\n3\n"), 3));
        assertTrue(e.getMessage().contains("line 2: label 3 is outside 0..2"), e.getMessage());
        e = assertThrows(DataFormatException.class, () -> ScoresCsv.readLabels(Files.writeString(dir.resolve("l3"), "1.5\n"), 3));
        assertTrue(e.getMessage().contains("'1.5' is not an integer label"), e.getMessage());
    }
}
