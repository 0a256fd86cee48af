package dev.genlab.model.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * A trained model on disk: a model id ("nade", "pixelcnn"), a string → string header of
 * hyperparameters and training metadata, and the parameters as floats. The file is gzip around
 * <pre>
 *   magic      8 bytes  "GENLABCK"
 *   version    int      {@link #VERSION}
 *   model id   UTF-8 string (int length, bytes)
 *   header     int count, then count × (key string, value string)
 *   params     int count, then count × float (big-endian IEEE 754)
 *   crc        long     CRC-32 of everything after the magic up to here
 *   end        4 bytes  "END."
 * </pre>
 * Strings are an int byte length and UTF-8 bytes (at most {@link #MAX_STRING} bytes). Reading
 * validates every part and reports a truncated, corrupt or foreign file as a
 * {@link CheckpointException} whose message says what is wrong, never a bare EOFException. The
 * format knows nothing of any model: each model turns its header into an architecture itself
 * (e.g. {@code model.autoregressive.Nade.fromCheckpoint}). Nothing in the file names a Java class
 * or package, so moving this class (it lived in {@code model.autoregressive} until 2026-12) left the
 * format and every file written before as they were.
 */
public record Checkpoint(String modelId, Map<String, String> header, float[] params) {

    public static final int VERSION = 1;

    private static final byte[] MAGIC = "GENLABCK".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "END.".getBytes(StandardCharsets.US_ASCII);
    static final int MAX_STRING = 1 << 20;
    private static final int MAX_HEADER = 10_000;
    private static final int MAX_PARAMS = 200_000_000;

    /** A checkpoint that cannot be read, with a message fit for a user. */
    public static final class CheckpointException extends IOException {
        public CheckpointException(String message) {
            super(message);
        }

        public CheckpointException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Copies the header (keeping its order) and the parameters. */
    public Checkpoint {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(params, "params");
        header = Collections.unmodifiableMap(new LinkedHashMap<>(header));
        params = params.clone();
    }

    /** A copy of the parameters. */
    @Override
    public float[] params() {
        return params.clone();
    }

    /** The header value of {@code key}. @throws IllegalArgumentException when it is missing */
    public String value(String key) {
        String v = header.get(key);
        if (v == null) {
            throw new IllegalArgumentException("the " + modelId + " checkpoint has no '" + key + "' in its header");
        }
        return v;
    }

    /** The header value of {@code key} as an int. @throws IllegalArgumentException when missing or not a number */
    public int intValue(String key) {
        String v = value(key);
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the checkpoint's '" + key + "' is not a whole number: '" + v + "'");
        }
    }

    public void write(Path file) throws IOException {
        // a temporary file moved in place: a save that fails half-way leaves the old checkpoint whole
        AtomicWrite.write(file, this::write);
    }

    /** Writes the gzip stream to {@code out} (and finishes it; {@code out} stays open). */
    public void write(OutputStream out) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(params.length * 4 + 1024);
        DataOutputStream data = new DataOutputStream(body);
        data.writeInt(VERSION);
        writeString(data, modelId);
        data.writeInt(header.size());
        for (Map.Entry<String, String> e : header.entrySet()) {
            writeString(data, e.getKey());
            writeString(data, e.getValue());
        }
        data.writeInt(params.length);
        for (float p : params) {
            data.writeFloat(p);
        }
        data.flush();
        CRC32 crc = new CRC32();
        crc.update(body.toByteArray());
        GZIPOutputStream gz = new GZIPOutputStream(new BufferedOutputStream(out), 1 << 16);
        gz.write(MAGIC);
        body.writeTo(gz);
        DataOutputStream tail = new DataOutputStream(gz);
        tail.writeLong(crc.getValue());
        tail.write(END);
        tail.flush();
        gz.finish();
        gz.flush();
    }

    public static Checkpoint read(Path file) throws CheckpointException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (CheckpointException e) {
            throw new CheckpointException(file + ": " + e.getMessage(), e.getCause());
        } catch (IOException e) {
            throw new CheckpointException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /** A checkpoint on the classpath, e.g. {@code /genlab/checkpoints/nade-digits.bin.gz}. */
    public static Checkpoint readResource(String resource) throws CheckpointException {
        InputStream in = Checkpoint.class.getResourceAsStream(resource);
        if (in == null) {
            throw new CheckpointException("checkpoint " + resource + " is not on the classpath");
        }
        try (in) {
            return read(in);
        } catch (CheckpointException e) {
            throw new CheckpointException(resource + ": " + e.getMessage(), e.getCause());
        } catch (IOException e) {
            throw new CheckpointException("cannot read checkpoint " + resource + ": " + e.getMessage(), e);
        }
    }

    /** Reads one checkpoint from the stream (to its end). */
    public static Checkpoint read(InputStream in) throws CheckpointException {
        BufferedInputStream buffered = new BufferedInputStream(in);
        buffered.mark(2);
        String part = "the gzip header";
        try {
            int b0 = buffered.read();
            int b1 = buffered.read();
            buffered.reset();
            if (b0 < 0) {
                throw new CheckpointException("not a GenLab checkpoint: the file is empty");
            }
            if (b0 != 0x1f || b1 != 0x8b) {
                throw new CheckpointException("not a GenLab checkpoint: it is not gzip-compressed");
            }
            GZIPInputStream gz = new GZIPInputStream(buffered, 1 << 16);
            CrcInput crcIn = new CrcInput(gz);
            DataInputStream data = new DataInputStream(crcIn);
            part = "the file signature";
            byte[] magic = new byte[MAGIC.length];
            data.readFully(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new CheckpointException("not a GenLab checkpoint: wrong signature (a gzip file of something else)");
            }
            crcIn.crc.reset();
            part = "the format version";
            int version = data.readInt();
            if (version != VERSION) {
                throw new CheckpointException("checkpoint format version " + version + " is not supported (this "
                        + "GenLab reads version " + VERSION + ")");
            }
            part = "the model id";
            String modelId = readString(data);
            part = "the header";
            int entries = data.readInt();
            if (entries < 0 || entries > MAX_HEADER) {
                throw new CheckpointException("corrupt checkpoint: header claims " + entries + " entries");
            }
            Map<String, String> header = new LinkedHashMap<>();
            for (int i = 0; i < entries; i++) {
                String key = readString(data);
                header.put(key, readString(data));
            }
            part = "the parameter count";
            int count = data.readInt();
            if (count < 0 || count > MAX_PARAMS) {
                throw new CheckpointException("corrupt checkpoint: it claims " + count + " parameters");
            }
            part = "the " + count + " parameters";
            float[] params = new float[count];
            for (int i = 0; i < count; i++) {
                params[i] = data.readFloat();
            }
            long expected = crcIn.crc.getValue();
            part = "the checksum";
            long stored = data.readLong();
            if (stored != expected) {
                throw new CheckpointException("corrupt checkpoint: the checksum does not match its contents");
            }
            part = "the end marker";
            byte[] end = new byte[END.length];
            data.readFully(end);
            if (!java.util.Arrays.equals(end, END)) {
                throw new CheckpointException("corrupt checkpoint: no end marker after the parameters");
            }
            part = "the end of the gzip stream";
            if (data.read() >= 0) {
                throw new CheckpointException("corrupt checkpoint: unexpected data after the end marker");
            }
            return new Checkpoint(modelId, header, params);
        } catch (CheckpointException e) {
            throw e;
        } catch (EOFException e) {
            throw new CheckpointException("checkpoint is truncated: the file ends inside " + part, e);
        } catch (ZipException e) {
            throw new CheckpointException("corrupt checkpoint: the gzip data is damaged in " + part + " ("
                    + e.getMessage() + ")", e);
        } catch (IOException e) {
            String msg = String.valueOf(e.getMessage());
            if (msg.contains("Unexpected end of ZLIB input stream")) {
                throw new CheckpointException("checkpoint is truncated: the file ends inside " + part, e);
            }
            throw new CheckpointException("cannot read checkpoint (" + part + "): " + msg, e);
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_STRING) {
            throw new IllegalArgumentException("checkpoint string longer than " + MAX_STRING + " bytes");
        }
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        int len = in.readInt();
        if (len < 0 || len > MAX_STRING) {
            throw new CheckpointException("corrupt checkpoint: a string claims " + len + " bytes");
        }
        byte[] bytes = new byte[len];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Counts a CRC-32 over what passes through. */
    private static final class CrcInput extends java.io.FilterInputStream {
        final CRC32 crc = new CRC32();

        CrcInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                crc.update(b);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                crc.update(buf, off, n);
            }
            return n;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint k && k.modelId.equals(modelId) && k.header.equals(header)
                && java.util.Arrays.equals(k.params, params);
    }

    @Override
    public int hashCode() {
        return Objects.hash(modelId, header, java.util.Arrays.hashCode(params));
    }

    @Override
    public String toString() {
        return "Checkpoint[" + modelId + ", " + header.size() + " header entries, " + params.length + " params]";
    }
}
