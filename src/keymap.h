/* keymap.h (private): a string → size_t hash map for the loaders and the
 * matcher (units by code, duplicate indicators, actual-to-target keys). */
#ifndef PS_KEYMAP_H
#define PS_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

typedef struct ps_keymap ps_keymap;

ps_keymap *ps_keymap_new(void);
void ps_keymap_free(ps_keymap *m); /* NULL is fine */
/* Remove every key (the map stays usable). */
void ps_keymap_clear(ps_keymap *m);

/* The value slot of key[0..len): NULL when absent, unless `insert`, in which
 * case a slot holding `init` is created (*created = true; created may be
 * NULL). The key is copied. The pointer is valid until the next insert. */
size_t *ps_keymap_get(ps_keymap *m, const char *key, size_t len, bool insert, size_t init,
                      bool *created);

/* Join parts into one key with a separator no cell can contain (0x1F). */
char *ps_key_join(const char *const *parts, size_t n);

#endif
