/* The wide-character ncurses API, with the macros Swift cannot import as small inline functions. */
#ifndef CRM_CNCURSESW_SHIM_H
#define CRM_CNCURSESW_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <wchar.h>
#include <langinfo.h>
#include <ncursesw/curses.h>

/* The display width glibc gives a code point under the current locale, as ncurses measures it. */
static inline int crm_wcwidth(wchar_t c) { return wcwidth(c); }

static inline WINDOW *crm_stdscr(void) { return stdscr; }
static inline int crm_lines(void) { return LINES; }
static inline int crm_cols(void) { return COLS; }
static inline int crm_colors(void) { return COLORS; }
static inline int crm_color_pair(int pair) { return (int)COLOR_PAIR(pair); }
static inline attr_t crm_attr_bold(void) { return A_BOLD; }
static inline attr_t crm_attr_reverse(void) { return A_REVERSE; }
static inline attr_t crm_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t crm_attr_dim(void) { return A_DIM; }
static inline int crm_key_code_yes(void) { return KEY_CODE_YES; }
static inline int crm_key_f(int n) { return KEY_F(n); }

/* One cell: a grapheme's code points (at most CCHARW_MAX), its attributes and colour pair. */
static inline int crm_put_cell(int y, int x, const wchar_t *text, attr_t attrs, short pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attrs, pair, NULL) != OK) return ERR;
    return mvadd_wch(y, x, &cell);
}

static inline int crm_mouse_event(int *x, int *y, unsigned long *buttons) {
    MEVENT event;
    if (getmouse(&event) != OK) return ERR;
    *x = event.x; *y = event.y; *buttons = (unsigned long)event.bstate;
    return OK;
}
static inline unsigned long crm_button1_pressed(void) { return BUTTON1_PRESSED | BUTTON1_CLICKED; }
static inline unsigned long crm_wheel_up(void) { return BUTTON4_PRESSED; }
static inline unsigned long crm_wheel_down(void) {
#ifdef BUTTON5_PRESSED
    return BUTTON5_PRESSED;
#else
    return 0;
#endif
}
static inline unsigned long crm_all_mouse_events(void) { return ALL_MOUSE_EVENTS; }

#endif
