import Foundation

/// Work handed to a thread of its own, so it runs on the machine's second core while this thread
/// does something else; `result()` waits for it. The input moves to that thread (the caller keeps
/// no copy), so its memory is freed there as soon as the work is done. The work must be pure
/// computation: an owner that gives up on the result leaves it to finish on its own.
final class SecondCore<Input, Output>: @unchecked Sendable {
    // `input` and `output` are used by the worker alone until it signals `done`; `output` is read
    // only after waiting for that.
    private var input: Input?
    private let work: (Input) -> Output
    private var output: Output?
    private let done = DispatchSemaphore(value: 0)
    private var finished = false

    init(handing input: Input, _ work: @escaping (Input) -> Output) {
        self.input = input
        self.work = work
        let thread = Thread { [self] in run() }
        thread.stackSize = 8 << 20
        thread.start()
    }

    private func run() {
        if let taken = input {
            input = nil
            output = work(taken)
        }
        done.signal()
    }

    /// The work's result, once it is done (nil only if it never ran).
    func result() -> Output? {
        if !finished {
            done.wait()
            finished = true
        }
        return output
    }

}
