package dev.slope.io;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks of where results will go, made before any work so that a long run never ends on an
 * unwritable path. Each message names the flag, the path and what to do; a bad path is an argument error.
 */
public final class Outputs {
    private Outputs() {
    }

    /** Throws unless {@code file} can be written: not a folder, in a folder that exists and is writable. */
    public static Path requireWritableFile(Path file, String flag) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(flag + " " + file + ": is a folder; give a file name, e.g. " + flag + " "
                    + file.resolve("model.slope"));
        }
        Path parent = file.toAbsolutePath().normalize().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new IllegalArgumentException(flag + " " + file + ": the folder " + parent + " does not exist; create it (mkdir -p "
                    + parent + ") or choose another path");
        }
        if (parent != null && !Files.isWritable(parent)) {
            throw new IllegalArgumentException(flag + " " + file + ": the folder " + parent + " is not writable; choose another path");
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new IllegalArgumentException(flag + " " + file + ": the file exists and is not writable; choose another path");
        }
        return file;
    }

    /** Throws unless {@code dir} is a folder or can be created as one (its nearest existing parent is writable). */
    public static Path requireWritableFolder(Path dir, String flag) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(flag + " " + dir + ": is a file; give a folder (it is created when missing)");
        }
        Path p = dir.toAbsolutePath().normalize();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null || !Files.isDirectory(p)) {
            throw new IllegalArgumentException(flag + " " + dir + ": " + p + " is a file, so the folder cannot be made there");
        }
        if (!Files.isWritable(p)) {
            throw new IllegalArgumentException(flag + " " + dir + ": " + p + " is not writable; choose another folder");
        }
        return dir;
    }
}
