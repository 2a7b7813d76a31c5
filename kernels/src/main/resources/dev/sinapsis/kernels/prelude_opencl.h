/* Prelude: the kernel subset rendered as OpenCL C 1.2. */
#define TARGET_OPENCL 1
#if HAS_FP64
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#endif
#pragma OPENCL EXTENSION cl_khr_int64_base_atomics : enable
/* Same bits as the CPU: a * b + c is never fused behind the author's back (GEMM asks for FMA explicitly). */
#pragma OPENCL FP_CONTRACT OFF

#define KERNEL __kernel void
#define GLOBAL __global
#define LOCAL __local
#define LPTR __local
#define DEVICE static inline
#define GID(d) ((int) get_global_id(d))
#define LID(d) ((int) get_local_id(d))
#define GROUP(d) ((int) get_group_id(d))
#define LSIZE(d) ((int) get_local_size(d))
#define NGROUPS(d) ((int) get_num_groups(d))
#define GSIZE(d) ((int) get_global_size(d))
#define BARRIER() barrier(CLK_LOCAL_MEM_FENCE)

typedef uchar u8;
typedef uint u32;
typedef long i64;
typedef ulong u64;

#define MULHI32(a, b) mul_hi((u32) (a), (u32) (b))
#define MULHI64(a, b) mul_hi((u64) (a), (u64) (b))
#define AS_U32(x) as_uint(x)
#define AS_F32(x) as_float(x)
#define AS_U64(x) as_ulong(x)
#define AS_F64(x) as_double(x)
#define CAS32(p, cmp, val) atomic_cmpxchg((volatile GLOBAL u32 *) (p), (u32) (cmp), (u32) (val))
#define CAS64(p, cmp, val) atom_cmpxchg((volatile GLOBAL u64 *) (p), (u64) (cmp), (u64) (val))
#define ATOMIC_ADD_I32(p, v) atomic_add((volatile GLOBAL int *) (p), (int) (v))
#define ATOMIC_ADD_I64(p, v) atom_add((volatile GLOBAL i64 *) (p), (i64) (v))
#define DADD(a, b) ((a) + (b))
#define DSUB(a, b) ((a) - (b))
#define DMUL(a, b) ((a) * (b))
#define FMA(a, b, c) fma(a, b, c)

/* OpenCL 1.2 has no float atomics: compare-and-swap loops. */
DEVICE void atomic_add_f32(GLOBAL float *p, float v) {
    volatile GLOBAL u32 *q = (volatile GLOBAL u32 *) p;
    u32 old = *q;
    u32 assumed;
    do {
        assumed = old;
        old = atomic_cmpxchg(q, assumed, AS_U32(AS_F32(assumed) + v));
    } while (old != assumed);
}
#define ATOMIC_ADD_F32(p, v) atomic_add_f32(p, v)
#if HAS_FP64
DEVICE void atomic_add_f64(GLOBAL double *p, double v) {
    volatile GLOBAL u64 *q = (volatile GLOBAL u64 *) p;
    u64 old = *q;
    u64 assumed;
    do {
        assumed = old;
        old = atom_cmpxchg(q, assumed, AS_U64(AS_F64(assumed) + v));
    } while (old != assumed);
}
#define ATOMIC_ADD_F64(p, v) atomic_add_f64(p, v)
#endif
