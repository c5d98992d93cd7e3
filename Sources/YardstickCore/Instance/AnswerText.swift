/// An answer as people read it: durations as `m:ss` (or `h:mm:ss`), everything else as typed.
public enum AnswerText {
    public static func display(_ value: AnswerValue, type: AnswerType) -> String {
        if type == .duration, case let .number(seconds) = value, let whole = Int(exactly: seconds) {
            return AnswerParser.formatDuration(whole)
        }
        return value.expressionText
    }
}
