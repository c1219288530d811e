package dev.slope.io;

import dev.slope.SlopeException;
import dev.slope.data.DataFormatException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the small text files {@code slope loss} takes: a score matrix as CSV (one example per line,
 * one column per class, comma-separated, an optional header line of names) and labels (one integer
 * per line). Blank lines and lines starting with {@code #} are skipped.
 */
public final class ScoresCsv {
    private ScoresCsv() {
    }

    /** A parsed score matrix: N rows of C values, row-major, and the header names if there was one. */
    public record Scores(double[] values, int rows, int cols, List<String> header) {
    }

    public static Scores readScores(Path file) {
        List<String> lines = lines(file);
        List<double[]> rows = new ArrayList<>();
        List<String> header = List.of();
        int cols = -1;
        int firstLine = -1;
        for (int ln = 0; ln < lines.size(); ln++) {
            String line = lines.get(ln).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (rows.isEmpty() && cols < 0 && !looksNumeric(cells[0])) {
                header = List.of(cells).stream().map(String::strip).toList();
                cols = cells.length;
                firstLine = ln + 1;
                continue;
            }
            if (cols < 0) {
                cols = cells.length;
                firstLine = ln + 1;
            } else if (cells.length != cols) {
                throw new DataFormatException(file, -1, "line " + (ln + 1) + " has " + cells.length + " columns but line "
                        + firstLine + " has " + cols + "; every example needs one score per class");
            }
            double[] row = new double[cells.length];
            for (int c = 0; c < cells.length; c++) {
                String cell = cells[c].strip();
                try {
                    row[c] = Double.parseDouble(cell);
                } catch (NumberFormatException e) {
                    throw new DataFormatException(file, -1, "line " + (ln + 1) + ", column " + (c + 1) + ": '" + cell
                            + "' is not a number");
                }
                if (!Double.isFinite(row[c])) {
                    throw new DataFormatException(file, -1, "line " + (ln + 1) + ", column " + (c + 1) + ": '" + cell
                            + "' is not a finite number");
                }
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new DataFormatException(file, -1, "holds no scores: expected one line per example, one comma-separated"
                    + " score per class");
        }
        if (cols < 2) {
            throw new DataFormatException(file, -1, "has " + cols + " column; a classifier needs scores for at least 2 classes");
        }
        double[] values = new double[rows.size() * cols];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, values, i * cols, cols);
        }
        return new Scores(values, rows.size(), cols, header);
    }

    /** Labels, one integer in 0..classes-1 per line. */
    public static int[] readLabels(Path file, int classes) {
        List<String> lines = lines(file);
        List<Integer> labels = new ArrayList<>();
        for (int ln = 0; ln < lines.size(); ln++) {
            String line = lines.get(ln).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int y;
            try {
                y = Integer.parseInt(line);
            } catch (NumberFormatException e) {
                throw new DataFormatException(file, -1, "line " + (ln + 1) + ": '" + line + "' is not an integer label");
            }
            if (y < 0 || y >= classes) {
                throw new DataFormatException(file, -1, "line " + (ln + 1) + ": label " + y + " is outside 0.." + (classes - 1)
                        + " (the scores have " + classes + " columns)");
            }
            labels.add(y);
        }
        return labels.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean looksNumeric(String cell) {
        try {
            Double.parseDouble(cell.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static List<String> lines(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new SlopeException(file + ": no such file");
        }
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<String> out = new ArrayList<>();
            String line;
            while ((line = r.readLine()) != null) {
                out.add(line);
                if (out.size() > 10_000_000) {
                    throw new DataFormatException(file, -1, "more than 10 million lines; too large for slope loss");
                }
            }
            return out;
        } catch (java.nio.charset.MalformedInputException e) {
            throw new DataFormatException(file, -1, "is not UTF-8 text; expected a CSV file");
        } catch (IOException e) {
            throw new SlopeException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
