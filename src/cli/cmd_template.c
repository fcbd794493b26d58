/* cmd_template.c: `perfscore template TARGETS`: the actuals.csv a unit fills
 * in: one row per indicator with its keys, the target for reference, and
 * empty 实际完成值 and 偏差原因 cells; what `score TARGETS ACTUALS` reads back. */
#include <stdlib.h>
#include <string.h>
#include "cmd.h"
#include "opt.h"
#include "out.h"

enum { O_BOM = 256 };

static const cli_opt options[] = {
	{'o', "output", 'o', "FILE", "write to FILE atomically (nothing is left on error)"},
	{O_BOM, "bom", 0, NULL, "start with a UTF-8 BOM, for Excel"},
	CLI_OPT_ENCODING,
	CLI_OPT_LANG("column names: zh (default) or en (unit_code, level1, ...)"),
	CLI_OPT_HELP,
	CLI_OPT_END,
};

static const cli_cmd help = {
	"template", "TARGETS [OPTIONS]",
	"Write the actuals file (actuals.csv) to fill in for a targets table.",
	"One row per indicator, in the table's order, every unit of the file:\n"
	"单位编码 (and 单位名称 when the table names units), 指标编码 when the table\n"
	"has one, 一级指标, 二级指标, 三级指标, the 指标值 for reference, and empty\n"
	"实际完成值 and 偏差原因 columns. CSV (RFC 4180, CRLF line ends); cells that\n"
	"a spreadsheet would run as formulas are prefixed with '. Fill in the values\n"
	"and score with 'perfscore score TARGETS ACTUALS'. '-' reads standard input.\n"
	"Exit status: 0 done; 2 bad usage; 3 unreadable input or an I/O error, with\n"
	"no output written.\n",
	options,
	"  perfscore template targets.csv -o actuals.csv\n"
	"  perfscore template targets.csv --bom -o 实际完成值.csv    # for Excel\n"
	"  perfscore score targets.csv actuals.csv\n",
	1, 1, "no targets file given",
};

typedef struct {
	const char *output;
	bool bom;
} template_args;

static int template_option(void *ctx, int id, const char *arg)
{
	template_args *a = ctx;
	switch (id) {
	case 'o': a->output = arg; break;
	case O_BOM: a->bom = true; break;
	default: return CLI_EXIT_USAGE;
	}
	return 0;
}

/* The columns, in order; names the loader reads back (docs/columns.md). */
enum { C_UNIT_CODE, C_UNIT_NAME, C_ID, C_LEVEL1, C_LEVEL2, C_NAME, C_TARGET, C_ACTUAL, C_REASON, C__N };
static const char *const col_names[C__N][2] = {
	[C_UNIT_CODE] = {"单位编码", "unit_code"}, [C_UNIT_NAME] = {"单位名称", "unit_name"},
	[C_ID] = {"指标编码", "id"},             [C_LEVEL1] = {"一级指标", "level1"},
	[C_LEVEL2] = {"二级指标", "level2"},     [C_NAME] = {"三级指标", "name"},
	[C_TARGET] = {"指标值", "target"},       [C_ACTUAL] = {"实际完成值", "actual"},
	[C_REASON] = {"偏差原因", "reason"},
};

static void put_row(ps_buf *b, const bool *on, const char *const *cells)
{
	bool first = true;
	for (int c = 0; c < C__N; c++) {
		if (!on[c])
			continue;
		if (!first)
			ps_buf_addc(b, ',');
		first = false;
		ps_report_csv_cell(b, cells[c]);
	}
	ps_buf_adds(b, "\r\n");
}

/* The whole file into b: it is small next to the table it comes from. */
static void write_template(ps_buf *b, const ps_table *t, bool bom, ps_lang lang)
{
	bool on[C__N];
	for (int c = 0; c < C__N; c++)
		on[c] = true;
	/* 单位名称 is a reading aid (and the key when there is no 单位编码);
	 * 指标编码 only when there are ids to match by. */
	on[C_UNIT_NAME] = on[C_ID] = false;
	for (size_t u = 0; u < t->n_units; u++)
		on[C_UNIT_NAME] |= t->units[u].name[0] != '\0';
	on[C_ID] = t->has_field[PS_F_ID];
	if (bom)
		ps_buf_adds(b, "\xEF\xBB\xBF");
	const char *cells[C__N];
	for (int c = 0; c < C__N; c++)
		cells[c] = col_names[c][lang == PS_LANG_EN];
	put_row(b, on, cells);
	for (size_t u = 0; u < t->n_units; u++) {
		const ps_unit *unit = &t->units[u];
		for (size_t i = 0; i < unit->n; i++) {
			const ps_indicator *ind = &unit->v[i];
			char *target = ps_report_target_text(ind);
			cells[C_UNIT_CODE] = unit->code;
			cells[C_UNIT_NAME] = unit->name;
			cells[C_ID] = ind->id;
			cells[C_LEVEL1] = ind->level1;
			cells[C_LEVEL2] = ind->level2;
			cells[C_NAME] = ind->name;
			cells[C_TARGET] = target;
			cells[C_ACTUAL] = cells[C_REASON] = "";
			put_row(b, on, cells);
			free(target);
		}
	}
}

int cmd_template(int argc, char **argv)
{
	template_args ta = {NULL, false};
	cli_args args;
	int rc = cli_opt_parse(&args, &help, argc, argv, template_option, &ta);
	if (rc != 0)
		return rc == CLI_HELP_SHOWN ? CLI_EXIT_OK : rc;
	int exit_code = CLI_EXIT_OK;
	ps_diags diags = PS_DIAGS_INIT;
	ps_source *src = NULL;
	ps_table *table = NULL;
	cli_out out = {NULL, NULL, NULL};
	ps_buf b = PS_BUF_INIT;

	if (cli_load_targets(&src, &table, args.operands[0], args.encoding, &diags) != PS_OK ||
	    diags.n_error)
		goto fail;
	write_template(&b, table, ta.bom, args.lang);
	if (cli_out_open(&out, ta.output, &diags) != PS_OK)
		goto fail;
	if (b.n && fwrite(b.s, 1, b.n, out.fp) != b.n) {
		ps_diags_add(&diags, PS_D_IO, ((ps_pos){ta.output ? ta.output : "<stdout>", 0, 0, -1}),
		             "cannot write the template");
		cli_out_abort(&out);
		goto fail;
	}
	if (cli_out_commit(&out, &diags) != PS_OK)
		goto fail;
	cli_print_diags(&diags, PS_NOTE);
	goto done;

fail:
	cli_print_diags(&diags, PS_NOTE);
	exit_code = CLI_EXIT_INPUT;
done:
	ps_buf_dispose(&b);
	ps_table_free(table);
	ps_source_free(src);
	ps_diags_dispose(&diags);
	return exit_code;
}
