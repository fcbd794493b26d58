/* xlsx_lib.c: libxlsxwriter loaded at the first xlsx report rather than at
 * every start (xlsx_int.h says why): ps_xlsx_load opens it once and finds
 * its functions. */
#include <stdio.h>
#include <string.h>
#include "perfscore/diag.h"
#include "perfscore/report.h"
#ifdef PS_HAVE_XLSX
#include <dlfcn.h>
#include <pthread.h>
#define PS_LXW_NO_CALLS
#include "xlsx_int.h"

xlsx_lib ps_lxw;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char why_not[256]; /* empty: loaded */

static void load(void)
{
	void *h = dlopen(PS_XLSXWRITER_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		const char *e = dlerror();
		snprintf(why_not, sizeof why_not, "%s", e ? e : "cannot load " PS_XLSXWRITER_SONAME);
		return;
	}
	/* dlsym gives a void *; the function pointer is copied out of it
	 * (ISO C has no cast between the two) */
#define PS_LXW_FIND(f)                                                                     \
	{                                                                                      \
		void *p = dlsym(h, #f);                                                            \
		if (!p) {                                                                          \
			snprintf(why_not, sizeof why_not, "%s has no %s", PS_XLSXWRITER_SONAME, #f); \
			return;                                                                        \
		}                                                                                  \
		memcpy(&ps_lxw.f, &p, sizeof p);                                                   \
	}
	PS_LXW_FUNCS(PS_LXW_FIND)
#undef PS_LXW_FIND
	/* kept open for the rest of the run: its functions are called until exit */
}

int ps_xlsx_load(char *why, size_t n)
{
	pthread_once(&once, load);
	if (!why_not[0])
		return PS_OK;
	if (n)
		snprintf(why, n, "%s", why_not);
	return PS_EIO;
}
#else
int ps_xlsx_load(char *why, size_t n)
{
	if (n)
		snprintf(why, n, "this build has no libxlsxwriter");
	return PS_EIO;
}
#endif
