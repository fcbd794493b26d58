/* cpus.h: how many CPUs `score` may use for its threads. */
#ifndef PERFSCORE_CLI_CPUS_H
#define PERFSCORE_CLI_CPUS_H

/* The CPUs this process may run on (taskset, cpusets), else those online. */
long cli_cpus(void);

#endif
