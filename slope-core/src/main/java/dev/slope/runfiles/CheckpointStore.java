package dev.slope.runfiles;

import dev.slope.io.AtomicFiles;

import dev.slope.SlopeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The folder a run's checkpoint lives in ({@link CheckpointFile}): named files, each written whole or not at all. A
 * local folder here ({@link #folder}); slope-spark supplies one on any Hadoop file system. Every write replaces a whole
 * file, so a store needs no append (object stores have none).
 */
public interface CheckpointStore {
    /** Writes {@code name} so that a reader finds the old bytes or all the new ones, and they are on disk on return. */
    void write(String name, byte[] bytes);

    /** The bytes of {@code name}, or null when there is no such file; {@code limit} bounds what may be read. */
    byte[] read(String name, long limit);

    /** The names of the files in the store (none when it does not exist yet). */
    List<String> names();

    /** Removes {@code name} if it is there. */
    void delete(String name);

    /** Where the store is, for messages ("ckpt", "hdfs://nn/ckpt"). */
    String location();

    /** A folder on this machine's disk, created at the first write. */
    static CheckpointStore folder(Path dir) {
        return new CheckpointStore() {
            @Override
            public void write(String name, byte[] bytes) {
                try {
                    Files.createDirectories(dir);
                } catch (IOException e) {
                    throw new SlopeException("cannot create the checkpoint folder " + dir + ": " + e.getMessage(), e);
                }
                AtomicFiles.write(dir.resolve(name), bytes);
            }

            @Override
            public byte[] read(String name, long limit) {
                Path file = dir.resolve(name);
                try {
                    if (!Files.isRegularFile(file)) {
                        return null;
                    }
                    long size = Files.size(file);
                    if (size > limit) {
                        throw new SlopeException(file + " holds " + size + " bytes, more than a checkpoint's "
                                + limit + ": it is not one slope train wrote");
                    }
                    return Files.readAllBytes(file);
                } catch (IOException e) {
                    throw new SlopeException("cannot read " + file + ": " + e.getMessage(), e);
                }
            }

            @Override
            public List<String> names() {
                if (!Files.isDirectory(dir)) {
                    return List.of();
                }
                try (Stream<Path> files = Files.list(dir)) {
                    return files.map(f -> f.getFileName().toString()).sorted().toList();
                } catch (IOException e) {
                    throw new SlopeException("cannot list the checkpoint folder " + dir + ": " + e.getMessage(), e);
                }
            }

            @Override
            public void delete(String name) {
                try {
                    Files.deleteIfExists(dir.resolve(name));
                } catch (IOException e) {
                    throw new SlopeException("cannot remove " + dir.resolve(name) + ": " + e.getMessage(), e);
                }
            }

            @Override
            public String location() {
                return dir.toString();
            }
        };
    }
}
