/* text.h: UTF-8 text helpers: decoding, normalisation for keys, display width,
 * and a growable byte buffer. All strings are UTF-8 inside perfscore. */
#ifndef PERFSCORE_TEXT_H
#define PERFSCORE_TEXT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Allocation that aborts the process on out-of-memory (like mandoc's
 * mandoc_malloc): the library treats OOM as fatal rather than threading
 * PS_ENOMEM through every call. */
void *ps_xmalloc(size_t n);
void *ps_xcalloc(size_t n, size_t size);
void *ps_xrealloc(void *p, size_t n);
char *ps_xstrdup(const char *s);
char *ps_xstrndup(const char *s, size_t n);

/* A 64-bit hash of n bytes, for the hash tables (keys, rule cache). */
uint64_t ps_hash(const char *s, size_t n);

/* Growable NUL-terminated byte buffer. PS_BUF_INIT, then ps_buf_dispose. */
typedef struct {
	char *s;     /* always NUL-terminated once anything was appended */
	size_t n;    /* bytes used, not counting the NUL */
	size_t cap;
} ps_buf;
#define PS_BUF_INIT {NULL, 0, 0}
void ps_buf_add(ps_buf *b, const char *s, size_t n);
void ps_buf_adds(ps_buf *b, const char *s);
void ps_buf_addc(ps_buf *b, char c);
void ps_buf_printf(ps_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ps_buf_vprintf(ps_buf *b, const char *fmt, va_list ap);
void ps_buf_clear(ps_buf *b);
/* Take ownership of the bytes (never NULL: "" when empty); b is reset. */
char *ps_buf_detach(ps_buf *b);
void ps_buf_dispose(ps_buf *b);

/* Decode one code point at s[0..len). Returns its byte length (1..4), or 0
 * at len == 0, or -1 if the bytes are not valid UTF-8 (*cp = U+FFFD). */
int ps_utf8_decode(const char *s, size_t len, int32_t *cp);
/* Encode cp into out (4 bytes room); returns the byte length. */
int ps_utf8_encode(int32_t cp, char *out);
/* Byte offset of the first invalid sequence, or -1 if s is valid UTF-8. */
int64_t ps_utf8_invalid_at(const char *s, size_t len);
/* Number of code points in s[0..len) (invalid bytes count one each). */
size_t ps_utf8_count(const char *s, size_t len);

/* Fold one code point the way the rule lexer and keys see it: fullwidth
 * ASCII → ASCII (１→1, ％→%, （→(, ，→,), ideographic space → space,
 * ≧/≦ → ≥/≤, ═ → =, 。；：→ . ; : , traditional → simplified for the
 * characters the lexicon uses (滿→满, 為→为, 項→项 ...). Other code points
 * are returned unchanged. */
int32_t ps_fold_cp(int32_t cp);

/* Normalise a cell for use as a key (header aliases, matching names, rule
 * cache): NFKC (utf8proc), then ps_fold_cp, then remove all white space and,
 * if strip_brackets, the bracket characters ()[]【】<>《》 and '*'.
 * Returns a malloc'd string; invalid UTF-8 is kept byte-for-byte. */
char *ps_norm_key(const char *s, size_t len, bool strip_brackets);
/* The same key appended to out (a buffer the caller reuses: no allocation
 * once it is large enough). Returns the key's length in bytes. */
size_t ps_norm_key_buf(ps_buf *out, const char *s, size_t len, bool strip_brackets);

/* Normalise a cell at the input boundary for display: fold fullwidth digits,
 * Latin letters and the signs of numbers and comparisons (１００％ ＞＝) to
 * ASCII, keep the punctuation of Chinese text (，（）；：) as written, turn
 * ideographic and no-break spaces into spaces, trim white space at both
 * ends and turn CR/LF runs inside into a single '\n'. Keys and parsers fold
 * the rest themselves (ps_norm_key, ps_fold_cp). Returns a malloc'd string. */
char *ps_norm_cell(const char *s, size_t len);
/* The same written to out, which has room for len + 1 bytes (the result
 * is never longer than s), NUL-terminated; returns its length. Saves the
 * allocation for cells that are looked at and dropped. */
size_t ps_norm_cell_to(char *out, const char *s, size_t len);
/* The same without the copy when it would change nothing: s[len] must be
 * readable. Returns the normalised cell, *n its length: a pointer into s
 * when it is s trimmed at the start only and s[len] is a NUL, else out
 * (room for len + 1 bytes) written as by ps_norm_cell_to. */
const char *ps_norm_cell_view(char *out, const char *s, size_t len, size_t *n);

/* Display width in terminal columns: East Asian Wide/Fullwidth count 2,
 * combining marks 0, everything else 1. If ambiguous_wide, East Asian
 * Ambiguous characters (≥ · — …) count 2. */
int ps_cp_width(int32_t cp, bool ambiguous_wide);
size_t ps_text_width(const char *s, size_t len, bool ambiguous_wide);

/* Trim ASCII white space and U+3000 at both ends; returns new length and
 * moves *s. */
size_t ps_trim(const char **s, size_t len);

/* True if s[0..len) contains the UTF-8 substring needle. */
bool ps_contains(const char *s, size_t len, const char *needle);

#endif
