/* diag.h: errors and findings as data: a stable code, a level, a position, a message. */
#ifndef PERFSCORE_DIAG_H
#define PERFSCORE_DIAG_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>
#include "perfscore/text.h"

/* Return codes of every library function: 0 or one of these (negative). */
enum {
	PS_OK = 0,
	PS_EINPUT = -1,  /* malformed or unreadable input; details in the ps_diags */
	PS_EIO = -2,     /* read or write failed */
	PS_EUSAGE = -3,  /* the caller passed something invalid */
	PS_ENOMEM = -4
};

/* Where something is. Unknown parts are 0 (offset: -1). */
typedef struct {
	const char *file;  /* borrowed; "-" for stdin, NULL if none */
	uint32_t line;     /* 1-based physical line of the file */
	uint32_t col;      /* 1-based, counted in code points (CJK-safe) */
	int64_t offset;    /* byte offset in the original file, -1 if unknown */
} ps_pos;

#define PS_POS_NONE ((ps_pos){NULL, 0, 0, -1})

typedef enum { PS_NOTE = 0, PS_WARNING = 1, PS_ERROR = 2 } ps_level;

/* Stable diagnostic codes. The name table in diag.c gives each a stable
 * kebab-case name that `check` prints and tests assert on: never renumber
 * the names, only add new codes. */
typedef enum {
	/* input */
	PS_D_IO = 0,            /* cannot open/read/write */
	PS_D_ENCODING,          /* invalid bytes for the encoding */
	PS_D_CSV,               /* malformed CSV (quote) */
	PS_D_EMPTY,             /* empty file / no rows */
	PS_D_NO_HEADER,         /* no row names the indicator columns */
	PS_D_BAD_VALUE,         /* a cell that should hold a number/date does not */
	PS_D_BAD_POINTS,        /* points missing or not a number */
	PS_D_DUP_INDICATOR,     /* two indicators with the same key */
	PS_D_MISSING_FIELD,     /* an indicator without target/rule/... */
	PS_D_FIELD_TOO_LONG,
	/* matching actuals */
	PS_D_UNMATCHED_ACTUAL,  /* an actual row that names no target */
	PS_D_AMBIGUOUS_ACTUAL,  /* an actual row that names several targets */
	PS_D_DUP_ACTUAL,        /* two actual rows for one target */
	PS_D_NO_ACTUAL,         /* a target with no actual value */
	PS_D_BAD_ACTUAL,        /* actual value cannot be read for this rule */
	/* rules */
	PS_D_RULE_UNREAD,       /* part of a rule text not understood */
	PS_D_RULE_TYPO,         /* a known typo read as intended (扣守为止) */
	PS_D_RULE_MANUAL,       /* discretionary rule: needs a person */
	PS_D_RULE_UNCOVERED,    /* actual outside what the rule covers: national default used */
	PS_D_RULE_DEFAULT,      /* no rule: national default used */
	PS_D_RULE_BONUS,        /* bonus points reported, not added */
	PS_D_TIER_GAP,          /* tiers leave a range uncovered */
	PS_D_TIER_OVERLAP,      /* tiers overlap */
	PS_D_RULE_CMP_CONFLICT, /* rule direction contradicts the comparator */
	PS_D_RULE_TARGET_CONFLICT, /* rule threshold disagrees with the target */
	PS_D_RULE_DSL,          /* malformed canonical rule (计分规则 column) */
	/* totals */
	PS_D_POINTS_SUM,        /* points do not add up to 100 */
	PS_D_GROUP_POINTS,      /* group row "(50分)" disagrees with its rows */
	PS_D_POLICY,            /* bad policy file */
	PS_D_UNIT_SPLIT,        /* a unit's rows resume after another's (streaming) */
	PS_D__COUNT
} ps_code;

/* One diagnostic. msg is owned by the ps_diags that holds it. */
typedef struct {
	ps_code code;
	ps_level level;
	ps_pos pos;
	char *msg;
} ps_diag;

/* A growable sink of diagnostics. Zero-initialise (PS_DIAGS_INIT), then
 * ps_diags_dispose. Positions' file pointers are borrowed: the caller keeps
 * the file name alive as long as the sink. */
typedef struct {
	ps_diag *v;
	size_t n, cap;
	size_t n_error, n_warning;
} ps_diags;

#define PS_DIAGS_INIT {NULL, 0, 0, 0, 0}

/* Add a diagnostic at the code's default level; printf-style message (UTF-8). */
void ps_diags_add(ps_diags *d, ps_code code, ps_pos pos, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Same with an explicit level. */
void ps_diags_addl(ps_diags *d, ps_code code, ps_level level, ps_pos pos, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void ps_diags_vaddl(ps_diags *d, ps_code code, ps_level level, ps_pos pos, const char *fmt, va_list ap);
/* Move all of src's diagnostics to the end of dst; src is left empty. */
void ps_diags_move(ps_diags *dst, ps_diags *src);
void ps_diags_clear(ps_diags *d);
void ps_diags_dispose(ps_diags *d);

/* The stable name ("tier-gap") and default level of a code. */
const char *ps_code_name(ps_code code);
ps_level ps_code_level(ps_code code);
const char *ps_level_name(ps_level level); /* "note", "warning", "error" */

/* Format "FILE:LINE:COL: LEVEL: MSG" (parts that are unknown are left out)
 * into a malloc'd string; caller frees. */
char *ps_diag_format(const ps_diag *dg);
/* The same line appended to b (no allocation of its own). */
void ps_diag_format_to(ps_buf *b, const ps_diag *dg);

#endif
