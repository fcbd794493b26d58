/* value_int.h: private: value.c's shortcuts and the general path they stand
 * in for, so that tests can hold one to the other. */
#ifndef PS_VALUE_INT_H
#define PS_VALUE_INT_H

#include <stddef.h>
#include "perfscore/value.h"

/* ps_norm_key(s, len, false) written into buf (NUL-terminated) when s is
 * printable ASCII, CJK ideographs, ≥ ≤ ≧ ≦ ‰ 、 。 and fullwidth ASCII and
 * the key fits in size bytes; returns buf, or NULL (nothing promised in
 * buf) for any other text. */
char *ps_value_simple_key(char *buf, size_t size, const char *s, size_t len);

/* ps_value_parse without its shortcuts: every cell through ps_norm_key and
 * all the readers in turn. Same contract and results. */
void ps_value_parse_ref(ps_value *out, const char *text, size_t len);

#endif
