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

    @Test func givesWhatTheConsumerIsDoneWithBackSoTheProducersThreadFreesIt() {
        let queue = BoundedQueue<[FreedOnThread]>(capacity: 2)
        let freedOn = LockedThreadID()
        let producerThread = LockedThreadID()
        let tookTheBatchBack = LockedFlag(), nothingMoreToTake = LockedFlag()
        let handedBack = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        let producer = Thread {
            _ = queue.push([FreedOnThread(record: freedOn)])
            producerThread.set(pthread_self())
            handedBack.wait()
            var spent = queue.takeBack()
            tookTheBatchBack.set(spent?.count == 1)
            nothingMoreToTake.set(queue.takeBack() == nil)
            // The last reference goes here, on this thread.
            spent = nil
            queue.finish()
            done.signal()
        }
        producer.start()
        // In a function of its own, so that nothing of the popped element outlives the hand-back.
        func consumeOne() {
            guard let batch = queue.pop() else { return }
            queue.giveBack(batch)
        }
        consumeOne()
        handedBack.signal()
        done.wait()
        #expect(queue.pop() == nil)
        #expect(tookTheBatchBack.value == true)
        #expect(nothingMoreToTake.value == true)
        #expect(freedOn.value != nil && freedOn.value == producerThread.value)
        #expect(freedOn.value != pthread_self())
    }
}

/// Records the thread that frees it.
final class FreedOnThread: @unchecked Sendable {
    let record: LockedThreadID
    init(record: LockedThreadID) { self.record = record }
    deinit { record.set(pthread_self()) }
}

/// A thread's id written by one thread and read by another.
final class LockedThreadID: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: pthread_t?
    func set(_ value: pthread_t) { lock.lock(); stored = value; lock.unlock() }
    var value: pthread_t? { lock.lock(); defer { lock.unlock() }; return stored }
}

/// A Bool written by one thread and read by another.
final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Bool?
    func set(_ value: Bool) { lock.lock(); stored = value; lock.unlock() }
    var value: Bool? { lock.lock(); defer { lock.unlock() }; return stored }
}
