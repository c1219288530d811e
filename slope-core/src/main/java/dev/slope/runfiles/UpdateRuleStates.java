package dev.slope.runfiles;

import dev.slope.io.Crc32Trailer;

import dev.slope.data.DataFormatException;
import dev.slope.optimize.UpdateRule;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one format of an update rule's saved state (for checkpoints), beside the model file's:
 *
 * <pre>
 *   offset 0   8 bytes   "SLOPEUPD"
 *   offset 8   int32     format version ({@value #VERSION})
 *   offset 12  int32     L, length of the rule's name; then L bytes of UTF-8
 *              int64     steps taken
 *              int32     K, the number of arrays; then K times: int32 length n, n float32s
 *   end − 4    int32     CRC-32 of every byte before it
 * </pre>
 *
 * Big-endian. Every length is checked against the bytes left before anything is allocated.
 */
public final class UpdateRuleStates {
    public static final int VERSION = 1;
    static final byte[] MAGIC = "SLOPEUPD".getBytes(StandardCharsets.US_ASCII);

    private UpdateRuleStates() {
    }

    public static byte[] encode(UpdateRule.State state) {
        byte[] name = state.rule().getBytes(StandardCharsets.UTF_8);
        List<float[]> arrays = state.arrays();
        long size = MAGIC.length + 4 + 4 + name.length + 8 + 4 + 4;
        for (float[] a : arrays) {
            size += 4 + 4L * a.length;
        }
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(size));
        buf.put(MAGIC).putInt(VERSION).putInt(name.length).put(name).putLong(state.steps()).putInt(arrays.size());
        for (float[] a : arrays) {
            buf.putInt(a.length);
            for (float v : a) {
                buf.putFloat(v);
            }
        }
        Crc32Trailer.append(buf);
        return buf.array();
    }

    /** Parses a saved state; {@code file} only names it in errors. */
    public static UpdateRule.State decode(Path file, byte[] bytes) {
        int min = MAGIC.length + 4 + 4 + 8 + 4 + 4;
        if (bytes.length < min) {
            throw new DataFormatException(file, bytes.length, "only " + bytes.length + " bytes: not an update-rule state");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        byte[] magic = new byte[MAGIC.length];
        buf.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new DataFormatException(file, 0, "not a Slope update-rule state: it should start with \"SLOPEUPD\"");
        }
        int version = buf.getInt();
        if (version != VERSION) {
            throw new DataFormatException(file, 8, "update-rule state version " + version + ", but this Slope reads version "
                    + VERSION);
        }
        Crc32Trailer.verify(file, bytes, "state", "");
        int nameLength = buf.getInt();
        if (nameLength < 0 || nameLength > bytes.length - buf.position() - 16) {
            throw new DataFormatException(file, 12, "a rule name of " + nameLength + " bytes does not fit in the file");
        }
        byte[] name = new byte[nameLength];
        buf.get(name);
        long steps = buf.getLong();
        int count = buf.getInt();
        if (count < 0 || 4L * count > bytes.length - buf.position() - 4) {
            throw new DataFormatException(file, buf.position() - 4, count + " arrays do not fit in the file");
        }
        List<float[]> arrays = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            int n = buf.getInt();
            if (n < 0 || 4L * n > bytes.length - buf.position() - 4) {
                throw new DataFormatException(file, buf.position() - 4, "array " + k + " of " + n + " values does not fit"
                        + " in the file");
            }
            float[] a = new float[n];
            for (int i = 0; i < n; i++) {
                a[i] = buf.getFloat();
            }
            arrays.add(a);
        }
        if (buf.position() != bytes.length - 4) {
            throw new DataFormatException(file, buf.position(), (bytes.length - 4 - buf.position())
                    + " bytes left over after the last array");
        }
        return new UpdateRule.State(new String(name, StandardCharsets.UTF_8), steps, arrays);
    }
}
