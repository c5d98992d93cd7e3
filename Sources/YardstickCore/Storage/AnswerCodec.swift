/// Packs an audit's answers into a few bytes per answer, in the order of the form's fields, so one
/// database row holds a whole audit (PRODUCT.md §10) and every answer stays retrievable.
public enum AnswerCodec {
    static let version: UInt8 = 1
    /// Whole numbers below this magnitude are stored as varints; they are exact as doubles.
    static let integerLimit: Double = 1e15

    enum Tag: UInt8, CaseIterable {
        case unanswered = 0, yes, no, notApplicable, integer, real, text

        /// Whether an answer stored with this tag is one that a field of `type` can hold.
        func fits(_ type: AnswerType) -> Bool {
            switch self {
            case .unanswered, .notApplicable: return true
            case .yes, .no: return type == .yesNo
            case .integer, .real: return type == .integer || type == .number || type == .duration || type == .scale
            case .text: return type == .text || type == .date || type == .time || type == .choice || type == .multiChoice
            }
        }

        var name: String {
            switch self {
            case .unanswered: return "unanswered"
            case .yes: return "yes"
            case .no: return "no"
            case .notApplicable: return "na"
            case .integer: return "an integer"
            case .real: return "a number"
            case .text: return "text"
            }
        }
    }

    /// The answers of `fields`, in their order; an absent answer takes one byte.
    public static func encode(_ answers: [String: AnswerValue], fields: [FormField]) -> [UInt8] {
        encode(answers, fieldIDs: fields.map(\.id))
    }

    /// The same, over the field ids alone (the import path keeps them precomputed).
    public static func encode(_ answers: [String: AnswerValue], fieldIDs: [String]) -> [UInt8] {
        var writer = ByteWriter(capacity: fieldIDs.count * 2 + 16)
        writer.byte(version)
        writer.varint(UInt64(fieldIDs.count))
        for id in fieldIDs { write(answers[id], to: &writer) }
        return writer.bytes
    }

    /// The answers of a sheet by field slot, in slot order: the same bytes as the dictionary form
    /// gives for the same answers over the plan's fields.
    public static func encode(sheet answers: [AnswerValue?]) -> [UInt8] {
        // A tag per answer and a value for most numbers: twice the count rarely grows.
        var writer = ByteWriter(capacity: answers.count * 2 + 16)
        writer.byte(version)
        writer.varint(UInt64(answers.count))
        for answer in answers { write(answer, to: &writer) }
        return writer.bytes
    }

    private static func write(_ answer: AnswerValue?, to writer: inout ByteWriter) {
        switch answer {
        case nil: writer.byte(Tag.unanswered.rawValue)
        case .yes?: writer.byte(Tag.yes.rawValue)
        case .no?: writer.byte(Tag.no.rawValue)
        case .notApplicable?: writer.byte(Tag.notApplicable.rawValue)
        case let .number(value)?:
            if value == value.rounded(), abs(value) < integerLimit, let whole = Int64(exactly: value) {
                writer.byte(Tag.integer.rawValue)
                writer.signed(whole)
            } else {
                writer.byte(Tag.real.rawValue)
                writer.double(value)
            }
        case let .text(text)?:
            writer.byte(Tag.text.rawValue)
            writer.string(text)
        }
    }

    /// The answers that `encode` packed for the same `fields`.
    /// - Throws: `CodecError` for anything `encode` cannot have written for these fields: another
    ///   version or field count, an unknown tag, a tag the field's type cannot hold, a number out of
    ///   range (a scale level outside Int32, a fraction for a whole-number type, NaN or infinity),
    ///   a number in the other of its two encodings, text that is not UTF-8, truncation, or bytes
    ///   after the last answer. So whatever decodes re-encodes to exactly the same bytes.
    public static func decode(_ bytes: [UInt8], fields: [FormField]) throws(CodecError) -> [String: AnswerValue] {
        var reader = ByteReader(bytes)
        let version = try reader.byte()
        guard version == Self.version else {
            throw CodecError(.unknownVersion, "answers are in encoding \(version); this version of Yardstick reads encoding \(Self.version)")
        }
        let count = try reader.varint()
        guard count == UInt64(fields.count) else {
            throw CodecError(.countMismatch, "answers hold \(count) fields, the form has \(fields.count)")
        }
        var answers: [String: AnswerValue] = [:]
        answers.reserveCapacity(fields.count)
        for field in fields {
            let offset = reader.offset
            let raw = try reader.byte()
            guard let tag = Tag(rawValue: raw) else {
                throw CodecError(.unknownTag, "unknown answer tag \(raw) for '\(field.id)' at byte \(offset)")
            }
            guard tag.fits(field.type) else {
                throw CodecError(.tagDoesNotFit, "the answer to '\(field.id)' at byte \(offset) is stored as \(tag.name), which a \(field.type.rawValue) field cannot hold")
            }
            switch tag {
            case .unanswered: continue
            case .yes: answers[field.id] = .yes
            case .no: answers[field.id] = .no
            case .notApplicable: answers[field.id] = .notApplicable
            case .integer:
                let value = try reader.signed()
                guard abs(Double(value)) < integerLimit else {
                    throw CodecError(.valueOutOfRange, "the integer answer to '\(field.id)' at byte \(offset) is beyond ±10^15, which is stored as a number")
                }
                answers[field.id] = .number(try checked(Double(value), for: field, at: offset))
            case .real:
                let value = try reader.double()
                guard value.isFinite else {
                    throw CodecError(.nonFiniteNumber, "the answer to '\(field.id)' at byte \(offset) is not a finite number")
                }
                // Each value has one encoding, so an accepted blob re-encodes to the same bytes.
                guard !(value == value.rounded() && abs(value) < integerLimit) else {
                    throw CodecError(.nonCanonical, "the answer to '\(field.id)' at byte \(offset) is a whole number stored as a double, which is stored as an integer")
                }
                answers[field.id] = .number(try checked(value, for: field, at: offset))
            case .text:
                answers[field.id] = .text(try reader.string())
            }
        }
        try reader.finish()
        return answers
    }

    /// `value` if a field of its type can hold it: whole for integer, duration and scale, and a
    /// scale level within Int32 as the result encoding requires.
    private static func checked(_ value: Double, for field: FormField, at offset: Int) throws(CodecError) -> Double {
        switch field.type {
        case .integer, .duration, .scale:
            guard value == value.rounded() else {
                throw CodecError(.valueOutOfRange, "the \(field.type.rawValue) answer to '\(field.id)' at byte \(offset) is not a whole number")
            }
            if field.type == .scale, Int32(exactly: value) == nil {
                throw CodecError(.valueOutOfRange, "the scale answer to '\(field.id)' at byte \(offset) is outside the range of a level")
            }
        default:
            break
        }
        return value
    }
}
