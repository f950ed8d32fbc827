/* Shaped like libraries with wide-character APIs: wchar_t as ncursesw and the C library use it, UTF-16 char16_t as
   ICU and Qt keep text, char32_t code points as text shapers take them, and a legacy Latin-1 name table. */
#include <stddef.h>
#include <uchar.h>
#include <wchar.h>

size_t w_count(const wchar_t *s) { return wcslen(s); }

const wchar_t *w_greeting(void) { return L"Gr\u00fc\u00dfe, \u4e16\u754c \U0001F30D"; }

size_t u16_units(const char16_t *s)
{
    size_t n = 0;
    while (s[n] != 0) {
        n++;
    }
    return n;
}

const char16_t *u16_title(void) { return u"\u03a9mega \U0001F3B5"; }

unsigned u32_first(const char32_t *s) { return (unsigned)s[0]; }

const char32_t *u32_smile(void) { return U"\U0001F642x"; }

/* Legacy byte APIs: a Latin-1 name table, and text some producer damaged. */
const char *latin1_name(void) { return "Jos\xe9"; }

int latin1_is_e_acute(const char *s) { return (unsigned char)s[3] == 0xe9; }

const char *broken_utf8(void) { return "ab\xff" "cd"; }

/* A byte API that in fact carries UTF-16 (as some Windows-born libraries do). */
size_t utf16_in_bytes(const char *s)
{
    const char16_t *units = (const char16_t *)(const void *)s;
    size_t n = 0;
    while (units[n] != 0) {
        n++;
    }
    return n;
}
