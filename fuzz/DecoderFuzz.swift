// libFuzzer harness for the stored-data decoders (PRODUCT.md §11: stored data that fails to decode
// is a reported problem, never a crash). scripts/fuzz.sh compiles this file together with the
// YardstickCore sources as one module named YardstickCore, outside SwiftPM, so there is no
// `import YardstickCore` and internal declarations are visible. It is not part of any SwiftPM target.
#if canImport(Glibc)
import Glibc
#endif

/// One field of every answer type, plus a second text field so text is not always last.
let fuzzFields: [FormField] = AnswerType.allCases.map { type in
    FormField(id: "f_\(type.rawValue)", type: type, criterionID: type == .scale ? "EMPATHY" : nil)
} + [FormField(id: "notes", type: .text)]

/// Yes-no criteria and two scales, one with negative levels.
let fuzzCriteria: [Criterion] = [
    Criterion(id: "GREET", categoryID: "c", title: "Greets", weight: 2),
    Criterion(id: "EMPATHY", categoryID: "c", title: "Empathy", weight: 4, scale: .range(minimum: 0, maximum: 4)),
    Criterion(id: "TONE", categoryID: "c", title: "Tone", weight: 1, scale: .range(minimum: -2, maximum: 2)),
    Criterion(id: "RECORD", categoryID: "c", title: "Records", weight: 3, isBonus: true),
]

/// Valid encodings to start the corpus from.
func fuzzSeeds() -> [[UInt8]] {
    let answers: [String: AnswerValue] = [
        "f_yes-no": .yes, "f_scale": .number(3), "f_integer": .number(-42), "f_number": .number(12.5),
        "f_duration": .number(3723), "f_date": .text("2026-03-02"), "f_time": .text("09:05"),
        "f_text": .text("Grüße 👋"), "f_choice": .notApplicable, "f_multi-choice": .text("billing refund"),
        "notes": .text(""),
    ]
    var counters = [CriterionCounters(), CriterionCounters()]
    counters[0].add(.met(false), criterion: fuzzCriteria[0])
    counters[1].add(.level(1), criterion: fuzzCriteria[1])
    return [
        AnswerCodec.encode(answers, fields: fuzzFields),
        AnswerCodec.encode(["f_number": .number(1e300), "f_yes-no": .no], fields: fuzzFields),
        AnswerCodec.encode([:], fields: fuzzFields),
        ResultCodec.encode(["GREET": .met(true), "EMPATHY": .level(4), "TONE": .level(-2), "RECORD": .hidden], criteria: fuzzCriteria),
        ResultCodec.encode(["GREET": .notApplicable, "RECORD": .met(false)], criteria: fuzzCriteria),
        CriterionCounters.encode(counters),
    ]
}

/// Writes the seeds into the directory named by YARDSTICK_FUZZ_SEED_DIR, before libFuzzer reads it.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<Int32>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> Int32 {
    guard let directory = getenv("YARDSTICK_FUZZ_SEED_DIR").map({ String(cString: $0) }) else { return 0 }
    for (index, seed) in fuzzSeeds().enumerated() {
        guard let file = fopen("\(directory)/seed-\(index)", "wb") else { continue }
        _ = seed.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        fclose(file)
    }
    return 0
}

/// Decodes the input with every decoder. A decoder may refuse it; it must not crash, and whatever
/// it accepts must re-encode to the same bytes (each value has one encoding), or the harness traps.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDecoders(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []

    if let answers = try? AnswerCodec.decode(bytes, fields: fuzzFields) {
        precondition(AnswerCodec.encode(answers, fields: fuzzFields) == bytes, "decoded answers re-encode differently")
        // What the engine does next with a stored answer: show it to an expression.
        for value in answers.values { _ = value.expressionText }
    }

    if let outcomes = try? ResultCodec.decode(bytes, criteria: fuzzCriteria) {
        precondition(ResultCodec.encode(outcomes, criteria: fuzzCriteria) == bytes, "decoded results re-encode differently")
        // What the aggregates do next with a stored result: count it.
        var counters = CriterionCounters()
        for criterion in fuzzCriteria {
            if let outcome = outcomes[criterion.id] { counters.add(outcome, criterion: criterion) }
        }
    }

    if let counters = try? CriterionCounters.decode(bytes) {
        precondition(CriterionCounters.encode(counters) == bytes, "decoded counters re-encode differently")
        // What the aggregates do next with stored counters: add to them.
        for var counter in counters {
            let copy = counter
            counter += copy
            _ = counter.failureRate
        }
    }
    return 0
}
