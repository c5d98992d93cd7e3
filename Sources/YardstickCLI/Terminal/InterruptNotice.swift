import Foundation

/// Ctrl-C during an interactive fill: say where the answers are and leave at once.
///
/// A plain signal handler, not a dispatch signal source: on Linux a dispatch source reads the
/// signal through a signalfd, which only sees it while every thread blocks it; a thread that
/// does not (the main thread, or a worker started before the source) takes it and, with the
/// disposition set to ignore, the kernel drops it, so Ctrl-C did nothing, depending on timing.
/// The handler only calls `write` and `_exit`, which are async-signal-safe, on a message
/// rendered before it is installed.
enum InterruptNotice {
    nonisolated(unsafe) private static var message: UnsafeMutableBufferPointer<UInt8>?
    nonisolated(unsafe) private static var previous = sigaction()

    /// Until `remove()`, SIGINT writes `text` to standard error and exits with 130.
    static func install(_ text: String) {
        let bytes = Array(text.utf8)
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
        _ = buffer.initialize(from: bytes)
        message = buffer
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            if let message = InterruptNotice.message, let start = message.baseAddress {
                _ = write(STDERR_FILENO, start, message.count)
            }
            _exit(130)
        }
        sigemptyset(&action.sa_mask)
        sigaction(SIGINT, &action, &previous)
        // A parent may hand SIGINT down blocked (some job runners do); a person's Ctrl-C must still arrive.
        var interrupt = sigset_t()
        sigemptyset(&interrupt)
        sigaddset(&interrupt, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &interrupt, nil)
    }

    /// Puts back what SIGINT did before `install`.
    static func remove() {
        sigaction(SIGINT, &previous, nil)
        // The message stays allocated: a handler already running on another thread may still be writing it.
    }
}
