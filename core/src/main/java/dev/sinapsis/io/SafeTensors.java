package dev.sinapsis.io;

import dev.sinapsis.spi.TensorInternals;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Tensor;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reads and writes the <a href="https://github.com/huggingface/safetensors">safetensors</a> format,
 * so checkpoints can be exchanged with PyTorch, JAX and the Hugging Face hub.
 *
 * <p>Layout: an 8-byte little-endian unsigned header length {@code N}; {@code N} bytes of UTF-8 JSON
 * <pre>{@code {"__metadata__":{"k":"v"},"fc.weight":{"dtype":"F32","shape":[3,4],"data_offsets":[0,48]},...}}</pre>
 * padded with spaces to a multiple of 8; then the data section, where every tensor is stored
 * contiguously, row-major and little-endian at {@code data_offsets} relative to the section start.
 *
 * <p>Writing stores F32, F64, I32, I64 and BOOL as is. The header lists tensors in map order (so a
 * read gives them back in that order); in the data section they are laid out by decreasing element
 * size so that every tensor is aligned to its element size. The file is replaced atomically: data
 * goes to a temporary file in the same directory which is forced to disk and then renamed over
 * the target, so a crash or error leaves either the old file or the new one, never a mix, and no
 * temporary file.
 *
 * <p>Reading validates the whole header before allocating anything (see {@link CheckpointException}
 * for the kind of messages) and additionally accepts F16 and BF16 (widened exactly to F32) and I8,
 * U8, I16, U16 (widened to I32). Tensors are created on the current backend.
 */
public final class SafeTensors {
    /** Headers larger than this are rejected as corrupt (the reference implementation uses the same limit). */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    private static final int CHUNK_BYTES = 1 << 20;

    private SafeTensors() {
    }

    /** The content of a safetensors file: tensors in header order, and the string metadata. */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
        /** The tensor called {@code name}, or an error listing the names present. */
        public Tensor get(String name) {
            Tensor t = tensors.get(name);
            if (t == null) {
                throw new IllegalArgumentException("no tensor '" + name + "'; the file holds " + tensors.keySet());
            }
            return t;
        }
    }

    // ---------------------------------------------------------------- writing

    /**
     * Writes {@code tensors} and {@code metadata} (may be null or empty) to {@code file}, atomically
     * replacing any existing file.
     *
     * @throws IllegalArgumentException for a null or reserved ({@value Header#METADATA_KEY}) name,
     *     a null tensor or metadata entry, a name that is not valid Unicode, or a header over
     *     {@link #MAX_HEADER_BYTES}; nothing is written then
     * @throws IOException if writing fails; the target is then unchanged and no temporary file remains
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        encode(tensors, metadata, file);
    }

    /** Lays out and writes {@code tensors}: to {@code target}, a {@link Path} (atomically) or a {@link WritableByteChannel}. */
    private static void encode(Map<String, Tensor> tensors, Map<String, String> metadata, Object target)
            throws IOException {
        List<Map.Entry<String, Tensor>> items = new ArrayList<>(tensors.entrySet());
        Map<String, Object> header = new LinkedHashMap<>();
        if (metadata != null && !metadata.isEmpty()) {
            Map<String, Object> meta = new LinkedHashMap<>();
            metadata.forEach((k, v) -> {
                if (k == null || v == null) {
                    throw new IllegalArgumentException("SafeTensors.write: metadata keys and values must not be null");
                }
                meta.put(k, v);
            });
            header.put(Header.METADATA_KEY, meta);
        }
        for (Map.Entry<String, Tensor> e : items) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException("SafeTensors.write: tensor names and tensors must not be null");
            }
            if (e.getKey().equals(Header.METADATA_KEY)) {
                throw new IllegalArgumentException("SafeTensors.write: '" + Header.METADATA_KEY + "' is reserved");
            }
        }
        // data layout: larger elements first (stable), so each tensor is aligned to its element size
        List<Map.Entry<String, Tensor>> layout = new ArrayList<>(items);
        layout.sort(Comparator.comparingInt((Map.Entry<String, Tensor> e) -> -e.getValue().dtype().byteSize()));
        Map<String, long[]> offsets = new LinkedHashMap<>();
        long at = 0;
        for (Map.Entry<String, Tensor> e : layout) {
            long bytes = (long) e.getValue().numel() * e.getValue().dtype().byteSize();
            offsets.put(e.getKey(), new long[] {at, at + bytes});
            at += bytes;
        }
        for (Map.Entry<String, Tensor> e : items) {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("dtype", FileDType.of(e.getValue().dtype()).name());
            List<Object> shape = new ArrayList<>();
            for (int d : e.getValue().shape().toArray()) {
                shape.add(d);
            }
            info.put("shape", shape);
            long[] o = offsets.get(e.getKey());
            info.put("data_offsets", List.of(o[0], o[1]));
            header.put(e.getKey(), info);
        }
        byte[] json = encodeHeader(Json.write(new StringBuilder(), header).toString());
        if (json.length > MAX_HEADER_BYTES) {
            throw new IllegalArgumentException("SafeTensors.write: the header would be " + json.length
                    + " bytes, more than readers accept (" + MAX_HEADER_BYTES + "); use fewer tensors or shorter names");
        }

        if (target instanceof Path file) {
            writeAtomically(file, channel -> writeBody(channel, json, layout));
        } else {
            writeBody((WritableByteChannel) target, json, layout);
        }
    }

    /**
     * The bytes of a safetensors file holding {@code tensors} and {@code metadata}: what
     * {@link #write} would put in a file, for sending a model over a network (a parameter
     * broadcast) rather than storing it; {@link #fromBytes} reads them back.
     *
     * @throws IllegalArgumentException as {@link #write} does
     */
    public static byte[] toBytes(Map<String, Tensor> tensors, Map<String, String> metadata) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            encode(tensors, metadata, java.nio.channels.Channels.newChannel(out));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    private static void writeBody(WritableByteChannel channel, byte[] json, List<Map.Entry<String, Tensor>> layout)
            throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(json.length).flip();
        writeFully(channel, buf);
        writeFully(channel, ByteBuffer.wrap(json));
        for (Map.Entry<String, Tensor> e : layout) {
            writeTensor(channel, e.getValue(), buf);
        }
    }

    /** UTF-8, padded with spaces to a multiple of 8 bytes like the reference writer. */
    private static byte[] encodeHeader(String json) {
        ByteBuffer utf8;
        try {
            utf8 = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(java.nio.CharBuffer.wrap(json));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("SafeTensors.write: a tensor name or metadata entry is not valid "
                    + "Unicode (unpaired surrogate)", e);
        }
        int length = utf8.remaining();
        byte[] out = new byte[(length + 7) / 8 * 8];
        utf8.get(out, 0, length);
        java.util.Arrays.fill(out, length, out.length, (byte) ' ');
        return out;
    }

    private static void writeTensor(WritableByteChannel channel, Tensor t, ByteBuffer buf) throws IOException {
        FileDType dtype = FileDType.of(t.dtype());
        Object array = t.backend().download(TensorInternals.view(t)); // row-major host copy of the tensor's dtype
        int perChunk = CHUNK_BYTES / dtype.size;
        for (int done = 0; done < t.numel(); done += perChunk) {
            int count = Math.min(perChunk, t.numel() - done);
            buf.clear();
            dtype.encode(array, done, count, buf);
            buf.flip();
            writeFully(channel, buf);
        }
    }

    private static void writeFully(WritableByteChannel channel, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
    }

    /** Writes through {@code body} into a temporary sibling of {@code file}, forces it and renames it. */
    static void writeAtomically(Path file, ChannelWriter body) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path temp = null;
        try {
            FileChannel channel = null;
            while (channel == null) {
                temp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(
                        ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + ".tmp");
                try {
                    channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException taken) {
                    temp = null;
                }
            }
            try (FileChannel c = channel) {
                body.write(c);
                c.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
            syncDirectory(dir);
        } catch (IOException | RuntimeException | Error e) {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /** Makes the rename durable where the platform allows opening a directory (not on Windows). */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // best effort: the data itself was already forced before the rename
        }
    }

    /** The part of a write that produces the bytes. */
    @FunctionalInterface
    interface ChannelWriter {
        void write(FileChannel channel) throws IOException;
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads a safetensors file; tensors are created on the current backend in header order.
     *
     * @throws CheckpointException if the file is not a valid safetensors file, naming the file and the problem
     * @throws IOException if the file cannot be read
     */
    public static Contents read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(file, channel.size(), channel::read);
        }
    }

    /**
     * Reads the bytes of a safetensors file (as {@link #toBytes} makes them), validated as
     * {@link #read(Path)} validates a file; tensors are created on the current backend.
     *
     * @throws CheckpointException if the bytes are not a valid safetensors file (named "(in memory)")
     */
    public static Contents fromBytes(byte[] bytes) throws CheckpointException {
        try {
            return read(Path.of("(in memory)"), bytes.length, (dst, position) -> {
                if (position >= bytes.length) {
                    return -1;
                }
                int n = (int) Math.min(dst.remaining(), bytes.length - position);
                dst.put(bytes, (int) position, n);
                return n;
            });
        } catch (CheckpointException e) {
            throw e;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("reading from memory cannot fail", e);
        }
    }

    /** Reads {@code dst.remaining()} bytes or fewer at {@code position}; -1 past the end. */
    @FunctionalInterface
    private interface PositionalReader {
        int read(ByteBuffer dst, long position) throws IOException;
    }

    private static Contents read(Path file, long size, PositionalReader channel) throws IOException {
        {
            if (size < 8) {
                throw new CheckpointException(file, "file is " + size
                        + " bytes long, too short for the 8-byte header length of a safetensors file");
            }
            ByteBuffer prefix = readFully(file, channel, 0, 8).order(ByteOrder.LITTLE_ENDIAN);
            long n = prefix.getLong();
            if (n < 0 || n > MAX_HEADER_BYTES) {
                throw new CheckpointException(file, "header length " + Long.toUnsignedString(n)
                        + " bytes is absurd (limit " + MAX_HEADER_BYTES + "); not a safetensors file or corrupt");
            }
            if (n > size - 8) {
                throw new CheckpointException(file, "header length " + n + " bytes exceeds the file: only "
                        + (size - 8) + " bytes follow the length prefix (truncated file?)");
            }
            ByteBuffer headerBytes = readFully(file, channel, 8, (int) n);
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            CharBuffer chars = CharBuffer.allocate((int) n); // UTF-8 never has more chars than bytes
            if (decoder.decode(headerBytes, chars, true).isError() || decoder.flush(chars).isError()) {
                throw new CheckpointException(file, "header is not valid UTF-8 (bad byte sequence at file offset "
                        + (8 + headerBytes.position()) + ")");
            }
            String json = chars.flip().toString();
            long dataStart = 8 + n;
            Header header;
            try {
                header = Header.parse(json, size - dataStart);
            } catch (Header.Invalid e) {
                throw new CheckpointException(file, e.getMessage());
            }
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Header.Entry e : header.entries()) {
                tensors.put(e.name(), readTensor(file, channel, dataStart, e));
            }
            return new Contents(Collections.unmodifiableMap(tensors), Collections.unmodifiableMap(header.metadata()));
        }
    }

    private static Tensor readTensor(Path file, PositionalReader channel, long dataStart, Header.Entry e)
            throws IOException {
        FileDType dtype = e.dtype();
        int numel = e.numel();
        Object array = dtype.target.newHostArray(numel);
        int perChunk = CHUNK_BYTES / dtype.size;
        for (int done = 0; done < numel; done += perChunk) {
            int count = Math.min(perChunk, numel - done);
            long position = dataStart + e.begin() + (long) done * dtype.size;
            ByteBuffer buf = readFully(file, channel, position, count * dtype.size).order(ByteOrder.LITTLE_ENDIAN);
            int bad = dtype.decode(buf, array, done, count);
            if (bad >= 0) {
                throw new CheckpointException(file, "tensor '" + e.name() + "' element " + (done + bad)
                        + " is the byte " + buf.get(bad) + ", not a BOOL (0 or 1)");
            }
        }
        return toTensor(dtype.target, array, e.shape());
    }

    private static Tensor toTensor(DType dtype, Object array, int[] shape) {
        if (shape.length > 0) {
            return switch (dtype) {
                case F32 -> Tensor.of((float[]) array, shape);
                case F64 -> Tensor.of((double[]) array, shape);
                case I32 -> Tensor.of((int[]) array, shape);
                case I64 -> Tensor.of((long[]) array, shape);
                case BOOL -> Tensor.of((boolean[]) array, shape);
            };
        }
        Tensor flat = toTensor(dtype, array, new int[] {1});
        Tensor scalar = flat.reshape();
        if (scalar != flat) {
            flat.close();
        }
        return scalar;
    }

    private static ByteBuffer readFully(Path file, PositionalReader channel, long position, int length)
            throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            int n = channel.read(buf, position + buf.position());
            if (n < 0) {
                throw new CheckpointException(file, "unexpected end of file at byte " + (position + buf.position())
                        + " (the file shrank while being read?)", new EOFException());
            }
        }
        return buf.flip();
    }
}
