/* cpus.c: the CPU count the threads of `score` go by (cpus.h). */
#define _GNU_SOURCE /* sched_getaffinity */
#include <sched.h>
#include <unistd.h>
#include "cpus.h"

long cli_cpus(void)
{
	cpu_set_t set;
	if (sched_getaffinity(0, sizeof set, &set) == 0)
		return CPU_COUNT(&set);
	return sysconf(_SC_NPROCESSORS_ONLN);
}
