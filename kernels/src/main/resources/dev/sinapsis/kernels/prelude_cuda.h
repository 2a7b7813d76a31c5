/* Prelude: the kernel subset rendered as CUDA C++ (NVRTC or nvcc). */
#define TARGET_CUDA 1

#define KERNEL extern "C" __global__ void
#define GLOBAL
#define LOCAL __shared__
#define LPTR
#define DEVICE static __device__ __forceinline__
#define CU_DIM(d) CU_DIM_##d
#define CU_DIM_0 x
#define CU_DIM_1 y
#define CU_DIM_2 z
#define GID(d) ((int) (blockIdx.CU_DIM(d) * blockDim.CU_DIM(d) + threadIdx.CU_DIM(d)))
#define LID(d) ((int) threadIdx.CU_DIM(d))
#define GROUP(d) ((int) blockIdx.CU_DIM(d))
#define LSIZE(d) ((int) blockDim.CU_DIM(d))
#define NGROUPS(d) ((int) gridDim.CU_DIM(d))
#define GSIZE(d) ((int) (gridDim.CU_DIM(d) * blockDim.CU_DIM(d)))
#define BARRIER() __syncthreads()

typedef unsigned char u8;
typedef unsigned int u32;
typedef long long i64;
typedef unsigned long long u64;

#define MULHI32(a, b) __umulhi((u32) (a), (u32) (b))
#define MULHI64(a, b) __umul64hi((u64) (a), (u64) (b))
#define AS_U32(x) __float_as_uint(x)
#define AS_F32(x) __uint_as_float(x)
#define AS_U64(x) ((u64) __double_as_longlong(x))
#define AS_F64(x) __longlong_as_double((long long) (x))
#define CAS32(p, cmp, val) atomicCAS((unsigned int *) (p), (unsigned int) (cmp), (unsigned int) (val))
#define CAS64(p, cmp, val) atomicCAS((unsigned long long *) (p), (unsigned long long) (cmp), (unsigned long long) (val))
#define ATOMIC_ADD_I32(p, v) atomicAdd((int *) (p), (int) (v))
#define ATOMIC_ADD_I64(p, v) atomicAdd((unsigned long long *) (p), (unsigned long long) (v))
#define ATOMIC_ADD_F32(p, v) atomicAdd((float *) (p), (float) (v))
#define ATOMIC_ADD_F64(p, v) atomicAdd((double *) (p), (double) (v))
/* Round-to-nearest intrinsics are never contracted into FMA. */
#define DADD(a, b) __dadd_rn(a, b)
#define DSUB(a, b) __dsub_rn(a, b)
#define DMUL(a, b) __dmul_rn(a, b)
#define FMA(a, b, c) fma(a, b, c)
