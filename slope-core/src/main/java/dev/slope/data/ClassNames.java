package dev.slope.data;

import dev.slope.SlopeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Class-name files ({@code classes.txt}, CIFAR-10's {@code batches.meta.txt}): one name per line, blanks skipped. */
final class ClassNames {
    static final int MAX = 256;

    private ClassNames() {
    }

    static List<String> read(Path file) {
        IdxReader.requireReadableFile(file);
        try {
            List<String> names = new ArrayList<>();
            for (String line : java.nio.file.Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    names.add(line.strip());
                }
            }
            if (names.isEmpty() || names.size() > MAX) {
                throw new DataFormatException(file, 0, "expected 1 to " + MAX + " class names, one per line, found "
                        + names.size());
            }
            return names;
        } catch (IOException e) {
            throw new SlopeException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
