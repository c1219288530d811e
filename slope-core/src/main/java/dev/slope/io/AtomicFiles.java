package dev.slope.io;

import dev.slope.SlopeException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that readers see either the old content or the whole new one, never a part: the
 * bytes go to a temporary file in the same folder, are forced to disk, and the temporary file is
 * renamed over the target (an atomic rename on POSIX file systems), then the folder is synced.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes content streamed by {@code writer} (buffered), with the same guarantees as {@link #write(Path, byte[])}. */
    @FunctionalInterface
    public interface Content {
        void writeTo(java.io.OutputStream out) throws IOException;
    }

    public static void write(Path target, byte[] content) {
        write(target, out -> out.write(content));
    }

    public static void write(Path target, Content content) {
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new SlopeException(n -> target + ": the folder " + dir + " does not exist; create it or choose another "
                    + n.name("out"));
        }
        if (Files.isDirectory(target)) {
            throw new SlopeException(target + ": is a folder; give a file name such as " + target.resolve("model.slope"));
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            readableByAll(tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                 java.io.OutputStream out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(ch),
                         1 << 16)) {
                content.writeTo(out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            syncFolder(dir);
        } catch (IOException e) {
            throw new SlopeException(target + ": cannot write: " + e.getMessage() + " (check the folder's permissions and free space)", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the write already failed; that error is the one to report
                }
            }
        }
    }

    /** Temporary files are created owner-only; a saved model should read like any other file (rw-r--r--). */
    private static void readableByAll(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    private static void syncFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform can sync a folder; the rename itself is already atomic
        }
    }
}
