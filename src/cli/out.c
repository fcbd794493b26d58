/* out.c: atomic output files, terminal detection, width and NO_COLOR. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cmd.h"
#include "out.h"

static void io_diag(ps_diags *d, const char *file, const char *what, int err)
{
	ps_diags_add(d, PS_D_IO, ((ps_pos){file, 0, 0, -1}), "%s: %s", what, strerror(err));
}

int cli_out_open(cli_out *o, const char *path, ps_diags *d)
{
	memset(o, 0, sizeof *o);
	if (!path || strcmp(path, "-") == 0) {
		o->fp = stdout;
		return PS_OK;
	}
	/* The temp file must be in the same directory: rename() is atomic only
	 * within one file system. */
	ps_buf t = PS_BUF_INIT;
	const char *slash = strrchr(path, '/');
	if (slash)
		ps_buf_add(&t, path, (size_t)(slash - path) + 1);
	ps_buf_printf(&t, ".%s.XXXXXX", slash ? slash + 1 : path);
	int fd = mkstemp(t.s);
	if (fd < 0) {
		io_diag(d, path, "cannot create a temporary file beside it", errno);
		ps_buf_dispose(&t);
		return PS_EIO;
	}
	/* mkstemp makes 0600; give the file the mode the user would get from
	 * a plain create, or keep the mode of the file being replaced. */
	struct stat st;
	mode_t mode;
	if (stat(path, &st) == 0) {
		mode = st.st_mode & 07777;
	} else {
		mode_t um = umask(0);
		umask(um);
		mode = 0666 & ~um;
	}
	(void)fchmod(fd, mode);
	o->fp = fdopen(fd, "w");
	if (!o->fp) {
		io_diag(d, path, "cannot open the temporary file", errno);
		close(fd);
		unlink(t.s);
		ps_buf_dispose(&t);
		return PS_EIO;
	}
	o->tmp = ps_buf_detach(&t);
	o->path = ps_xstrdup(path);
	return PS_OK;
}

static void out_free(cli_out *o)
{
	free(o->tmp);
	free(o->path);
	o->tmp = o->path = NULL;
	o->fp = NULL;
}

int cli_out_commit(cli_out *o, ps_diags *d)
{
	if (!o->fp)
		return PS_OK;
	if (!o->tmp) {
		if (fflush(stdout) != 0 || ferror(stdout)) {
			io_diag(d, "<stdout>", "cannot write", errno);
			return PS_EIO;
		}
		o->fp = NULL;
		return PS_OK;
	}
	int err = 0;
	if (fflush(o->fp) != 0 || ferror(o->fp) || fsync(fileno(o->fp)) != 0)
		err = errno ? errno : EIO;
	if (fclose(o->fp) != 0 && !err)
		err = errno ? errno : EIO;
	o->fp = NULL;
	if (!err && rename(o->tmp, o->path) != 0)
		err = errno;
	if (err) {
		io_diag(d, o->path, "cannot write", err);
		unlink(o->tmp);
		out_free(o);
		return PS_EIO;
	}
	out_free(o);
	return PS_OK;
}

void cli_out_abort(cli_out *o)
{
	if (!o->fp)
		return;
	if (o->tmp) {
		fclose(o->fp);
		unlink(o->tmp);
	} else {
		fflush(stdout);
	}
	out_free(o);
}

bool cli_format_from_path(ps_format *out, const char *path)
{
	static const struct {
		const char *ext;
		ps_format f;
	} exts[] = {
		{".json", PS_FMT_JSON}, {".ndjson", PS_FMT_NDJSON}, {".jsonl", PS_FMT_NDJSON},
		{".csv", PS_FMT_CSV}, {".md", PS_FMT_MD}, {".txt", PS_FMT_TABLE}, {".xlsx", PS_FMT_XLSX},
	};
	const char *dot = path ? strrchr(path, '.') : NULL;
	if (!dot || strchr(dot, '/'))
		return false;
	for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
		if (strcmp(dot, exts[i].ext) == 0) {
			*out = exts[i].f;
			return true;
		}
	}
	return false;
}

int cli_pick_format(ps_format *out, const char *cmd, const char *format, const char *output)
{
	bool to_stdout = !output || strcmp(output, "-") == 0;
	if (format) {
		if (ps_format_parse(out, format) != PS_OK)
			return cli_usage_error(cmd, "unknown format '%s'", format);
	} else if (!cli_format_from_path(out, output)) {
		*out = to_stdout && cli_is_tty(stdout) ? PS_FMT_TABLE : PS_FMT_JSON;
	}
	if (*out == PS_FMT_XLSX) {
#ifndef PS_HAVE_XLSX
		return cli_usage_error(cmd, "xlsx output is not available in this build (no libxlsxwriter)");
#else
		if (to_stdout)
			return cli_usage_error(cmd, "xlsx output needs -o FILE.xlsx (a workbook cannot be written to a pipe)");
		char why[256];
		if (ps_xlsx_load(why, sizeof why) != PS_OK)
			return cli_usage_error(cmd, "xlsx output needs libxlsxwriter, which cannot be loaded: %s", why);
#endif
	}
	return 0;
}

bool cli_is_tty(FILE *fp)
{
	return fp && isatty(fileno(fp));
}

bool cli_color_wanted(bool tty)
{
	/* no-color.org asks for a non-empty value, but SPEC §6.6 says never with
	 * NO_COLOR: an empty NO_COLOR= is still someone asking for no colour. */
	return tty && getenv("NO_COLOR") == NULL;
}

int cli_term_width(void)
{
	const char *env = getenv("COLUMNS");
	if (env && env[0]) {
		char *end;
		long v = strtol(env, &end, 10);
		if (*end == '\0' && v >= 20 && v <= 1000)
			return (int)v;
	}
	struct winsize ws;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
		return ws.ws_col;
	return 80;
}
