package dev.slope.spark;

import dev.slope.SlopeException;
import dev.slope.runfiles.CheckpointFile;
import dev.slope.runfiles.CheckpointStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * Checkpoints on any Hadoop file system ({@code hdfs://…}, {@code s3a://…}, {@code file:///…}): the same files as
 * {@code slope train --checkpoint} writes ({@link CheckpointFile}), each written to a temporary name and renamed over
 * the old one, so a job killed mid-write leaves the previous checkpoint whole. No file is ever appended to (object
 * stores cannot). A plain path is a local folder.
 */
public final class SparkCheckpoints {
    private static final String TEMP = ".tmp";

    private SparkCheckpoints() {
    }

    /** True for a location with a scheme ("hdfs://nn/ckpt"), false for a local path. */
    public static boolean isUri(String where) {
        return where.matches("[a-zA-Z][a-zA-Z0-9+.-]*://.*");
    }

    /**
     * The checkpoint folder {@code where}; {@code conf} is asked for the Hadoop settings at the first use (the Spark
     * context's, with its spark.hadoop.* settings, once it runs).
     */
    public static CheckpointStore store(String where, Supplier<Configuration> conf) {
        return isUri(where) ? new HadoopStore(where, conf) : CheckpointStore.folder(Path.of(where));
    }

    private record HadoopStore(String where, Supplier<Configuration> conf) implements CheckpointStore {
        private org.apache.hadoop.fs.Path dir() {
            return new org.apache.hadoop.fs.Path(URI.create(where));
        }

        private FileSystem fs() throws IOException {
            return dir().getFileSystem(conf.get());
        }

        @Override
        public void write(String name, byte[] bytes) {
            org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(dir(), name);
            org.apache.hadoop.fs.Path temp = new org.apache.hadoop.fs.Path(dir(), name + TEMP);
            try {
                FileSystem fs = fs();
                fs.mkdirs(dir());
                if (!fs.exists(file) && fs.exists(temp)) {
                    // a kill between delete and rename left the only copy under the temporary name: keep it first
                    if (!fs.rename(temp, file)) {
                        throw new IOException("cannot rename " + temp + " to " + file);
                    }
                }
                try (OutputStream out = fs.create(temp, true)) {
                    out.write(bytes);
                }
                // rename does not replace on every file system (HDFS): the old file goes first; until the rename a
                // reader finds the whole new file under the temporary name, which read() also takes
                if (fs.exists(file) && !fs.delete(file, false)) {
                    throw new IOException("cannot remove the previous " + file);
                }
                if (!fs.rename(temp, file)) {
                    throw new IOException("cannot rename " + temp + " to " + file);
                }
            } catch (IOException e) {
                throw new SlopeException("cannot write " + name + " to the checkpoint folder " + where + ": "
                        + e.getMessage(), e);
            }
        }

        @Override
        public byte[] read(String name, long limit) {
            org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(dir(), name);
            try {
                FileSystem fs = fs();
                if (!fs.exists(file)) {
                    org.apache.hadoop.fs.Path temp = new org.apache.hadoop.fs.Path(dir(), name + TEMP);
                    if (!fs.exists(temp)) {
                        return null;
                    }
                    file = temp; // killed between delete and rename: the new file is whole (its CRC says so)
                }
                long size = fs.getFileStatus(file).getLen();
                if (size > limit) {
                    throw new SlopeException(file + " holds " + size + " bytes, more than a checkpoint's " + limit
                            + ": it is not one slope train wrote");
                }
                ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) size);
                try (InputStream in = fs.open(file)) {
                    in.transferTo(bytes);
                }
                return bytes.toByteArray();
            } catch (IOException e) {
                throw new SlopeException("cannot read " + name + " in the checkpoint folder " + where + ": "
                        + e.getMessage(), e);
            }
        }

        @Override
        public List<String> names() {
            try {
                FileSystem fs = fs();
                List<String> names = new ArrayList<>();
                if (fs.exists(dir())) {
                    for (FileStatus s : fs.listStatus(dir())) {
                        names.add(s.getPath().getName());
                    }
                }
                return names;
            } catch (IOException e) {
                throw new SlopeException("cannot list the checkpoint folder " + where + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void delete(String name) {
            try {
                fs().delete(new org.apache.hadoop.fs.Path(dir(), name), false);
            } catch (IOException e) {
                throw new SlopeException("cannot remove " + name + " from the checkpoint folder " + where + ": "
                        + e.getMessage(), e);
            }
        }

        @Override
        public String location() {
            return where;
        }
    }
}
