package dev.slope.spark;

import dev.slope.SlopeException;
import dev.slope.io.CheckpointFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * Checkpoints on any Hadoop file system ({@code hdfs://…}, {@code s3a://…}, {@code file:///…}): the same one file as
 * {@code slope train --checkpoint} writes ({@link CheckpointFile}), written to a temporary name and renamed over the
 * old one, so a job killed mid-write leaves the previous checkpoint whole. A plain path is a local folder.
 */
public final class SparkCheckpoints {
    /** Refuses a checkpoint larger than this when reading (a lying size must not exhaust the driver). */
    static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private SparkCheckpoints() {
    }

    /** True for a location with a scheme ("hdfs://nn/ckpt"), false for a local path. */
    public static boolean isUri(String where) {
        return where.matches("[a-zA-Z][a-zA-Z0-9+.-]*://.*");
    }

    /** Replaces the checkpoint in the folder {@code where} with {@code bytes}. */
    public static void save(String where, byte[] bytes, Configuration conf) {
        if (!isUri(where)) {
            CheckpointFile.save(Path.of(where), bytes);
            return;
        }
        org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(URI.create(where));
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(dir, CheckpointFile.NAME);
        org.apache.hadoop.fs.Path temp = new org.apache.hadoop.fs.Path(dir, CheckpointFile.NAME + ".tmp");
        try {
            FileSystem fs = dir.getFileSystem(conf);
            fs.mkdirs(dir);
            try (OutputStream out = fs.create(temp, true)) {
                out.write(bytes);
            }
            // rename does not replace on every file system (HDFS): the old file goes first; until the rename a
            // reader finds the whole new file under the temporary name, which load() also takes
            if (fs.exists(file) && !fs.delete(file, false)) {
                throw new IOException("cannot remove the previous " + file);
            }
            if (!fs.rename(temp, file)) {
                throw new IOException("cannot rename " + temp + " to " + file);
            }
        } catch (IOException e) {
            throw new SlopeException("cannot write the checkpoint to " + where + ": " + e.getMessage());
        }
    }

    /** Reads the checkpoint in the folder {@code where}. */
    public static CheckpointFile.Saved load(String where, Configuration conf) {
        if (!isUri(where)) {
            return CheckpointFile.load(Path.of(where));
        }
        org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(URI.create(where));
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(dir, CheckpointFile.NAME);
        try {
            FileSystem fs = dir.getFileSystem(conf);
            if (!fs.exists(file)) {
                org.apache.hadoop.fs.Path temp = new org.apache.hadoop.fs.Path(dir, CheckpointFile.NAME + ".tmp");
                if (!fs.exists(temp)) {
                    throw new SlopeException("no checkpoint in " + where + " (no " + CheckpointFile.NAME + " there); give"
                            + " the folder --checkpoint wrote to");
                }
                file = temp; // killed between delete and rename: the new file is whole (its CRC says so)
            }
            long size = fs.getFileStatus(file).getLen();
            if (size > MAX_BYTES) {
                throw new SlopeException(file + " holds " + size + " bytes, more than a checkpoint can");
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) size);
            try (InputStream in = fs.open(file)) {
                in.transferTo(bytes);
            }
            return CheckpointFile.decode(Path.of(file.getName()), bytes.toByteArray());
        } catch (IOException e) {
            throw new SlopeException("cannot read the checkpoint in " + where + ": " + e.getMessage());
        }
    }
}
