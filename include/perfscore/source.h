/* source.h: read an input file (or stdin) into UTF-8: BOM, GB18030 detection,
 * conversion at the boundary, byte offsets mapped back to the original. */
#ifndef PERFSCORE_SOURCE_H
#define PERFSCORE_SOURCE_H

#include <stddef.h>
#include <stdint.h>
#include "diag.h"

typedef enum {
	PS_ENC_AUTO = 0,   /* BOM → UTF-8 valid → GB18030 */
	PS_ENC_UTF8,
	PS_ENC_GB18030     /* also what to use for GBK/GB2312/CP936 */
} ps_encoding;

/* An input, fully read and converted to UTF-8 (NUL-terminated). */
typedef struct {
	char *name;          /* file name as given ("-" for stdin); owned */
	char *text;          /* UTF-8, BOM removed; owned */
	size_t len;
	ps_encoding encoding; /* what it was decoded from */
	/* For converted input: for each UTF-8 byte offset, the original offset is
	 * found by binary search in this sparse map (NULL for UTF-8 input). */
	uint64_t *map_utf8, *map_orig;
	unsigned char *map_enc; /* per checkpoint: 0 read as GB18030, 1 as CP936
	                         * (a line with the euro byte 0x80) */
	size_t map_n;
	size_t bom_len;      /* bytes of BOM skipped at the start of the original */
	/* A UTF-8 file mapped into memory: text points into the mapping
	 * (NULL when the text is a malloc'd buffer). */
	void *map;
	size_t map_size, map_released;
} ps_source;

/* Read `path` ("-" = stdin) and decode it. Encoding errors name the byte
 * offset of the first invalid byte in the original file. Returns 0,
 * PS_EIO (cannot read) or PS_EINPUT (bad bytes, empty file), with a
 * diagnostic in `diags`. *out is owned by the caller (ps_source_free).
 *
 * Detection (PS_ENC_AUTO): a UTF-8 BOM means UTF-8, the GB18030 BOM means
 * GB18030; else valid UTF-8 is UTF-8, else the text is read as GB18030 --
 * unless at least 16 well-formed multi-byte UTF-8 characters precede the
 * first bad byte, in which case it is damaged UTF-8 and is reported as such
 * (decoding it as GB18030 would give mojibake without an error). A line
 * that GB18030 rejects only for the byte 0x80 is read as CP936 (euro sign).
 * A BOM (UTF-8 or GB18030) decides the encoding even when `enc` forces
 * one. NUL bytes and UTF-16 input are errors (PS_D_ENCODING). Diagnostics carry
 * the original byte offset in pos.offset and the line in pos.line; their
 * file is `path` itself (borrowed). */
int ps_source_open(ps_source **out, const char *path, ps_encoding enc, ps_diags *diags);
/* The same from a memory buffer (tests, fuzzers). `name` is copied. */
int ps_source_from_mem(ps_source **out, const char *name, const char *data, size_t len,
                       ps_encoding enc, ps_diags *diags);
/* Free the text once it has been read through (the name stays, for the
 * diagnostics that borrow it): text is NULL and len 0 afterwards. */
void ps_source_drop_text(ps_source *src);
/* The text before byte `upto` has been read through and will not be needed
 * soon: a mapped file's pages there may be let go (they are read again
 * from the file if touched). A no-op for text in memory. */
void ps_source_release(ps_source *src, size_t upto);
void ps_source_free(ps_source *src);

/* Map a byte offset in src->text back to the original file's offset. */
int64_t ps_source_orig_offset(const ps_source *src, size_t utf8_off);

/* Parse "utf-8", "utf8", "gbk", "gb18030", "gb2312", "cp936", "auto". */
int ps_encoding_parse(ps_encoding *out, const char *name);
const char *ps_encoding_name(ps_encoding enc);

#endif
