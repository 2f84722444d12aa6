#ifndef TIDINGS_CNCURSES_SHIM_H
#define TIDINGS_CNCURSES_SHIM_H
// SwiftPM drops pkg-config's -D flags, so the wide-character API must be switched on here.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

// What Swift cannot import from curses.h (function-like and composite macros, globals that
// Swift 6 treats as unsafe shared state) is wrapped here in static inline functions.

// Attributes.
static inline attr_t tidings_a_normal(void) { return A_NORMAL; }
static inline attr_t tidings_a_bold(void) { return A_BOLD; }
static inline attr_t tidings_a_dim(void) { return A_DIM; }
static inline attr_t tidings_a_italic(void) { return A_ITALIC; }
static inline attr_t tidings_a_underline(void) { return A_UNDERLINE; }
static inline attr_t tidings_a_reverse(void) { return A_REVERSE; }

// Results and key codes (KEY_F is function-like; the rest are wrapped for one clear spelling).
static inline int tidings_err(void) { return ERR; }
static inline int tidings_ok(void) { return OK; }
static inline int tidings_key_code_yes(void) { return KEY_CODE_YES; }
static inline int tidings_key_resize(void) { return KEY_RESIZE; }
static inline int tidings_key_mouse(void) { return KEY_MOUSE; }
static inline int tidings_key_up(void) { return KEY_UP; }
static inline int tidings_key_down(void) { return KEY_DOWN; }
static inline int tidings_key_left(void) { return KEY_LEFT; }
static inline int tidings_key_right(void) { return KEY_RIGHT; }
static inline int tidings_key_home(void) { return KEY_HOME; }
static inline int tidings_key_end(void) { return KEY_END; }
static inline int tidings_key_npage(void) { return KEY_NPAGE; }
static inline int tidings_key_ppage(void) { return KEY_PPAGE; }
static inline int tidings_key_enter(void) { return KEY_ENTER; }
static inline int tidings_key_backspace(void) { return KEY_BACKSPACE; }
static inline int tidings_key_dc(void) { return KEY_DC; }
static inline int tidings_key_btab(void) { return KEY_BTAB; }
static inline int tidings_key_f(int n) { return KEY_F(n); }

// Screen globals.
static inline WINDOW *tidings_stdscr(void) { return stdscr; }
static inline int tidings_colors(void) { return COLORS; }
static inline int tidings_color_pairs(void) { return COLOR_PAIRS; }
static inline int tidings_lines(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)x; return y; }
static inline int tidings_cols(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)y; return x; }
static inline FILE *tidings_stdout(void) { return stdout; }
static inline FILE *tidings_stdin(void) { return stdin; }
static inline WINDOW *tidings_curscr(void) { return curscr; }
/// Checks that terminfo knows `name` without printing or exiting (unlike initscr); frees the
/// entry again. Returns OK, or ERR with *why = 0 (unknown type) or -1 (no terminfo database).
/// *can_address is set to 1 when the entry can move the cursor (cup), which a full-screen
/// program needs (TERM=dumb cannot).
static inline int tidings_probe_term(const char *name, int fd, int *why, int *can_address) {
    TERMINAL *saved = cur_term;
    *can_address = 0;
    int result = setupterm(name, fd, why);
    if (result == OK) {
        char *cup = tigetstr("cup");
        *can_address = (cup != NULL && cup != (char *)-1) ? 1 : 0;
        if (cur_term != saved) { del_curterm(cur_term); set_curterm(saved); }
    }
    return result;
}

// Mouse: the masks are built from macros.
static inline mmask_t tidings_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t tidings_button1_double_clicked(void) { return BUTTON1_DOUBLE_CLICKED; }
static inline mmask_t tidings_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t tidings_button5_pressed(void) { return BUTTON5_PRESSED; }

/// Puts one grapheme (a spacing character and its combining marks, `n` wide characters) at
/// (y, x) with attributes and a colour pair. If curses rejects the cluster (more than one
/// spacing character, as in emoji ZWJ sequences), the first character alone is put, so a
/// cell is never left stale.
static inline int tidings_put_cell(int y, int x, const wchar_t *wch, int n,
                                   attr_t attrs, int pair) {
    wchar_t text[CCHARW_MAX + 1];
    int count = n < CCHARW_MAX ? n : CCHARW_MAX;
    for (int i = 0; i < count; i++) text[i] = wch[i];
    text[count] = L'\0';
    cchar_t cell;
    if (setcchar(&cell, text, attrs, (short)0, &pair) == ERR) {
        text[1] = L'\0';
        if (setcchar(&cell, text, attrs, (short)0, &pair) == ERR) return ERR;
    }
    return mvadd_wch(y, x, &cell);
}

/// The column width curses gives a character (-1 for non-printable).
static inline int tidings_wcwidth(wchar_t c) { return wcwidth(c); }

#endif
