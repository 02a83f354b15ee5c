// Bridges ncursesw into Swift.
//
// The wide-character API (cchar_t, add_wch, get_wch, wcwidth) is only declared when
// these feature macros are set before <curses.h>; SwiftPM drops the -D flags from
// ncursesw.pc, so they live here. C globals (stdscr, COLS, LINES, ...) and
// function-like macros (A_BOLD, getmaxyx, mouse masks) do not import into Swift 6
// strict concurrency, so they are exposed as static inline accessors.
#ifndef HOOKFLOW_CNCURSESW_SHIM_H
#define HOOKFLOW_CNCURSESW_SHIM_H

// No _XOPEN_SOURCE here: it changes glibc's own structs (fd_set, struct tm, mcontext_t), and a
// clean build then cannot merge this module with Glibc and Dispatch. The wide-character curses
// API only needs _XOPEN_SOURCE_EXTENDED and NCURSES_WIDECHAR; wcwidth is declared below.
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>
#if __has_include(<ncursesw/curses.h>)
#include <ncursesw/curses.h>
#else
#include <curses.h>
#endif

static inline WINDOW *hf_stdscr(void) { return stdscr; }
/// What curses believes the terminal shows (after doupdate).
static inline WINDOW *hf_curscr(void) { return curscr; }
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
static inline mmask_t hf_button2_pressed(void) { return BUTTON2_PRESSED; }
static inline mmask_t hf_button2_clicked(void) { return BUTTON2_CLICKED; }
static inline mmask_t hf_button3_pressed(void) { return BUTTON3_PRESSED; }
static inline mmask_t hf_button3_clicked(void) { return BUTTON3_CLICKED; }
static inline mmask_t hf_button4_pressed(void) { return BUTTON4_PRESSED; }
#ifdef BUTTON5_PRESSED
static inline mmask_t hf_button5_pressed(void) { return BUTTON5_PRESSED; }
#else
static inline mmask_t hf_button5_pressed(void) { return 0; }
#endif

static inline int hf_key_resize(void) { return KEY_RESIZE; }
static inline int hf_key_mouse(void) { return KEY_MOUSE; }

/// Display width of one Unicode scalar in the current locale (-1 when not printable).
/* glibc declares wcwidth only under _XOPEN_SOURCE; it is always exported. */
extern int wcwidth(wchar_t c);
static inline int hf_wcwidth(unsigned int scalar) { return wcwidth((wchar_t)scalar); }

/// Writes one wide character with attributes and a colour pair at (y, x).
static inline int hf_put_wide(WINDOW *win, int y, int x, const wchar_t *text, attr_t attrs, short pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attrs, pair, NULL) == ERR) { return ERR; }
    return mvwadd_wch(win, y, x, &cell);
}

/// Reads the cell at (y, x): up to `capacity - 1` characters into `text` (NUL-terminated), its attributes and colour pair.
/// Returns OK or ERR. Used by tests to read back what curses holds.
static inline int hf_read_cell(WINDOW *win, int y, int x, wchar_t *text, int capacity, attr_t *attrs, short *pair) {
    cchar_t cell;
    wchar_t chars[CCHARW_MAX + 1];
    if (capacity < 1 || mvwin_wch(win, y, x, &cell) == ERR) { return ERR; }
    memset(chars, 0, sizeof chars);
    if (getcchar(&cell, chars, attrs, pair, NULL) == ERR) { return ERR; }
    int count = 0;
    while (count < capacity - 1 && count < CCHARW_MAX && chars[count] != 0) { text[count] = chars[count]; count++; }
    text[count] = 0;
    return OK;
}

// MARK: - Restoring the terminal on signals, crashes and exit
//
// The handlers live in C because a signal handler must not run Swift code. Their state is static,
// so it exists once per object file: call hf_install_signal_handlers and hf_restore_signal_handlers
// from one Swift source file only (HookflowTUI's TerminalSignals.swift).

// File-scope statics in a header are not emitted by Swift's C importer; function-local ones are.
static inline struct sigaction *hf_saved_actions(void) { static struct sigaction saved[65]; return saved; }
static inline volatile sig_atomic_t *hf_handlers_installed(void) { static volatile sig_atomic_t installed = 0; return &installed; }

/// Ends curses mode if it is on (between install and restore, and not suspended); safe at any time.
static void hf_restore_terminal(void) {
    if (*hf_handlers_installed() && !isendwin()) { endwin(); }
}

/// SIGINT, SIGTERM, SIGHUP, SIGQUIT: restore the terminal and exit with 128 + the signal number (130 for Ctrl-C).
static void hf_exit_on_signal(int sig) {
    hf_restore_terminal();
    _exit(128 + sig);
}

/// Crashes: restore the terminal, then hand the signal to whatever handled it before (the Swift backtracer or the default).
static void hf_restore_and_reraise(int sig) {
    hf_restore_terminal();
    sigaction(sig, &hf_saved_actions()[sig], NULL);
    raise(sig);
}

static inline void hf_install_action(int sig, void (*handler)(int)) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_handler = handler;
    sigaction(sig, &action, &hf_saved_actions()[sig]);
    // A signal the process was told to ignore (nohup) stays ignored.
    if (hf_saved_actions()[sig].sa_handler == SIG_IGN) { sigaction(sig, &hf_saved_actions()[sig], NULL); }
}

/// Installs the handlers; call before newterm so curses does not install its own for SIGINT and SIGTERM.
static inline void hf_install_signal_handlers(void) {
    if (*hf_handlers_installed()) { return; }
    int exits[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
    int crashes[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP };
    for (unsigned i = 0; i < sizeof exits / sizeof exits[0]; i++) { hf_install_action(exits[i], hf_exit_on_signal); }
    for (unsigned i = 0; i < sizeof crashes / sizeof crashes[0]; i++) { hf_install_action(crashes[i], hf_restore_and_reraise); }
    static int exit_hook_registered = 0;
    if (!exit_hook_registered) { atexit(hf_restore_terminal); exit_hook_registered = 1; }
    *hf_handlers_installed() = 1;
}

/// Puts back the handlers that were there before hf_install_signal_handlers.
static inline void hf_restore_signal_handlers(void) {
    if (!*hf_handlers_installed()) { return; }
    int signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP };
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) { sigaction(signals[i], &hf_saved_actions()[signals[i]], NULL); }
    *hf_handlers_installed() = 0;
}

// MARK: - Resizes wake the curses thread
//
// curses' SIGWINCH handler only sets a flag, and the signal goes to any thread: the thread waiting in
// get_wch would only notice at its timeout. This handler passes the signal on to that thread, whose
// wait it interrupts, so KEY_RESIZE arrives at once. Same one-file rule as above.

static inline pthread_t *hf_resize_thread(void) { static pthread_t thread; return &thread; }
static inline struct sigaction *hf_saved_resize_action(void) { static struct sigaction action; return &action; }

static void hf_forward_resize(int sig) {
    struct sigaction *curses_action = hf_saved_resize_action();
    if (!(curses_action->sa_flags & SA_SIGINFO) && curses_action->sa_handler != SIG_DFL && curses_action->sa_handler != SIG_IGN) {
        curses_action->sa_handler(sig);
    }
    if (!pthread_equal(pthread_self(), *hf_resize_thread())) { pthread_kill(*hf_resize_thread(), sig); }
}

/// Call after newterm, on the thread that calls get_wch.
static inline void hf_route_resize_to_this_thread(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_handler = hf_forward_resize;  // no SA_RESTART: the wait must end
    *hf_resize_thread() = pthread_self();
    sigaction(SIGWINCH, &action, hf_saved_resize_action());
    // Threads started from Swift's concurrency pool inherit a mask that blocks signals.
    sigset_t resize;
    sigemptyset(&resize);
    sigaddset(&resize, SIGWINCH);
    pthread_sigmask(SIG_UNBLOCK, &resize, NULL);
}

/// Puts curses' own SIGWINCH handler back.
static inline void hf_unroute_resize(void) {
    sigaction(SIGWINCH, hf_saved_resize_action(), NULL);
}

// MARK: - Ctrl-Z

/// Stops the process as Ctrl-Z at a shell does (SIGTSTP, default action), and returns once
/// continued (`fg`). The keyboard's Ctrl-Z is a key in raw mode; the app ends curses mode (endwin)
/// before calling this and restarts it after. SIGTSTP rather than SIGSTOP: shells treat a job
/// stopped from the keyboard as such (they take the terminal back and restore its modes). Raised on
/// this thread, unblocked here, so it stops the process before raise returns (sent to the process,
/// another thread might take it after the handler is put back).
static inline void hf_stop_like_ctrl_z(void) {
    struct sigaction defaults, saved;
    memset(&defaults, 0, sizeof defaults);
    sigemptyset(&defaults.sa_mask);
    defaults.sa_handler = SIG_DFL;
    sigaction(SIGTSTP, &defaults, &saved);
    sigset_t tstp, previous;
    sigemptyset(&tstp);
    sigaddset(&tstp, SIGTSTP);
    pthread_sigmask(SIG_UNBLOCK, &tstp, &previous);
    raise(SIGTSTP);
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
    sigaction(SIGTSTP, &saved, NULL);
}

#endif
