/* table.h: the targets table (绩效目标表) and the actual values, loaded from CSV:
 * header found by column aliases, title rows skipped, merged cells filled down,
 * many units per file, actual values matched to targets. */
#ifndef PERFSCORE_TABLE_H
#define PERFSCORE_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "diag.h"
#include "dec.h"
#include "source.h"
#include "value.h"

/* The fields perfscore knows. Column aliases map header cells to these. */
typedef enum {
	PS_F_NONE = 0,
	PS_F_UNIT_CODE,    /* 单位编码 */
	PS_F_UNIT_NAME,    /* 单位名称 */
	PS_F_ID,           /* 指标编码 */
	PS_F_LEVEL1,       /* 一级指标 */
	PS_F_LEVEL2,       /* 二级指标 */
	PS_F_NAME,         /* 三级指标 / 指标名称 / 绩效指标 */
	PS_F_TYPE,         /* 指标值类型 / 指标性质 / 符号 */
	PS_F_TARGET,       /* 指标值 / 年度指标值 / 目标值 */
	PS_F_UNIT,         /* 计量单位 */
	PS_F_EXPLAIN,      /* 指标解释 */
	PS_F_RULE,         /* 评（扣）分标准 / 评分标准 / 计分方法 ... */
	PS_F_DSL,          /* 计分规则: canonical rule form, overrides RULE */
	PS_F_POINTS,       /* 分值 / 权重 / 指标分值 */
	PS_F_REMARK,       /* 备注 (holds points when its cells read "20分") */
	PS_F_ACTUAL,       /* 实际完成值 / 实际值 / 完成值 */
	PS_F_SCORE,        /* 得分 (given score) */
	PS_F_REASON,       /* 偏差原因 / 偏差原因分析及改进措施 */
	PS_F_NA,           /* 是否适用 / 不适用 */
	PS_F__COUNT
} ps_field;

const char *ps_field_name(ps_field f); /* "level1", "name", ... (JSON-ish) */

/* Look a header cell up in the alias table (after NFKC, spaces and brackets
 * removed). Returns PS_F_NONE if it names no known field. */
ps_field ps_field_lookup(const char *cell, size_t len);

/* One indicator (三级指标 row). All strings owned by the unit (kept in its
 * `strings`, freed with it by ps_unit_dispose: never free or replace one;
 * two fields may share one string), UTF-8, normalised at the boundary
 * (ps_norm_cell), never NULL ("" when blank). */
typedef struct {
	char *id;            /* 指标编码, "" if none */
	char *unit_code, *unit_name;
	char *level1, *level2, *name;
	char *type_text;     /* raw 指标值类型 cell */
	ps_cmp cmp;          /* from the type cell, else from the target text */
	char *target_text;   /* raw 指标值 cell */
	ps_value target;     /* parsed; its text points into target_text */
	char *unit;          /* normalised 计量单位 (or unit inside the target) */
	char *explain;       /* 指标解释 */
	char *rule_text;     /* 评（扣）分标准 */
	char *rule_dsl;      /* 计分规则 (canonical form), "" if none */
	ps_dec points;       /* 分值 */
	bool has_points;
	char *remark;        /* 备注 */
	ps_pos pos;          /* file and line of the row */
	/* Filled from the actuals file, or from the same row in a
	 * self-evaluation table. */
	bool has_actual;     /* an actual row matched (even if its value is blank) */
	char *actual_text;
	ps_dec given_score;  /* 得分 as given */
	bool has_given_score;
	char *reason;        /* 偏差原因 */
	bool not_applicable;
	ps_pos actual_pos;   /* where the actual value came from */
	char *name_key;      /* ps_name_key(name), set when the unit is finished
	                      * (matching and duplicate checks); NULL before;
	                      * may be the name itself */
	/* The byte lengths of id, level1, level2, name, target_text, unit,
	 * rule_text, rule_dsl, actual_text and reason, kept by the code that
	 * sets them so that writers need not count them again. 0 means "not
	 * kept, count it": whoever sets one of those strings sets its length
	 * too, or 0 (a memset indicator is right as it is). */
	uint32_t id_len, level1_len, level2_len, name_len, target_len, unit_len;
	uint32_t rule_len, dsl_len, actual_len, reason_len;
} ps_indicator;

/* The 项目资金 block of a 项目支出绩效自评表, above the indicator header:
 * 年初预算数, 全年预算数, 全年执行数 of the 年度资金总额 row, with the 分值
 * and 得分 of the 预算执行率 indicator it stands for (SPEC §6.5). */
typedef struct {
	bool present;        /* the table has the block (at least 全年预算数 and 全年执行数) */
	bool has_initial, has_full, has_spent, has_points, has_score;
	ps_dec initial;      /* 年初预算数 (万元, as written) */
	ps_dec full;         /* 全年预算数 */
	ps_dec spent;        /* 全年执行数 */
	ps_dec points;       /* 分值 of 预算执行率 (usually 10) */
	ps_dec score;        /* 得分 as given */
	ps_pos pos;          /* the 年度资金总额 row */
} ps_budget;

/* The total row (合计/总分) of a unit's table as the unit filled it in:
 * its 分值 and 得分 cells, for `audit` to check against the rows. */
typedef struct {
	bool present;        /* a total row with a 分值 or 得分 number */
	bool has_points, has_score;
	ps_dec points, score;
	ps_pos pos;          /* the total row */
} ps_stated_total;

struct ps_pool;

/* A unit (预算单位): its indicators in file order. */
typedef struct {
	char *code, *name;   /* "" when the table does not say */
	ps_indicator *v;
	size_t n, cap;
	size_t n_categories; /* 二级 rows with no 三级 (a category with no indicator) */
	ps_pos pos;          /* first row of the unit */
	struct ps_pool *strings; /* the indicators' strings, packed (table.c):
	                      * a few allocations per unit, not one per cell */
} ps_unit;

typedef struct {
	char *file;          /* owned copy of the source name */
	ps_unit *units;
	size_t n_units, cap_units;
	bool has_field[PS_F__COUNT]; /* which columns the header had */
	bool self_eval;      /* the table carries actual values */
	size_t n_rows;       /* indicator rows read */
	ps_budget *budget;   /* per unit, parallel to units: its 项目资金 block
	                      * (budget[u].present false when it has none) */
	ps_stated_total *stated; /* per unit, parallel to units: its own total
	                      * row (stated[u].present false when none) */
	struct ps_pool *names; /* the units' codes and names, packed (table.c):
	                      * not two allocations per unit */
} ps_table;

typedef struct {
	ps_encoding encoding;
} ps_load_options;
#define PS_LOAD_OPTIONS_INIT {PS_ENC_AUTO}

/* Load a targets table (or a self-evaluation table with actual values) from
 * an already-decoded source. docs/columns.md describes what is read: the
 * header found by column aliases among title rows (two- and three-row
 * headers merged), merged cells filled down (unit → 一级 → 二级), names
 * cleaned of numbering, prompts and "(N分)", categories counted, group
 * points and duplicate indicators checked, points read from 备注 when it
 * holds them. Rows with problems are reported in `diags` and skipped where
 * they cannot be used; returns PS_EINPUT only when the file as a whole
 * cannot be read (bad CSV, no header naming the indicator column, no
 * indicator row). *out owned by the caller (ps_table_free); every string
 * in it is owned by the table: read it, never free or replace it.
 * Diagnostics borrow src->name as their file (keep the source alive while
 * they are used); indicator positions borrow t->file. opts may be NULL
 * (the encoding was applied when the source was opened). */
int ps_table_load(ps_table **out, const ps_source *src, const ps_load_options *opts, ps_diags *diags);
void ps_table_free(ps_table *t);

/* The same table read unit by unit, for tables too big to hold: each unit
 * is finished (the checks of ps_table_load done on its rows) when the rows
 * of another unit begin, and handed out; its indicators are freed at the
 * next call. Differences from ps_table_load: a unit whose rows resume after
 * another unit's cannot be merged any more and is reported (PS_D_UNIT_SPLIT,
 * an error); the unit list in the table keeps every unit seen, with the
 * indicators of those handed out already released.
 * ps_table_reader_open reads up to the header (errors as ps_table_load);
 * ps_table_reader_table gives the table being read (file, has_field,
 * self_eval; units[u], budget[u], stated[u] for the unit handed out).
 * ps_table_reader_next returns 1 with *unit set, 0 at the end, or
 * PS_EINPUT (bad CSV, no indicator row at all). The source must outlive
 * the reader, which lets the pages of a mapped source go as it reads
 * (ps_source_release). */
typedef struct ps_table_reader ps_table_reader;
int ps_table_reader_open(ps_table_reader **out, ps_source *src, ps_diags *diags);
ps_table *ps_table_reader_table(ps_table_reader *r);
int ps_table_reader_next(ps_table_reader *r, size_t *unit, ps_diags *diags);
/* Take the unit handed out last out of the reader (to score it on another
 * thread while the reader goes on): *unit and *budget get copies, the
 * indicators are the caller's to free with ps_unit_dispose; the unit's code
 * and name strings stay the reader's (valid until ps_table_reader_free). */
void ps_table_reader_take(ps_table_reader *r, ps_unit *unit, ps_budget *budget);
/* Let a second thread help the one that calls ps_table_reader_next: after
 * ps_table_reader_share (called before that thread sees r), it may call
 * ps_table_reader_help when it has nothing else to do: that parses the
 * next CSV records ahead (a few KiB, up to 256 KiB ahead) and returns
 * true, or returns false when there is nothing it can do now (it may wait
 * a moment for the reading thread's own parse first). Rows, units and
 * diagnostics are the same as without help. */
void ps_table_reader_share(ps_table_reader *r);
bool ps_table_reader_help(ps_table_reader *r);
/* Free a unit's indicators and their strings (not its code and name). */
void ps_unit_dispose(ps_unit *unit);
void ps_table_reader_free(ps_table_reader *r);

/* One row of actuals.csv. All strings owned by the ps_actuals (packed: never
 * free or replace one), never NULL. */
typedef struct {
	char *id, *unit_code, *level1, *level2, *name;
	char *unit_name;     /* 单位名称 (used to match when there is no 单位编码) */
	char *actual_text;
	char *score_text; ps_dec given_score; bool has_given_score;
	uint32_t name_len;   /* strlen(name), set by the loader; 0 for "" or when
	                      * not kept: count it (so for actual_len, reason_len).
	                      * In the padding after the bools: the row stays 128
	                      * bytes, two cache lines */
	char *reason;
	bool not_applicable;
	uint32_t actual_len; /* strlen(actual_text), as name_len */
	ps_pos pos;
	int matched;         /* number of targets it matched (0, 1, or >1 = ambiguous) */
	uint32_t reason_len; /* strlen(reason), as name_len */
} ps_actual;

typedef struct {
	char *file;
	ps_actual *v;
	size_t n, cap;
	bool has_field[PS_F__COUNT]; /* which columns the header had */
	struct ps_pool *strings; /* where the rows' strings are kept (actuals.c) */
	uint64_t *code_word; /* per row (n of them), set by the loader while the row
	                      * is at hand: its unit_code's bytes packed into a word
	                      * (memcpy, zero-filled) when 1 to 8 bytes long, else 0;
	                      * NULL when not set (ps_matcher_new then reads the codes) */
} ps_actuals;

/* Load actual values: the same header search, title rows and fill-down as
 * ps_table_load; the header must name the indicator (三级指标 or 指标编码)
 * and the actual value, the given score or 不适用. Rows with neither a name
 * nor an id are skipped. not_applicable is set when the 不适用 column says
 * yes (是/不适用/Y/1/true; for a 是否适用 column: 否/N/0/false) or the
 * actual cell itself reads 不适用. Returns 0 or PS_EINPUT (bad CSV, no
 * header); *out owned by the caller (ps_actuals_free). */
int ps_actuals_load(ps_actuals **out, const ps_source *src, const ps_load_options *opts, ps_diags *diags);
void ps_actuals_free(ps_actuals *a);

/* Match actual rows to indicators: by 指标编码 when both have it, else by
 * (单位编码, 三级指标) with 一级/二级 to tell duplicates apart (a hash, not a
 * scan). Units are keyed by code when both files have codes (leading zeros
 * Excel drops do not matter), else by unit name, else not at all (a name
 * found in several units is then ambiguous). Names and levels compare after
 * ps_norm_key, quotes and trailing punctuation dropped, "指标" optional at
 * the end of a level. Copies the actual fields into each matched indicator
 * (actual_pos names the actual row; a blank reason or score in the actual
 * row keeps what a self-evaluation table already had). Reports unmatched,
 * ambiguous (naming the candidates' lines) and duplicate (the first row
 * wins) actual rows at the actual row's position, and fills
 * a->v[i].matched. Targets with no actual keep has_actual as loaded.
 * Returns 0. */
int ps_match(ps_table *t, ps_actuals *a, ps_diags *diags);

/* The same matching unit by unit, for a ps_table_reader: possible when
 * both files have 单位编码 and every actual row names its unit
 * (ps_match_by_unit; the result is then that of ps_match, with the
 * diagnostics of each unit's rows given when it is matched and those of
 * rows naming no unit of the table at ps_matcher_finish). t is the
 * reader's table (file and columns); it and a must outlive the matcher. */
typedef struct ps_matcher ps_matcher;
bool ps_match_by_unit(const ps_table *t, const ps_actuals *a);
ps_matcher *ps_matcher_new(const ps_table *t, ps_actuals *a);
void ps_match_unit(ps_matcher *m, ps_unit *unit, ps_diags *diags);
void ps_matcher_finish(ps_matcher *m, ps_diags *diags);
void ps_matcher_free(ps_matcher *m);

#endif
