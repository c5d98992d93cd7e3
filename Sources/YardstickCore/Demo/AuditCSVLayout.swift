/// The columns of an import CSV for a form, in a stable order: identity columns, every field and
/// question, then the comment columns of questions that take comments.
public enum AuditCSVLayout {
    public static func columns(for form: Form) -> [String] {
        var columns = ["external_id", "agent", "auditor"]
        if form.field("occurred_on") == nil { columns.append("occurred_on") }
        columns += form.answerFields.map(\.id)
        columns += form.questions.filter { $0.comment == .required || $0.comment == .requiredIfNotMet }.map { $0.id + "_comment" }
        return columns
    }
}
