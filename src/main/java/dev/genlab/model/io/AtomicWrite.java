package dev.genlab.model.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Saves a file so that a crash, a full disk or a failing writer mid-save leaves the old file as it was: the bytes
 * go to a temporary file beside it, which is then moved in place (atomically where the file system can).
 */
public final class AtomicWrite {

    /** What writes the file's bytes. */
    @FunctionalInterface
    public interface Writer {
        void to(OutputStream out) throws IOException;
    }

    private AtomicWrite() {
    }

    /** Writes {@code file} through {@code w}; on any failure the file is untouched and no temporary file is left. */
    public static void write(Path file, Writer w) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                w.to(out);
            }
            permissionsOf(file, tmp);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * A temporary file is created readable by its owner only; the saved file keeps the permissions of the one it
     * replaces, or gets rw-r--r-- as a new file usually does (a GIF or a scenario handed to students must be
     * readable by others). Where the file system has no POSIX permissions, nothing to do.
     */
    private static void permissionsOf(Path file, Path tmp) throws IOException {
        if (!Files.getFileStore(tmp).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
            return;
        }
        java.util.Set<java.nio.file.attribute.PosixFilePermission> p = Files.exists(file)
                ? Files.getPosixFilePermissions(file)
                : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(tmp, p);
    }
}
