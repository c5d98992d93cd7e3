/// Packs an audit's answers into a few bytes per answer, in the order of the form's fields, so one
/// database row holds a whole audit (PRODUCT.md §10) and every answer stays retrievable.
public enum AnswerCodec {
    static let version: UInt8 = 1

    private enum Tag: UInt8 {
        case unanswered = 0, yes, no, notApplicable, integer, real, text
    }

    public static func encode(_ answers: [String: AnswerValue], fields: [FormField]) -> [UInt8] {
        encode(answers, fieldIDs: fields.map(\.id))
    }

    /// The same, over the field ids alone (the import path keeps them precomputed).
    public static func encode(_ answers: [String: AnswerValue], fieldIDs: [String]) -> [UInt8] {
        var writer = ByteWriter(capacity: fieldIDs.count + 16)
        writer.byte(version)
        writer.varint(UInt64(fieldIDs.count))
        for id in fieldIDs {
            switch answers[id] {
            case nil: writer.byte(Tag.unanswered.rawValue)
            case .yes: writer.byte(Tag.yes.rawValue)
            case .no: writer.byte(Tag.no.rawValue)
            case .notApplicable: writer.byte(Tag.notApplicable.rawValue)
            case let .number(value):
                if value == value.rounded(), abs(value) < 1e15 {
                    writer.byte(Tag.integer.rawValue)
                    writer.signed(Int64(value))
                } else {
                    writer.byte(Tag.real.rawValue)
                    writer.double(value)
                }
            case let .text(text):
                writer.byte(Tag.text.rawValue)
                writer.string(text)
            }
        }
        return writer.bytes
    }

    public static func decode(_ bytes: [UInt8], fields: [FormField]) throws(CodecError) -> [String: AnswerValue] {
        var reader = ByteReader(bytes)
        guard try reader.byte() == version else { throw CodecError("unknown answer encoding") }
        let count = Int(try reader.varint())
        guard count == fields.count else { throw CodecError("answers hold \(count) fields, the form has \(fields.count)") }
        var answers: [String: AnswerValue] = [:]
        for field in fields {
            guard let tag = Tag(rawValue: try reader.byte()) else { throw CodecError("unknown answer tag") }
            switch tag {
            case .unanswered: continue
            case .yes: answers[field.id] = .yes
            case .no: answers[field.id] = .no
            case .notApplicable: answers[field.id] = .notApplicable
            case .integer: answers[field.id] = .number(Double(try reader.signed()))
            case .real: answers[field.id] = .number(try reader.double())
            case .text: answers[field.id] = .text(try reader.string())
            }
        }
        return answers
    }
}

/// Packs each criterion's outcome in the order of the standard's criteria; with the standard it
/// gives back every earned and possible point without re-evaluating the form.
public enum ResultCodec {
    private enum Tag: UInt8 {
        case notAssessed = 0, hidden, notApplicable, met, notMet, level
    }

    public static func encode(_ outcomes: [String: CriterionOutcome], criteria: [Criterion]) -> [UInt8] {
        encode(outcomes, criterionIDs: criteria.map(\.id))
    }

    /// The same, over the criterion ids alone.
    public static func encode(_ outcomes: [String: CriterionOutcome], criterionIDs: [String]) -> [UInt8] {
        var writer = ByteWriter(capacity: criterionIDs.count + 8)
        writer.varint(UInt64(criterionIDs.count))
        for id in criterionIDs {
            switch outcomes[id] {
            case nil: writer.byte(Tag.notAssessed.rawValue)
            case .hidden: writer.byte(Tag.hidden.rawValue)
            case .notApplicable: writer.byte(Tag.notApplicable.rawValue)
            case .met(true): writer.byte(Tag.met.rawValue)
            case .met(false): writer.byte(Tag.notMet.rawValue)
            case let .level(level):
                writer.byte(Tag.level.rawValue)
                writer.signed(Int64(level))
            }
        }
        return writer.bytes
    }

    public static func decode(_ bytes: [UInt8], criteria: [Criterion]) throws(CodecError) -> [String: CriterionOutcome] {
        var reader = ByteReader(bytes)
        guard Int(try reader.varint()) == criteria.count else { throw CodecError("results do not match the standard's criteria") }
        var outcomes: [String: CriterionOutcome] = [:]
        for criterion in criteria {
            guard let tag = Tag(rawValue: try reader.byte()) else { throw CodecError("unknown result tag") }
            switch tag {
            case .notAssessed: continue
            case .hidden: outcomes[criterion.id] = .hidden
            case .notApplicable: outcomes[criterion.id] = .notApplicable
            case .met: outcomes[criterion.id] = .met(true)
            case .notMet: outcomes[criterion.id] = .met(false)
            case .level: outcomes[criterion.id] = .level(Int(try reader.signed()))
            }
        }
        return outcomes
    }
}
