import Foundation
import Testing
@testable import YardstickApp

struct BoundedQueueTests {
    @Test func handsOverEveryElementInOrderWhileHoldingAtMostItsCapacity() {
        let queue = BoundedQueue<Int>(capacity: 3)
        let done = DispatchSemaphore(value: 0)
        Thread {
            for value in 0..<10_000 { _ = queue.push(value) }
            queue.finish()
            done.signal()
        }.start()
        var received: [Int] = []
        while let value = queue.pop() { received.append(value) }
        done.wait()
        #expect(received == Array(0..<10_000))
    }

    @Test func stopsAWaitingProducerWhenTheConsumerCancels() {
        let queue = BoundedQueue<Int>(capacity: 1)
        let pushed = DispatchSemaphore(value: 0)
        let result = LockedFlag()
        #expect(queue.push(1))
        Thread {
            result.set(queue.push(2))
            pushed.signal()
        }.start()
        queue.cancel()
        pushed.wait()
        #expect(result.value == false)
    }
}

/// A Bool written by one thread and read by another.
final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Bool?
    func set(_ value: Bool) { lock.lock(); stored = value; lock.unlock() }
    var value: Bool? { lock.lock(); defer { lock.unlock() }; return stored }
}
