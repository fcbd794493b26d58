/* source.c: read an input fully, detect its encoding and convert it to UTF-8 at
 * the boundary, keeping a map back to the original byte offsets. */
#define _DEFAULT_SOURCE /* madvise */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "perfscore/source.h"
#include "perfscore/text.h"

/* A file that holds this many well-formed multi-byte UTF-8 characters before
 * its first bad byte is UTF-8 with damage, not GB18030: real GBK text breaks
 * UTF-8 within a character or two, while decoding damaged UTF-8 as GB18030
 * would silently produce mojibake. */
#define UTF8_EVIDENCE 16

static const char gb_bom[4] = {'\x84', '\x31', '\x95', '\x33'};

static uint32_t line_of(const unsigned char *data, size_t off)
{
	uint32_t line = 1;
	for (size_t i = 0; i < off; i++)
		if (data[i] == '\n' || (data[i] == '\r' && (i + 1 >= off || data[i + 1] != '\n')))
			line++;
	return line;
}

static ps_pos byte_pos(const char *name, const unsigned char *data, size_t off)
{
	ps_pos p = {name, line_of(data, off), 0, (int64_t)off};
	return p;
}

/* A file read through mmap: its pages are let go behind the reader (a
 * table of hundreds of megabytes is never resident at once); read again,
 * they come back from the page cache. */
typedef struct {
	void *base;
	size_t size;
	size_t released;    /* bytes from base already let go */
} fmap;

#define RELEASE_STEP ((size_t)4 << 20)

static void map_release(fmap *m, size_t upto)
{
	if (!m || !m->base || upto < m->released + RELEASE_STEP)
		return;
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t end = (upto < m->size ? upto : m->size) / page * page;
	if (end > m->released) {
		(void)madvise((char *)m->base + m->released, end - m->released, MADV_DONTNEED);
		m->released = end;
	}
}

/* Map a regular file whose size is not a multiple of the page size (the
 * byte after it, in its last page, is then a 0 the text needs). */
static bool map_file(FILE *f, fmap *m)
{
	struct stat st;
	long page = sysconf(_SC_PAGESIZE);
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 || page <= 0 ||
	    (uint64_t)st.st_size % (uint64_t)page == 0 || (uint64_t)st.st_size > SIZE_MAX / 2)
		return false;
	void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fileno(f), 0);
	if (p == MAP_FAILED)
		return false;
	(void)madvise(p, (size_t)st.st_size, MADV_SEQUENTIAL);
	m->base = p;
	m->size = (size_t)st.st_size;
	m->released = 0;
	return true;
}

void ps_source_release(ps_source *src, size_t upto)
{
	if (!src->map)
		return;
	fmap m = {src->map, src->map_size, src->map_released};
	map_release(&m, src->bom_len + upto);
	src->map_released = m.released;
}

static int read_stream(FILE *f, ps_buf *b)
{
	/* a regular file is read into a buffer of its size (+1 for the NUL the
	 * text gets): no doubling, and the text can keep the buffer */
	struct stat st;
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
		size_t want = (size_t)st.st_size;
		b->s = ps_xmalloc(want + 1);
		b->cap = want + 1;
		b->n = fread(b->s, 1, want, f);
		b->s[b->n] = '\0';
		if (b->n < want && ferror(f))
			return -1;
	}
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		ps_buf_add(b, chunk, n);
	return ferror(f) ? -1 : 0;
}

static int decode(ps_source **out, const char *name, const char *data_, size_t len, ps_encoding enc,
                  char **owned, fmap *m, ps_diags *diags);
static int from_mem(ps_source **out, const char *name, const char *data_, size_t len, ps_encoding enc,
                    char *owned, ps_diags *diags);

int ps_source_open(ps_source **out, const char *path, ps_encoding enc, ps_diags *diags)
{
	*out = NULL;
	ps_buf b = PS_BUF_INIT;
	bool is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	if (!f) {
		ps_diags_add(diags, PS_D_IO, (ps_pos){path, 0, 0, -1}, "cannot open: %s", strerror(errno));
		return PS_EIO;
	}
	fmap m = {NULL, 0, 0};
	if (!is_stdin && map_file(f, &m)) {
		fclose(f);
		char *none = NULL;
		int rc = decode(out, path, m.base, m.size, enc, &none, &m, diags);
		if (m.base) /* not kept as the text (converted, or an error) */
			munmap(m.base, m.size);
		return rc;
	}
	int rc = read_stream(f, &b);
	int err = errno;
	if (!is_stdin)
		fclose(f);
	if (rc < 0) {
		ps_diags_add(diags, PS_D_IO, (ps_pos){path, 0, 0, -1}, "cannot read: %s", strerror(err));
		ps_buf_dispose(&b);
		return PS_EIO;
	}
	/* UTF-8 text keeps the buffer it was read into instead of a copy */
	size_t n = b.n;
	char *buf = ps_buf_detach(&b);
	return from_mem(out, path, buf, n, enc, buf, diags);
}

static void free_text(ps_source *src)
{
	if (src->map)
		munmap(src->map, src->map_size);
	else
		free(src->text);
	src->map = NULL;
}

void ps_source_drop_text(ps_source *src)
{
	free_text(src);
	src->text = NULL;
	src->len = 0;
}

/* One checkpoint per converted line: where it starts in the UTF-8 text and
 * in the original, and which decoder read it (0 GB18030, 1 CP936). */
typedef struct {
	ps_buf text;
	uint64_t *mu, *mo;
	unsigned char *me;
	size_t n, cap;
} conv;

static void conv_mark(conv *c, size_t orig, unsigned char enc)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 256;
		c->mu = ps_xrealloc(c->mu, c->cap * sizeof *c->mu);
		c->mo = ps_xrealloc(c->mo, c->cap * sizeof *c->mo);
		c->me = ps_xrealloc(c->me, c->cap);
	}
	c->mu[c->n] = c->text.n;
	c->mo[c->n] = orig;
	c->me[c->n] = enc;
	c->n++;
}

static void reserve(ps_buf *b, size_t extra)
{
	if (b->s && b->cap - b->n > extra)
		return;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->n + extra + 1)
		cap *= 2;
	b->s = ps_xrealloc(b->s, cap);
	b->cap = cap;
}

/* Convert data[a..b) with cd, appending to c->text. Returns -1 on success or
 * the offset of the first byte it could not convert. */
static int64_t iconv_span(iconv_t cd, conv *c, const unsigned char *data, size_t a, size_t b)
{
	iconv(cd, NULL, NULL, NULL, NULL);
	char *in = (char *)data + a;
	size_t inleft = b - a;
	while (inleft > 0) {
		/* GB18030 never grows more than 3/2 in UTF-8; leave room anyway */
		size_t room = inleft * 2 + 8;
		reserve(&c->text, room);
		char *outp = c->text.s + c->text.n;
		size_t outleft = room;
		size_t r = iconv(cd, &in, &inleft, &outp, &outleft);
		c->text.n = (size_t)(outp - c->text.s);
		c->text.s[c->text.n] = '\0';
		if (r == (size_t)-1 && errno != E2BIG)
			return (int64_t)((const unsigned char *)in - data);
	}
	return -1;
}

static void conv_dispose(conv *c)
{
	ps_buf_dispose(&c->text);
	free(c->mu);
	free(c->mo);
	free(c->me);
}

/* Decode data[start..len) as GB18030, line by line (a line break is never
 * part of a multi-byte GB18030 character), retrying a line with CP936 when
 * it fails on the byte 0x80 (the euro sign of Windows code page 936, which
 * glibc's GB18030 rejects). */
static int from_gb18030(ps_source *s, const unsigned char *data, size_t len, size_t start,
                        const char *name, ps_diags *diags)
{
	iconv_t gb = iconv_open("UTF-8", "GB18030");
	if (gb == (iconv_t)-1) {
		ps_diags_add(diags, PS_D_ENCODING, (ps_pos){name, 0, 0, -1},
		             "cannot convert from GB18030: %s", strerror(errno));
		return PS_EINPUT;
	}
	iconv_t cp = (iconv_t)-1;
	conv c = {PS_BUF_INIT, NULL, NULL, NULL, 0, 0};
	ps_buf_add(&c.text, "", 0);
	int rc = PS_OK;
	size_t a = start;
	while (a < len) {
		size_t b = a;
		while (b < len && data[b] != '\n' && data[b] != '\r' && data[b] != '\0')
			b++;
		bool nul = b < len && data[b] == '\0';
		if (!nul && b < len) {
			b++;
			if (data[b - 1] == '\r' && b < len && data[b] == '\n')
				b++;
		}
		size_t mark_at = c.text.n;
		conv_mark(&c, a, 0);
		int64_t bad = iconv_span(gb, &c, data, a, b);
		if (bad >= 0 && data[bad] == 0x80) {
			if (cp == (iconv_t)-1)
				cp = iconv_open("UTF-8", "CP936");
			if (cp != (iconv_t)-1) {
				c.text.n = mark_at;
				c.me[c.n - 1] = 1;
				int64_t bad2 = iconv_span(cp, &c, data, a, b);
				if (bad2 < 0)
					bad = -1;
			}
		}
		if (bad >= 0) {
			ps_diags_add(diags, PS_D_ENCODING, byte_pos(name, data, (size_t)bad),
			             "invalid GB18030 byte 0x%02X at byte %lld", data[bad], (long long)bad);
			rc = PS_EINPUT;
			break;
		}
		if (nul) {
			ps_diags_add(diags, PS_D_ENCODING, byte_pos(name, data, b),
			             "invalid byte 0x00 (NUL) at byte %zu: not a text file", b);
			rc = PS_EINPUT;
			break;
		}
		a = b;
	}
	iconv_close(gb);
	if (cp != (iconv_t)-1)
		iconv_close(cp);
	if (rc != PS_OK) {
		conv_dispose(&c);
		return rc;
	}
	s->len = c.text.n;
	s->text = ps_buf_detach(&c.text);
	s->map_utf8 = c.mu;
	s->map_orig = c.mo;
	s->map_enc = c.me;
	s->map_n = c.n;
	return PS_OK;
}

/* The first NUL or invalid UTF-8 byte of s[0..n) (*nul says which), or -1.
 * Read a window of RELEASE_STEP bytes at a time (ps_utf8_invalid_at, and
 * memchr for a NUL, which is valid UTF-8 but not text): the pages of a
 * mapped file are let go as the scan passes them (s is at byte `at` of the
 * mapping). */
static int64_t utf8_scan(const unsigned char *s, size_t n, fmap *m, size_t at, bool *nul)
{
	*nul = false;
	for (size_t i = 0; i < n;) {
		size_t w = n - i < RELEASE_STEP ? n - i : RELEASE_STEP;
		/* end the window between characters, not inside one */
		while (w > 4 && i + w < n && (s[i + w] & 0xC0) == 0x80)
			w--;
		const unsigned char *z = memchr(s + i, 0, w);
		size_t v = z ? (size_t)(z - (s + i)) : w;
		int64_t bad = ps_utf8_invalid_at((const char *)s + i, v);
		if (bad >= 0)
			return (int64_t)i + bad;
		if (z) {
			*nul = true;
			return (int64_t)(i + v);
		}
		i += w;
		map_release(m, at + i);
	}
	return -1;
}

/* valid: the bytes were already found to be valid UTF-8 without NUL. The
 * text is the mapped file itself (m), the buffer read (*owned, taken) or a
 * copy. */
static int from_utf8(ps_source *s, const unsigned char *data, size_t len, size_t start, bool valid,
                     char **owned, fmap *m, const char *name, ps_diags *diags)
{
	bool nul = false;
	int64_t at = valid ? -1 : utf8_scan(data + start, len - start, m, start, &nul);
	if (at >= 0) {
		size_t off = start + (size_t)at;
		if (nul)
			ps_diags_add(diags, PS_D_ENCODING, byte_pos(name, data, off),
			             "invalid byte 0x00 (NUL) at byte %zu: not a text file", off);
		else
			ps_diags_add(diags, PS_D_ENCODING, byte_pos(name, data, off),
			             "invalid UTF-8 at byte %zu (byte 0x%02X)", off, data[off]);
		return PS_EINPUT;
	}
	s->len = len - start;
	if (m && m->base) { /* the byte after the file in its last page is 0 */
		s->text = (char *)data + start;
		s->map = m->base;
		s->map_size = m->size;
		s->map_released = 0; /* the reader touches the pages again from the start */
		m->base = NULL;
	} else if (*owned) { /* owned holds data, with room for a NUL after it */
		memmove(*owned, data + start, s->len);
		(*owned)[s->len] = '\0';
		s->text = *owned;
		*owned = NULL;
	} else {
		s->text = ps_xstrndup((const char *)data + start, s->len);
	}
	return PS_OK;
}

/* Count the multi-byte characters in a prefix already known to be valid. */
static size_t utf8_multibyte(const unsigned char *p, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (p[i] >= 0xC2)
			k++;
	return k;
}

int ps_source_from_mem(ps_source **out, const char *name, const char *data_, size_t len,
                       ps_encoding enc, ps_diags *diags)
{
	return from_mem(out, name, data_, len, enc, NULL, diags);
}


/* owned: NULL, or the malloc'd buffer data_ points into, with room for one
 * more byte (taken over: kept as the text or freed). */
static int from_mem(ps_source **out, const char *name, const char *data_, size_t len, ps_encoding enc,
                    char *owned, ps_diags *diags)
{
	int rc = decode(out, name, data_, len, enc, &owned, NULL, diags);
	free(owned);
	return rc;
}

static int decode(ps_source **out, const char *name, const char *data_, size_t len, ps_encoding enc,
                  char **owned, fmap *m, ps_diags *diags)
{
	*out = NULL;
	const unsigned char *data = (const unsigned char *)(data_ ? data_ : "");
	if (!data_)
		len = 0;
	if (len >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF))) {
		ps_diags_add(diags, PS_D_ENCODING, (ps_pos){name, 1, 0, 0},
		             "UTF-16 text is not supported: save the file as CSV (UTF-8) or convert it with "
		             "iconv -f UTF-16 -t UTF-8");
		return PS_EINPUT;
	}
	size_t start = 0;
	bool utf8_bom = len >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF;
	bool gb_bom_seen = len >= 4 && memcmp(data, gb_bom, 4) == 0;
	ps_encoding use = enc;
	bool valid = false;
	int64_t utf8_bad = -1; /* AUTO fell back to GB18030 at this invalid UTF-8 byte */
	/* A BOM says what the file is even under --encoding, which applies to
	 * every input: GBK targets and the UTF-8 actuals perfscore template
	 * wrote (with --bom) are read in one run. */
	if (utf8_bom) {
		use = PS_ENC_UTF8;
	} else if (gb_bom_seen) {
		use = PS_ENC_GB18030;
	} else if (enc == PS_ENC_AUTO) {
		bool nul;
		int64_t at = utf8_scan(data, len, m, 0, &nul);
		int64_t bad = nul ? -1 : at; /* a NUL is reported once UTF-8 is chosen */
		valid = at < 0;
		use = bad < 0 || utf8_multibyte(data, (size_t)bad) >= UTF8_EVIDENCE ? PS_ENC_UTF8
		                                                                     : PS_ENC_GB18030;
		if (use == PS_ENC_GB18030)
			utf8_bad = bad;
	}
	if (use == PS_ENC_UTF8 && utf8_bom)
		start = 3;
	else if (use == PS_ENC_GB18030 && gb_bom_seen)
		start = 4;
	if (len - start == 0) {
		ps_diags_add(diags, PS_D_EMPTY, (ps_pos){name, 1, 0, 0}, "empty file");
		return PS_EINPUT;
	}
	ps_source *s = ps_xcalloc(1, sizeof *s);
	s->name = ps_xstrdup(name);
	s->encoding = use;
	s->bom_len = start;
	int rc;
	if (use == PS_ENC_UTF8) {
		rc = from_utf8(s, data, len, start, valid, owned, m, name, diags);
	} else {
		/* A guess that fails too: the file is neither encoding. Name the
		 * bad byte of the one that read further, the likelier intent (a
		 * UTF-8 file with one bad byte in its first lines is not GB18030
		 * text that breaks on its first Chinese character). */
		ps_diags gd = PS_DIAGS_INIT;
		rc = from_gb18030(s, data, len, start, name, &gd);
		if (rc != PS_OK && utf8_bad >= 0 && gd.n == 1 && gd.v[0].code == PS_D_ENCODING &&
		    gd.v[0].pos.offset >= 0 && gd.v[0].pos.offset < utf8_bad) {
			size_t off = (size_t)utf8_bad;
			ps_diags_add(diags, PS_D_ENCODING, byte_pos(name, data, off),
			             "invalid UTF-8 at byte %zu (byte 0x%02X); not GB18030 either", off,
			             data[off]);
			ps_diags_dispose(&gd);
		} else {
			ps_diags_move(diags, &gd);
			ps_diags_dispose(&gd);
		}
	}
	if (rc != PS_OK) {
		ps_source_free(s);
		return rc;
	}
	*out = s;
	return PS_OK;
}

void ps_source_free(ps_source *src)
{
	if (!src)
		return;
	free(src->name);
	free_text(src);
	free(src->map_utf8);
	free(src->map_orig);
	free(src->map_enc);
	free(src);
}

/* Bytes the code point cp took in the original: the map keeps one checkpoint
 * per line, and inside a line we re-encode to count. */
static size_t orig_len(iconv_t cd, const char *u, size_t n)
{
	if (n == 1)
		return 1;
	char outb[8];
	char *in = (char *)u, *o = outb;
	size_t inleft = n, outleft = sizeof outb;
	iconv(cd, NULL, NULL, NULL, NULL);
	if (iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1)
		return n;
	return sizeof outb - outleft;
}

int64_t ps_source_orig_offset(const ps_source *src, size_t utf8_off)
{
	if (utf8_off > src->len)
		utf8_off = src->len;
	if (!src->map_n)
		return (int64_t)(utf8_off + src->bom_len);
	size_t lo = 0, hi = src->map_n;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (src->map_utf8[mid] <= utf8_off)
			lo = mid;
		else
			hi = mid;
	}
	uint64_t o = src->map_orig[lo];
	size_t u = (size_t)src->map_utf8[lo];
	if (u > utf8_off)
		return (int64_t)o;
	iconv_t cd = iconv_open(src->map_enc && src->map_enc[lo] ? "CP936" : "GB18030", "UTF-8");
	while (u < utf8_off) {
		int32_t cp;
		int k = ps_utf8_decode(src->text + u, src->len - u, &cp);
		if (k <= 0)
			k = 1;
		o += cd == (iconv_t)-1 ? (size_t)k : orig_len(cd, src->text + u, (size_t)k);
		u += (size_t)k;
	}
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	return (int64_t)o;
}

static const struct {
	const char *name;
	ps_encoding enc;
} enc_names[] = {
	{"auto", PS_ENC_AUTO},       {"utf-8", PS_ENC_UTF8},      {"utf8", PS_ENC_UTF8},
	{"gb18030", PS_ENC_GB18030}, {"gbk", PS_ENC_GB18030},     {"gb2312", PS_ENC_GB18030},
	{"cp936", PS_ENC_GB18030},   {"euc-cn", PS_ENC_GB18030},  {"windows-936", PS_ENC_GB18030},
	{"ms936", PS_ENC_GB18030},   {"936", PS_ENC_GB18030},
};

int ps_encoding_parse(ps_encoding *out, const char *name)
{
	for (size_t i = 0; name && i < sizeof enc_names / sizeof enc_names[0]; i++) {
		if (strcasecmp(name, enc_names[i].name) == 0) {
			*out = enc_names[i].enc;
			return PS_OK;
		}
	}
	return PS_EUSAGE;
}

const char *ps_encoding_name(ps_encoding enc)
{
	switch (enc) {
	case PS_ENC_UTF8: return "utf-8";
	case PS_ENC_GB18030: return "gb18030";
	default: return "auto";
	}
}
