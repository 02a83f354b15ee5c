// Bridges ncursesw into Swift.
//
// The wide-character API (cchar_t, add_wch, get_wch, wcwidth) is only declared when
// these feature macros are set before <curses.h>; SwiftPM drops the -D flags from
// ncursesw.pc, so they live here. C globals (stdscr, COLS, LINES, ...) and
// function-like macros (A_BOLD, getmaxyx, mouse masks) do not import into Swift 6
// strict concurrency, so they are exposed as static inline accessors.
#ifndef HOOKFLOW_CNCURSESW_SHIM_H
#define HOOKFLOW_CNCURSESW_SHIM_H

#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <wchar.h>
#if __has_include(<ncursesw/curses.h>)
#include <ncursesw/curses.h>
#else
#include <curses.h>
#endif

static inline WINDOW *hf_stdscr(void) { return stdscr; }
static inline int hf_lines(void) { return LINES; }
static inline int hf_cols(void) { return COLS; }
static inline int hf_colors(void) { return COLORS; }
static inline int hf_color_pairs(void) { return COLOR_PAIRS; }

static inline attr_t hf_a_normal(void) { return A_NORMAL; }
static inline attr_t hf_a_bold(void) { return A_BOLD; }
static inline attr_t hf_a_dim(void) { return A_DIM; }
static inline attr_t hf_a_underline(void) { return A_UNDERLINE; }
static inline attr_t hf_a_reverse(void) { return A_REVERSE; }
static inline attr_t hf_a_italic(void) { return A_ITALIC; }

static inline mmask_t hf_all_mouse_events(void) { return ALL_MOUSE_EVENTS; }
static inline mmask_t hf_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t hf_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t hf_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t hf_button4_pressed(void) { return BUTTON4_PRESSED; }
#ifdef BUTTON5_PRESSED
static inline mmask_t hf_button5_pressed(void) { return BUTTON5_PRESSED; }
#else
static inline mmask_t hf_button5_pressed(void) { return 0; }
#endif

static inline int hf_key_resize(void) { return KEY_RESIZE; }
static inline int hf_key_mouse(void) { return KEY_MOUSE; }

/// Display width of one Unicode scalar in the current locale (-1 when not printable).
static inline int hf_wcwidth(unsigned int scalar) { return wcwidth((wchar_t)scalar); }

/// Writes one wide character with attributes and a colour pair at (y, x).
static inline int hf_put_wide(WINDOW *win, int y, int x, const wchar_t *text, attr_t attrs, short pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attrs, pair, NULL) == ERR) { return ERR; }
    return mvwadd_wch(win, y, x, &cell);
}

#endif
