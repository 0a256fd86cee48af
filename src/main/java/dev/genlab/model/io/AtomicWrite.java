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
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
