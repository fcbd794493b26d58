/* baseline_fixture.h: cmocka setup and teardown that run one test on the
 * baseline (SSE2) paths, which a CPU with AVX2 otherwise takes only for
 * short inputs and tails (util/cpu.h). Include after <cmocka.h>. */
#ifndef BASELINE_FIXTURE_H
#define BASELINE_FIXTURE_H

#include "util/cpu.h"

static inline int baseline_on(void **state)
{
	(void)state;
	ps_cpu_avx2_off(true);
	return 0;
}

static inline int baseline_off(void **state)
{
	(void)state;
	ps_cpu_avx2_off(false);
	return 0;
}

#endif
