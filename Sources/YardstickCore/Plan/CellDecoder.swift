/// Decodes one answer cell from its bytes for a field slot of a plan. The common answers of a bulk
/// import — yes, no, na, a scale level, a whole number — are read straight from the bytes; any
/// other cell goes through `AnswerParser`, which stays the one definition of what is accepted, so
/// both paths give the same value or the same message.
public struct CellDecoder: Sendable {
    enum Rule: Sendable {
        case yesNo
        case scale(minimum: Int, maximum: Int)
        case integer
        case duration
        case date
        case time
        case text
        /// The options' values, as bytes and as the text an answer keeps.
        case choice([(bytes: [UInt8], value: String)])
        case other
    }

    private let rules: [Rule]
    /// Per field slot: whether `na` is read as not applicable without further checks.
    private let notApplicableAccepted: [Bool]
    private let plan: FormPlan

    public init(plan: FormPlan) {
        self.plan = plan
        rules = plan.fields.map { field in
            switch field.type {
            case .yesNo: return .yesNo
            case .scale:
                guard let id = field.criterionID, let slot = plan.criterionSlots[id], case let .range(minimum, maximum) = plan.criteria[slot].scale else {
                    return .other
                }
                return .scale(minimum: minimum, maximum: maximum)
            case .integer: return .integer
            case .duration: return .duration
            case .date: return .date
            case .time: return .time
            case .text: return .text
            case .choice: return .choice(field.options.map { (Array($0.value.utf8), $0.value) })
            default: return .other
            }
        }
        notApplicableAccepted = plan.fields.map { field in
            if let id = field.criterionID {
                guard let slot = plan.criterionSlots[id] else { return false }
                return plan.criteria[slot].notApplicable == .allowed
            }
            return AnswerParser.acceptsNotApplicableUnscored(field)
        }
    }

    /// The answer in `cell` for field `slot`: nil for an empty (or blank) cell.
    /// - Parameter decimalComma: number cells may use a decimal comma (the file's separator is not a comma).
    public func decode(_ cell: UnsafeBufferPointer<UInt8>, slot: Int, decimalComma: Bool) -> Result<AnswerValue, AnswerProblem>? {
        guard let first = cell.first, let last = cell.last else { return nil }
        // Cells without blank or non-ASCII bytes at either end need no trimming; the rest take the general path.
        if first > 0x20, first < 0x80, last > 0x20, last < 0x80, let value = fast(cell, slot: slot) { return .success(value) }
        let trimmed = String(decoding: cell, as: UTF8.self).trimmingWhitespace()
        guard !trimmed.isEmpty else { return nil }
        let field = plan.fields[slot]
        let text = decimalComma && field.type == .number ? trimmed.replacingOccurrences(of: ",", with: ".") : trimmed
        return plan.parser.parse(text, for: field)
    }

    private func fast(_ cell: UnsafeBufferPointer<UInt8>, slot: Int) -> AnswerValue? {
        if isNotApplicable(cell) { return notApplicableAccepted[slot] ? .notApplicable : nil }
        switch rules[slot] {
        case .yesNo:
            switch cell.count {
            case 1:
                let byte = cell[0] | 0x20
                return byte == UInt8(ascii: "y") ? .yes : byte == UInt8(ascii: "n") ? .no : nil
            case 2:
                return cell[0] | 0x20 == UInt8(ascii: "n") && cell[1] | 0x20 == UInt8(ascii: "o") ? .no : nil
            case 3:
                return cell[0] | 0x20 == UInt8(ascii: "y") && cell[1] | 0x20 == UInt8(ascii: "e") && cell[2] | 0x20 == UInt8(ascii: "s") ? .yes : nil
            default:
                return nil
            }
        case let .scale(minimum, maximum):
            guard let value = Self.digits(cell), value >= minimum, value <= maximum else { return nil }
            return .number(Double(value))
        case .integer:
            guard let value = Self.digits(cell) else { return nil }
            return .number(Double(value))
        case .duration:
            return Self.durationSeconds(cell).map { .number(Double($0)) }
        case .date:
            guard ISODate(bytes: cell) != nil else { return nil }
            return .text(String(decoding: cell, as: UTF8.self))
        case .time:
            // HH:MM as typed; other spellings take the general path, which also pads the hour.
            guard cell.count == 5, cell[2] == UInt8(ascii: ":"), let hours = Self.digits(UnsafeBufferPointer(rebasing: cell[0..<2])),
                  let minutes = Self.digits(UnsafeBufferPointer(rebasing: cell[3..<5])), hours <= 23, minutes <= 59 else { return nil }
            return .text(String(decoding: cell, as: UTF8.self))
        case .text:
            return .text(String(decoding: cell, as: UTF8.self))
        case let .choice(options):
            // An exact match keeps the option's own text; a match in another case takes the general path.
            for option in options where option.bytes.elementsEqual(cell) { return .text(option.value) }
            return nil
        case .other:
            return nil
        }
    }

    /// Seconds of `m:ss`, `h:mm:ss` or plain seconds, read as `AnswerParser.durationSeconds` reads them.
    static func durationSeconds(_ cell: UnsafeBufferPointer<UInt8>) -> Int? {
        var first = 0, second = 0, parts = 0
        var value = 0, length = 0
        for byte in cell {
            if byte == UInt8(ascii: ":") {
                guard length > 0, parts < 2 else { return nil }
                if parts == 0 { first = value } else { second = value }
                parts += 1
                value = 0
                length = 0
                continue
            }
            guard byte >= 0x30, byte <= 0x39, length < 6 else { return nil }
            value = value * 10 + Int(byte - 0x30)
            length += 1
        }
        guard length > 0 else { return nil }
        switch parts {
        case 0: return value
        case 1: return value < 60 ? first * 60 + value : nil
        default: return second < 60 && value < 60 ? first * 3600 + second * 60 + value : nil
        }
    }

    /// `na` or `n/a` in any case.
    private func isNotApplicable(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        switch cell.count {
        case 2: return cell[0] | 0x20 == UInt8(ascii: "n") && cell[1] | 0x20 == UInt8(ascii: "a")
        case 3: return cell[0] | 0x20 == UInt8(ascii: "n") && cell[1] == UInt8(ascii: "/") && cell[2] | 0x20 == UInt8(ascii: "a")
        default: return false
        }
    }

    /// A whole number of up to nine plain digits (anything else takes the general path).
    static func digits(_ cell: UnsafeBufferPointer<UInt8>) -> Int? {
        guard cell.count <= 9 else { return nil }
        var value = 0
        for byte in cell {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }
}
