package dev.slope.data;

import dev.slope.FieldNames;
import dev.slope.SlopeException;
import java.nio.file.Path;
import java.util.function.Function;

/** A data file that does not hold what its format promises; the message names the file and byte offset. */
public class DataFormatException extends SlopeException {
    private static final long serialVersionUID = 1L;

    private final long offset;
    private final transient Function<FieldNames, String> what;

    /**
     * @param file   the file at fault
     * @param offset the byte offset the problem was found at (in the uncompressed stream), or -1
     * @param what   what was expected and what was found, and what to do
     */
    public DataFormatException(Path file, long offset, String what) {
        this(file, offset, names -> what);
    }

    /**
     * @param file   the file at fault
     * @param offset the byte offset the problem was found at (in the uncompressed stream), or -1
     * @param what   what was expected and what was found, and what to do, given the names to call a field by
     */
    public DataFormatException(Path file, long offset, Function<FieldNames, String> what) {
        super(names -> file + (offset >= 0 ? ": at byte " + offset : "") + ": " + what.apply(names));
        this.offset = offset;
        this.what = what;
    }

    /** What is wrong and what to do, without the file's name (for a caller that names the input itself). */
    public String what() {
        return what(FieldNames.KEYS);
    }

    /** {@link #what()} with each field named as {@code names} names it. */
    public String what(FieldNames names) {
        return what.apply(names);
    }

    public long offset() {
        return offset;
    }
}
