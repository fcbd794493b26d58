/* dec.h: exact decimal numbers as fixed-point int64 (millionths). Scores, targets
 * and actuals are all ps_dec: no binary floating point touches a score. */
#ifndef PERFSCORE_DEC_H
#define PERFSCORE_DEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int64_t ps_dec;              /* value × 1,000,000 */
#define PS_DEC_SCALE INT64_C(1000000)
#define PS_DEC(i) ((ps_dec)(i) * PS_DEC_SCALE)
/* Largest magnitude we accept from input: 10^12 (a trillion 万元 is plenty). */
#define PS_DEC_MAX (PS_DEC(1000000000000))

/* a×b and a÷b, rounded half away from zero. Results saturate at ±PS_DEC_MAX.
 * ps_dec_div with b == 0 returns 0 and *ok=false (ok may be NULL). */
ps_dec ps_dec_mul(ps_dec a, ps_dec b);
ps_dec ps_dec_div(ps_dec a, ps_dec b, bool *ok);
/* a×b÷c in one step (128-bit intermediate), rounded half away from zero. */
ps_dec ps_dec_muldiv(ps_dec a, ps_dec b, ps_dec c, bool *ok);
/* Round to `decimals` (0..6) places, half away from zero (四舍五入). */
ps_dec ps_dec_round(ps_dec a, int decimals);
ps_dec ps_dec_floor_to(ps_dec a, int decimals); /* toward -inf */
ps_dec ps_dec_min(ps_dec a, ps_dec b);
ps_dec ps_dec_max(ps_dec a, ps_dec b);
ps_dec ps_dec_clamp(ps_dec v, ps_dec lo, ps_dec hi);

/* Parse an ASCII decimal at s[0..len): optional sign, digits with optional
 * thousands separators (2,051.95), optional fraction. Digits beyond 6
 * decimals are rounded half-up (Excel artefacts 0.0900000762939453 → 0.09).
 * Returns the number of bytes consumed (0 if no number), *out set. Spaces
 * after the decimal point ("0. 5") are accepted. */
size_t ps_dec_parse(ps_dec *out, const char *s, size_t len);

/* Format with at least min_dec and at most max_dec decimals (trailing zeros
 * beyond min_dec trimmed): (9.6, 0, 2) → "9.6"; (9.6, 2, 2) → "9.60".
 * Writes a NUL-terminated string into buf (size >= 32 is always enough);
 * returns its length. */
size_t ps_dec_format(char *buf, size_t size, ps_dec v, int min_dec, int max_dec);

/* The nearest double, for display computations only (never for scores). */
double ps_dec_to_double(ps_dec v);

#endif
