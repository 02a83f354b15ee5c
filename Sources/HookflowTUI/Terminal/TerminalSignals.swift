import CNcursesw

/// The C handlers that restore the terminal on Ctrl-C (exit 130), SIGTERM (143), SIGHUP, SIGQUIT, crashes and `exit()`,
/// and the one that hands resizes to the curses thread.
///
/// Their state is static in shim.h and so exists once per object file: every call must stay in this file.
enum TerminalSignals {
    /// Before `newterm`, so curses keeps ours for SIGINT and SIGTERM.
    static func install() { hf_install_signal_handlers() }
    static func restore() { hf_restore_signal_handlers() }

    /// After `newterm`, on the thread that waits for keys: a resize interrupts that wait.
    static func routeResizeToThisThread() { hf_route_resize_to_this_thread() }
    static func unrouteResize() { hf_unroute_resize() }
}
