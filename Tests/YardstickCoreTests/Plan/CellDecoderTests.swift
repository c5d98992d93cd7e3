import Testing
@testable import YardstickCore

/// The byte fast paths of the import read every cell exactly as the answer parser reads its text.
struct CellDecoderTests {
    static let standard = Standard(id: "s", version: "1", title: "S", bands: [Band(label: "All", minimum: 0)], categories: [
        Category(id: "c", title: "C", criteria: [
            Criterion(id: "YN", categoryID: "c", title: "Yes-no", weight: 1),
            Criterion(id: "NEVER", categoryID: "c", title: "Never N/A", weight: 1, notApplicable: .never),
            Criterion(id: "LEVEL", categoryID: "c", title: "Scale", weight: 1, scale: .range(minimum: 1, maximum: 5)),
        ]),
    ])

    static let fields = [
        FormField(id: "yn", type: .yesNo, criterionID: "YN"), FormField(id: "never", type: .yesNo, criterionID: "NEVER"),
        FormField(id: "free", type: .yesNo), FormField(id: "level", type: .scale, criterionID: "LEVEL"),
        FormField(id: "count", type: .integer), FormField(id: "wait", type: .duration), FormField(id: "day", type: .date),
        FormField(id: "at", type: .time), FormField(id: "note", type: .text), FormField(id: "amount", type: .number),
        FormField(id: "kind", type: .choice, options: [ChoiceOption(value: "complaint", label: "C"), ChoiceOption(value: "Order", label: "O")]),
        FormField(id: "many", type: .multiChoice, options: [ChoiceOption(value: "a", label: "A"), ChoiceOption(value: "b", label: "B")]),
    ]

    static let inputs = [
        "", " ", "yes", "YES", "Yes", "y", "Y", "no", "NO", "n", "na", "NA", "n/a", "N/A", " yes ", "yes\t", "ja", "yess", "0", "1", "3", "5",
        "6", "007", "+3", "-2", "12", "123456789", "1234567890", "0:12", "1:15", "1:60", "1:02:05", "65", "::", "1:", "1234567:00",
        "2026-03-02", "2026-02-30", "0000-01-01", "2026-3-2", "09:05", "9:05", "24:00", "12:60", "complaint", "Complaint", "order",
        "Order", "a b", "b,a", "12.5", "1e3", "é", " é ", "x\u{00A0}", "\u{00A0}yes",
    ]

    @Test func readsEveryCellAsTheParserReadsItsText() {
        let form = Form(id: "f", version: "1", standardID: "s", kind: .callReview, channel: "phone", title: "F", context: [],
                        sections: [FormSection(id: "s", title: "S", items: Self.fields.map(SectionItem.question))])
        let plan = FormPlan(form: form, standard: Self.standard)
        let decoder = CellDecoder(plan: plan)
        for (slot, field) in plan.fields.enumerated() {
            for input in Self.inputs {
                var bytes = input
                let fast = bytes.withUTF8 { decoder.decode($0, slot: slot, decimalComma: false) }
                let trimmed = input.trimmingWhitespace()
                let slow = trimmed.isEmpty ? nil : plan.parser.parse(trimmed, for: field)
                #expect(fast == slow, "\(field.id) '\(input)': bytes \(String(describing: fast)), text \(String(describing: slow))")
            }
        }
    }
}
