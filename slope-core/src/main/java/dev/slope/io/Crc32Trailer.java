package dev.slope.io;

import dev.slope.data.DataFormatException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.CRC32;

/** The last four bytes of every Slope binary file: the CRC-32 of every byte before them, big-endian. */
public final class Crc32Trailer {
    private Crc32Trailer() {
    }

    /** Appends the CRC-32 of {@code buf}'s bytes so far (from 0 to its position). */
    public static void append(ByteBuffer buf) {
        CRC32 crc = new CRC32();
        crc.update(buf.array(), 0, buf.position());
        buf.putInt((int) crc.getValue());
    }

    /**
     * Refuses bytes whose trailer does not match: "checksum mismatch (stored …, computed …): the {@code what} is corrupt
     * or was cut short{@code advice}". The caller has checked there are at least four bytes.
     */
    public static void verify(Path file, byte[] bytes, String what, String advice) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt();
        if (stored != (int) crc.getValue()) {
            throw new DataFormatException(file, bytes.length - 4, String.format("checksum mismatch (stored %08x, computed"
                    + " %08x): the %s is corrupt or was cut short%s", stored, (int) crc.getValue(), what, advice));
        }
    }
}
