package dev.sinapsis.backend.cpu.gemm;

import static dev.sinapsis.backend.cpu.gemm.SgemmKernels.flush;
import static dev.sinapsis.backend.cpu.gemm.SgemmKernels.kernel6x2;
import static dev.sinapsis.backend.cpu.gemm.SgemmKernels.kernel8x2;
import static dev.sinapsis.backend.cpu.gemm.SgemmKernels.kernel8x2Packing;

import dev.sinapsis.backend.cpu.Parallel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-precision GEMM {@code C = A·B} in pure Java, in the BLIS layout: B is packed into
 * {@link #KC}×{@code NR} column strips, A into {@link #MR}×{@link #KC} row strips, and a
 * register-tiled micro-kernel of {@code MR × NR} accumulators (two SIMD vectors per row) runs over
 * them with the Vector API. Operands may have any strides: packing reads transposed matrices
 * directly. Threads split the columns (or, for a narrow B under a tall A, the rows); each packs its own panels.
 */
public final class JavaSgemm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /**
     * The register tile per vector width: with 16-lane vectors (AVX-512, 32 vector registers) 8 rows
     * × 2 vectors, sixteen accumulators; with narrower ones (AVX2: 16 registers) 6 rows × 2 vectors,
     * twelve accumulators in fifteen registers, so C2 keeps every accumulator in a register (the
     * 4×3 tile before it needed all sixteen, and one accumulator went to the stack).
     */
    static final boolean WIDE = L >= 16;
    /** Rows of the register tile. */
    static final int MR = WIDE ? 8 : 6;
    /** Columns of the register tile: two vectors. */
    static final int NR = 2 * L;
    /**
     * Depth of a packed panel. Each tile's pass reads C once, so the deeper the panel the fewer
     * passes over C: with 16-lane vectors 512 (a 64 KB strip of B, from L2 rather than L1) ran
     * 5-10 % faster than 256 at 1024³ and 2048³ (one core) once C was read after the tile's loop.
     */
    static final int KC = WIDE ? 512 : 256;
    /** Rows of A per packed block (L2-sized, 120 rows). */
    static final int MC = 120 / MR * MR;
    /** Columns of B per packed panel (a KC×NC panel of 1M floats, L3-sized). */
    static final int NC = 1024 * 1024 / KC / NR * NR;

    /**
     * Whether a row-major A is packed by the first column strip's kernels as they read it in place
     * ({@code -Dsinapsis.gemm.directA=false} packs it beforehand, to compare).
     */
    private static final boolean DIRECT_A = Boolean.parseBoolean(System.getProperty("sinapsis.gemm.directA", "true"));

    /** Depths of a row-major B copied strip by strip at a time (see {@link #packB}). */
    private static final int PACK_ROWS = 16;

    /** {@code -Dsinapsis.gemm.split=rows|columns} overrides how {@link #gemm} shares work among threads, to compare. */
    private static final String SPLIT = System.getProperty("sinapsis.gemm.split", "auto");

    /** What a tile that does not accumulate adds to its sums (with row stride 0). */
    private static final float[] ZEROS = new float[2 * L];

    /** The largest B ({@code k·n} floats) packed once for all threads, in a buffer each caller keeps. */
    private static final long SHARED_MAX = 1024 * 1024;
    /** Whether {@link #gemmSharedB} runs ({@code -Dsinapsis.gemm.sharedB=false}: every thread packs all of B, to compare). */
    private static final boolean SHARED = Boolean.parseBoolean(System.getProperty("sinapsis.gemm.sharedB", "true"));
    /** Row chunks per thread when B is packed once. */
    private static final int CHUNKS_PER_THREAD = Integer.getInteger("sinapsis.gemm.chunksPerThread", 2);
    private static final ThreadLocal<float[][]> SHARED_B = ThreadLocal.withInitial(() -> new float[][] {new float[0]});

    private static final ThreadLocal<float[][]> BUFFERS =
            ThreadLocal.withInitial(() -> new float[][] {new float[MC * KC], new float[KC * NC], new float[MR * NR]});

    private JavaSgemm() {
    }

    /** {@code c = a·b}; {@code c} is row-major with leading dimension {@code c.rowStride()}. */
    public static void gemm(Matrix a, Matrix b, Matrix c) {
        int m = a.rows();
        int n = b.cols();
        int k = a.cols();
        long flops = 2L * m * n * k;
        int nStrips = (n + NR - 1) / NR;
        int mStrips = (m + MR - 1) / MR;
        // columns when there are enough strips of them to share out evenly: each thread then packs
        // only its own columns of B, and reuses each packed strip for every row of A. Splitting the
        // rows had each thread pack all of B (or, with B packed once for all threads, stream it from
        // L3 once per row chunk): with a linear layer's 64 or 128 rows that cost as much as the
        // product, and two threads ran a GAN's 64x512x784 in the same 320-370 us as one; by columns,
        // 190-200 us (the GAN step's products 4.6 -> 2.9 ms, the MLP's 0.79-1.0 -> 0.68 ms, 256^3
        // 190 -> 150-160 us, two threads). Rows for a narrow B under a tall A (an im2col product's
        // 12800x512x128: 7.0-7.4 by rows, 9.2-9.5 ms by columns); columns again past 4M floats of B,
        // whose packed panels per thread would crowd L2. Two strips a thread are enough up to 1024 rows
        // (two threads, 128 columns: 128x256 by a transposed 256x128 45 -> 35 us, 64x256x100 39 ->
        // 19 us, 512x256x128 140 -> 121 us at the tenth percentile; 2048x256x128 450 us by rows against 640).
        // -Dsinapsis.gemm.split=rows|columns forces one.
        int threads = Parallel.threads();
        boolean splitColumns = SPLIT.equals("columns") || !SPLIT.equals("rows")
                && (nStrips >= 4 * threads || mStrips < 4 * threads || (long) k * n > 4096 * 1024
                    || nStrips >= 2 * threads && m <= 1024);
        int units = splitColumns ? nStrips : mStrips;
        long costPerUnit = flops / Math.max(1, units) / 8;
        // rows with a B small enough to share: packed once, by all threads, for all of them
        long chunks = Math.min(mStrips, flops / 8 / Parallel.MIN_WORK);
        if (SHARED && !splitColumns && threads > 1 && chunks > 1 && n <= NC && (long) k * n <= SHARED_MAX) {
            // a transposed B costs some ten elementary operations an element to pack
            long packWork = (long) k * n * (b.colStride() == 1 ? 1 : 8);
            int packChunks = (int) Math.min(threads, packWork / Parallel.MIN_WORK);
            gemmSharedB(a, b, c, Math.max(1, Math.min(nStrips, packChunks)),
                    (int) Math.min(chunks, (long) CHUNKS_PER_THREAD * threads));
            return;
        }
        Parallel.forRange(units, costPerUnit, (from, to) -> {
            if (splitColumns) {
                int j0 = from * NR;
                int j1 = Math.min(n, to * NR);
                run(a, b, c, 0, m, j0, j1);
            } else {
                int i0 = from * MR;
                int i1 = Math.min(m, to * MR);
                run(a, b, c, i0, i1, 0, n);
            }
        });
    }

    /**
     * {@code c = a·b} with B packed once, its strips split in {@code packChunks} chunks among the
     * threads, into a buffer they all read; then the rows of A in {@code chunks} chunks, claimed as
     * they come. For the row split ({@link #gemm}: a narrow B under a tall A), where every thread
     * would otherwise pack all of B for its own rows. More chunks than threads keep a worker that
     * starts late from holding the caller up for a whole half. (For a linear layer's 64 rows, where
     * it was first used, each row chunk streamed all of B from L3 again: the column split replaced it.)
     */
    static void gemmSharedB(Matrix a, Matrix b, Matrix c, int packChunks, int chunks) {
        int m = a.rows();
        int n = b.cols();
        int k = a.cols();
        int nStrips = (n + NR - 1) / NR;
        float[][] holder = SHARED_B.get();
        if (holder[0].length < nStrips * NR * k) {
            holder[0] = new float[nStrips * NR * k];
        }
        float[] data = holder[0];
        PackedB packed = new PackedB(data, k, n, NR, NC);
        Parallel.forChunks(nStrips, packChunks, (from, to) -> {
            int j0 = from * NR;
            int nc = Math.min(n, to * NR) - j0;
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                packB(b, pc, kc, j0, nc, data, packed.offset(0, pc) + from * NR * kc);
            }
        });
        int mStrips = (m + MR - 1) / MR;
        Parallel.forChunks(mStrips, chunks, (from, to) ->
                run(a, null, packed, c, from * MR, Math.min(m, to * MR), 0, n, false));
    }

    /**
     * {@code c = a·b}, or {@code c += a·b} with {@code accumulate}, on the calling thread only: for
     * callers that already split their work across threads (a convolution, image by image).
     */
    public static void gemmSerial(Matrix a, Matrix b, Matrix c, boolean accumulate) {
        run(a, b, null, c, 0, a.rows(), 0, b.cols(), accumulate);
    }

    /**
     * {@code c = a·b}, or {@code c += a·b}, on the calling thread, with {@code b} packed beforehand by
     * {@link #pack}: for a product repeated with the same right operand (a recurrent layer's weight,
     * once per time step), which then costs no packing of B.
     */
    public static void gemmSerial(Matrix a, PackedB b, Matrix c, boolean accumulate) {
        if (a.cols() != b.rows() || c.rows() != a.rows() || c.cols() != b.cols()) {
            throw new IllegalArgumentException("gemmSerial: a is " + a.rows() + "x" + a.cols() + ", packed b "
                    + b.rows() + "x" + b.cols() + ", c " + c.rows() + "x" + c.cols());
        }
        run(a, null, b, c, 0, a.rows(), 0, b.cols(), accumulate);
    }

    /** {@code b} packed in the micro-kernel's layout once, for {@link #gemmSerial(Matrix, PackedB, Matrix, boolean)}. */
    public static PackedB pack(Matrix b) {
        int k = b.rows();
        int n = b.cols();
        int stripsTotal = (n + NR - 1) / NR;
        float[] data = new float[Math.max(1, stripsTotal * NR * k)];
        // panels in the order run() visits them: column blocks of NC, then depth blocks of KC
        int o = 0;
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                float[] panel = new float[(nc + NR - 1) / NR * NR * kc];
                packB(b, pc, kc, jc, nc, panel, 0);
                System.arraycopy(panel, 0, data, o, panel.length);
                o += panel.length;
            }
        }
        return new PackedB(data, k, n, NR, NC);
    }

    private static void run(Matrix a, Matrix b, Matrix c, int i0, int i1, int j0, int j1) {
        run(a, b, null, c, i0, i1, j0, j1, false);
    }

    /**
     * The blocked loop nest over rows {@code [i0, i1)} and columns {@code [j0, j1)} of C; B's panels
     * are packed here from {@code b} or, when {@code b} is null, read from {@code packed}.
     */
    private static void run(Matrix a, Matrix b, PackedB packed, Matrix c, int i0, int i1, int j0, int j1,
                            boolean add) {
        float[][] buffers = BUFFERS.get();
        float[] ap = buffers[0];
        float[] bp = packed != null ? packed.data() : buffers[1];
        float[] edge = buffers[2];
        int k = a.cols();
        float[] af = a.floats();
        if (k == 0) {
            if (!add) {
                zero(c, i0, i1, j0, j1);
            }
            return;
        }
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            // a row-major A's whole 8-row strips are packed by the kernels of the first column strip,
            // which read them in place and store what they read: the loads of A then overlap the
            // multiply-adds instead of running in a packing pass of their own (one core, 1024³ +3 %;
            // 12800x512 by 512x128, where packing was a large share, no slower than reading A in
            // place for every strip)
            boolean packWhileReading = WIDE && DIRECT_A && a.colStride() == 1;
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                int bBase;
                if (packed == null) {
                    packB(b, pc, kc, jc, nc, bp, 0);
                    bBase = 0;
                } else {
                    bBase = packed.offset(jc, pc);
                }
                boolean accumulate = add || pc > 0;
                for (int ic = i0; ic < i1; ic += MC) {
                    int mc = Math.min(MC, i1 - ic);
                    int inPlace = packWhileReading ? mc / MR * MR : 0;
                    if (inPlace < mc) {
                        packA(a, ic + inPlace, mc - inPlace, pc, kc, ap, inPlace * kc);
                    }
                    for (int jr = 0; jr < nc; jr += NR) {
                        int nr = Math.min(NR, nc - jr);
                        for (int ir = 0; ir < mc; ir += MR) {
                            int mr = Math.min(MR, mc - ir);
                            int aOff = ir * kc;
                            int bOff = bBase + jr * kc;
                            int cOff = c.offset() + (ic + ir) * c.rowStride() + jc + jr;
                            if (jr == 0 && ir < inPlace) {
                                float[] cf = c.floats();
                                int aAt = a.offset() + (ic + ir) * a.rowStride() + pc;
                                // with one column strip nothing reads the packed strips again: every
                                // strip goes to the same place, which stays in L1 (128x3136 by 3136x10,
                                // 2 threads: 44 -> 49 GFLOP/s)
                                int packTo = nc > NR ? aOff : 0;
                                if (nr == NR && !accumulate) {
                                    kernel8x2Packing(kc, af, aAt, a.rowStride(), ap, packTo, bp, bOff, cf, cOff,
                                            c.rowStride());
                                } else {
                                    kernel8x2Packing(kc, af, aAt, a.rowStride(), ap, packTo, bp, bOff, edge, 0, NR);
                                    flush(edge, mr, nr, cf, cOff, c.rowStride(), accumulate);
                                }
                            } else if (mr == MR && nr == NR) {
                                float[] cf = c.floats();
                                float[] addend = accumulate ? cf : ZEROS;
                                int ad = accumulate ? cOff : 0;
                                int lda = accumulate ? c.rowStride() : 0;
                                if (WIDE) {
                                    kernel8x2(kc, ap, aOff, bp, bOff, addend, ad, lda, cf, cOff, c.rowStride());
                                } else {
                                    kernel6x2(kc, ap, aOff, bp, bOff, addend, ad, lda, cf, cOff, c.rowStride());
                                }
                            } else {
                                if (WIDE) {
                                    kernel8x2(kc, ap, aOff, bp, bOff, ZEROS, 0, 0, edge, 0, NR);
                                } else {
                                    kernel6x2(kc, ap, aOff, bp, bOff, ZEROS, 0, 0, edge, 0, NR);
                                }
                                flush(edge, mr, nr, c.floats(), cOff, c.rowStride(), accumulate);
                            }
                        }
                    }
                }
            }
        }
    }

    private static void zero(Matrix c, int i0, int i1, int j0, int j1) {
        for (int i = i0; i < i1; i++) {
            int row = c.offset() + i * c.rowStride();
            java.util.Arrays.fill(c.floats(), row + j0, row + j1, 0f);
        }
    }

    /**
     * Packs rows {@code [i0, i0+mc)} × depth {@code [p0, p0+kc)} of A into MR-row strips, zero-padded,
     * from {@code ap[o0]} on.
     */
    private static void packA(Matrix a, int i0, int mc, int p0, int kc, float[] ap, int o0) {
        float[] src = a.floats();
        int rs = a.rowStride();
        int cs = a.colStride();
        int o = o0;
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            int base = a.offset() + (i0 + ir) * rs + p0 * cs;
            if (rs == 1 && mr == MR) {
                // a column-major A (a transposed operand, such as a weight gradient's dG^T): each
                // depth's MR rows are contiguous, one short copy
                for (int p = 0; p < kc; p++) {
                    System.arraycopy(src, base + p * cs, ap, o, MR);
                    o += MR;
                }
                continue;
            }
            if (cs == 1 && mr == MR) {
                // a row-major A where the kernels do not pack it (narrow vectors): row by row, each
                // read from start to end (the depth-major loop below read MR rows in lockstep)
                for (int r = 0; r < MR; r++) {
                    int at = base + r * rs;
                    for (int p = 0; p < kc; p++) {
                        ap[o + p * MR + r] = src[at + p];
                    }
                }
                o += MR * kc;
                continue;
            }
            for (int p = 0; p < kc; p++) {
                int at = base + p * cs;
                for (int r = 0; r < mr; r++) {
                    ap[o + r] = src[at + r * rs];
                }
                for (int r = mr; r < MR; r++) {
                    ap[o + r] = 0f;
                }
                o += MR;
            }
        }
    }

    /**
     * Packs depth {@code [p0, p0+kc)} × columns {@code [j0, j0+nc)} of B into NR-column strips, from
     * {@code bp[o0]} on.
     */
    private static void packB(Matrix b, int p0, int kc, int j0, int nc, float[] bp, int o0) {
        float[] src = b.floats();
        int rs = b.rowStride();
        int cs = b.colStride();
        int o = o0;
        int first = 0;
        if (cs == 1 && nc >= NR) {
            // a row-major B: sixteen depths of every whole strip at a time, so each row of the panel
            // is read from start to end (strip by strip, each short read landed on a new 4 KB page:
            // 0.50 -> 0.34 ms for a 1024x1024 B, one core) and each strip gets 2 KB of consecutive
            // stores. (One depth of every strip at a time put the stores kc*NR floats apart, 64 KB:
            // the same L1 set for every strip, and B's packing was a third of 64x512x784, one core:
            // 450 -> 320-340 us.)
            int whole = nc / NR;
            int base = b.offset() + p0 * rs + j0;
            for (int p1 = 0; p1 < kc; p1 += PACK_ROWS) {
                int p2 = Math.min(kc, p1 + PACK_ROWS);
                for (int strip = 0; strip < whole; strip++) {
                    int from = base + strip * NR;
                    int dst = o0 + strip * kc * NR;
                    for (int p = p1; p < p2; p++) {
                        // two vector moves rather than System.arraycopy, whose call cost for 32 floats
                        // was as much as the copy
                        int at = from + p * rs;
                        int to = dst + p * NR;
                        FloatVector.fromArray(S, src, at).intoArray(bp, to);
                        FloatVector.fromArray(S, src, at + L).intoArray(bp, to + L);
                    }
                }
            }
            o = o0 + whole * kc * NR;
            first = whole * NR;
        }
        for (int jr = first; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int base = b.offset() + p0 * rs + (j0 + jr) * cs;
            if (rs == 1) {
                // column-major B (a transposed operand): a blocked transpose, eight depths of every
                // column per pass, so reads stay sequential per column and writes sequential per row
                // (one column at a time wrote 256 rows apart: 3x slower on a convolution's weight gradient)
                int p = 0;
                if (WIDE && nr == NR) {
                    for (; p + L <= kc; p += L) {
                        int row = o + p * NR;
                        SgemmKernels.transpose16(src, base, cs, p, bp, row);
                        SgemmKernels.transpose16(src, base + L * cs, cs, p, bp, row + L);
                    }
                }
                for (; p + 8 <= kc; p += 8) {
                    int row = o + p * NR;
                    for (int q = 0; q < nr; q++) {
                        int at = base + q * cs + p;
                        bp[row + q] = src[at];
                        bp[row + NR + q] = src[at + 1];
                        bp[row + 2 * NR + q] = src[at + 2];
                        bp[row + 3 * NR + q] = src[at + 3];
                        bp[row + 4 * NR + q] = src[at + 4];
                        bp[row + 5 * NR + q] = src[at + 5];
                        bp[row + 6 * NR + q] = src[at + 6];
                        bp[row + 7 * NR + q] = src[at + 7];
                    }
                }
                for (; p < kc; p++) {
                    int row = o + p * NR;
                    for (int q = 0; q < nr; q++) {
                        bp[row + q] = src[base + q * cs + p];
                    }
                }
                if (nr < NR) {
                    for (p = 0; p < kc; p++) {
                        java.util.Arrays.fill(bp, o + p * NR + nr, o + (p + 1) * NR, 0f);
                    }
                }
                o += kc * NR;
                continue;
            }
            for (int p = 0; p < kc; p++) {
                int at = base + p * rs;
                for (int q = 0; q < nr; q++) {
                    bp[o + q] = src[at + q * cs];
                }
                for (int q = nr; q < NR; q++) {
                    bp[o + q] = 0f;
                }
                o += NR;
            }
        }
    }
}
