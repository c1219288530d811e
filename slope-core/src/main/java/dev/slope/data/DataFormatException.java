package dev.slope.data;

import dev.slope.SlopeException;
import java.nio.file.Path;

/** A data file that does not hold what its format promises; the message names the file and byte offset. */
public class DataFormatException extends SlopeException {
    private static final long serialVersionUID = 1L;

    private final long offset;

    /**
     * @param file   the file at fault
     * @param offset the byte offset the problem was found at (in the uncompressed stream), or -1
     * @param what   what was expected and what was found, and what to do
     */
    public DataFormatException(Path file, long offset, String what) {
        super(file + (offset >= 0 ? ": at byte " + offset : "") + ": " + what);
        this.offset = offset;
    }

    public long offset() {
        return offset;
    }
}
