/* csvfloor.c: the benchmark's floor: parse CSV files with libcsv alone, with
 * no-op callbacks, and report the bytes, records and seconds it took. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* clock_gettime when built with plain cc -std=c11 */
#endif
#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Counting in the callbacks keeps them from being optimised into nothing
 * and lets the runner check the parse saw every record. */
typedef struct {
	unsigned long long fields, records;
} counts;

static void on_field(void *s, size_t len, void *data)
{
	(void)s;
	(void)len;
	((counts *)data)->fields++;
}

static void on_record(int c, void *data)
{
	(void)c;
	((counts *)data)->records++;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Parse one file in 64 KiB reads, as a streaming reader would. Returns the
 * number of bytes parsed, or -1 on error (message on stderr). */
static long long parse_file(const char *path, counts *n)
{
	static char buf[1 << 16];
	struct csv_parser p;
	long long total = 0;
	size_t got;
	FILE *f = fopen(path, "rb");

	if (!f) {
		fprintf(stderr, "csvfloor: %s: %s\n", path, strerror(errno));
		return -1;
	}
	/* CSV_APPEND_NULL: a real reader needs NUL-terminated fields. */
	if (csv_init(&p, CSV_APPEND_NULL) != 0) {
		fprintf(stderr, "csvfloor: csv_init failed\n");
		fclose(f);
		return -1;
	}
	while ((got = fread(buf, 1, sizeof buf, f)) > 0) {
		if (csv_parse(&p, buf, got, on_field, on_record, n) != got) {
			fprintf(stderr, "csvfloor: %s: %s\n", path, csv_strerror(csv_error(&p)));
			total = -1;
			break;
		}
		total += (long long)got;
	}
	if (total >= 0 && ferror(f)) {
		fprintf(stderr, "csvfloor: %s: read error\n", path);
		total = -1;
	}
	if (total >= 0)
		csv_fini(&p, on_field, on_record, n);
	csv_free(&p);
	fclose(f);
	return total;
}

int main(int argc, char **argv)
{
	counts n = {0, 0};
	long long bytes = 0;
	double t0;

	if (argc < 2) {
		fprintf(stderr, "usage: csvfloor FILE...\n");
		return 2;
	}
	t0 = now();
	for (int i = 1; i < argc; i++) {
		long long b = parse_file(argv[i], &n);
		if (b < 0)
			return 3;
		bytes += b;
	}
	printf("{\"bytes\": %lld, \"records\": %llu, \"fields\": %llu, \"seconds\": %.6f}\n",
	       bytes, n.records, n.fields, now() - t0);
	return 0;
}
