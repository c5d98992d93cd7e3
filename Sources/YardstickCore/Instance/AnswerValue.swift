/// The value of one answered field or question, as the scoring and the expressions see it.
public enum AnswerValue: Sendable, Hashable {
    case yes
    case no
    case notApplicable
    /// integer, number, scale level, and durations in seconds
    case number(Double)
    /// text, dates (`YYYY-MM-DD`), times (`HH:MM`), a choice's option value, multi-choice values separated by spaces
    case text(String)

    /// How the value reads inside a form expression (PRODUCT.md §3).
    public var expressionText: String {
        switch self {
        case .yes: return "yes"
        case .no: return "no"
        case .notApplicable: return "na"
        case let .number(value): return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        case let .text(text): return text
        }
    }
}
