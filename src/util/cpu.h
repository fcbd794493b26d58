/* cpu.h (private): whether the AVX2 paths are taken (UTF-8 check, line
 * breaks, the row pass): when the CPU has AVX2, unless tests have switched
 * them off to run the baseline (SSE2) paths on long inputs too. */
#ifndef PS_UTIL_CPU_H
#define PS_UTIL_CPU_H

#include <stdatomic.h>
#include <stdbool.h>

extern atomic_bool ps_cpu_avx2_is_off;

/* Take the AVX2 paths? Cheap enough to ask per call. */
static inline bool ps_cpu_avx2(void)
{
#if (defined(__x86_64__) || defined(__i386__)) && defined(__GNUC__)
	return !atomic_load_explicit(&ps_cpu_avx2_is_off, memory_order_relaxed) && __builtin_cpu_supports("avx2");
#else
	return false;
#endif
}

/* Tests only: off takes the baseline paths from now on, even on a CPU with
 * AVX2 (false: as the CPU allows). Readers and sheets choose when they are
 * made; set it before. */
void ps_cpu_avx2_off(bool off);

#endif
