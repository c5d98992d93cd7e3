import Foundation

/// A first-in first-out hand-over between two threads that holds at most `capacity` elements:
/// a producer faster than its consumer waits, so memory stays flat whatever the input size.
/// Either side may close it; the other then stops at its next call.
final class BoundedQueue<Element>: @unchecked Sendable {
    // Every access to the fields below happens with `condition` locked.
    private let condition = NSCondition()
    /// Taken elements are cleared at once: what the consumer is done with stays only if it is given back.
    private var elements: [Element?] = []
    private var head = 0
    private let capacity: Int
    private var finished = false
    private var cancelled = false
    /// What the consumer is done with, for the producer to let go of: the memory is then freed by
    /// the thread that allocated it (freeing another thread's memory contends for the allocator's lock).
    /// Bounded as long as the producer takes one back per push; what is left goes with the queue.
    private var spent: [Element] = []

    init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Adds `element`, waiting while the queue is full; false once the consumer has cancelled.
    func push(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while elements.count - head >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        elements.append(element)
        condition.broadcast()
        return true
    }

    /// Elements waiting for the consumer: a producer can take on shared work while it is behind.
    var backlog: Int {
        condition.lock()
        defer { condition.unlock() }
        return elements.count - head
    }

    /// No more elements will come.
    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The consumer stops: a waiting or later `push` returns false.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    /// Hands an element the consumer is done with back to the producer's thread.
    func giveBack(_ element: consuming Element) {
        condition.lock()
        spent.append(element)
        condition.unlock()
    }

    /// An element the consumer handed back, if any; never waits.
    func takeBack() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        return spent.popLast()
    }

    /// The next element, waiting for one; nil once the producer has finished and all are taken.
    func pop() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while head == elements.count && !finished && !cancelled { condition.wait() }
        guard head < elements.count else { return nil }
        let element = elements[head]
        elements[head] = nil
        head += 1
        if head >= 64 && head * 2 >= elements.count {
            elements.removeFirst(head)
            head = 0
        }
        condition.broadcast()
        return element
    }
}
