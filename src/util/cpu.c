/* cpu.c: the switch that lets tests run the baseline paths (cpu.h). */
#include "util/cpu.h"

atomic_bool ps_cpu_avx2_is_off;

void ps_cpu_avx2_off(bool off)
{
	atomic_store_explicit(&ps_cpu_avx2_is_off, off, memory_order_relaxed);
}
