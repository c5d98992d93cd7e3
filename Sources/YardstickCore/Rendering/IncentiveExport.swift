/// The payroll exports of an incentive run: CSV (RFC 4180, CRLF) and JSON, byte for byte the same
/// for the same run.
public enum IncentiveExport {
    public static let csvColumns = [
        "agent", "name", "team", "location", "period", "currency", "eligible", "audits", "mean_score", "ci_width", "critical_failures",
        "positive_reviews", "negative_reviews", "tier", "tier_amount", "events_amount", "cap_applied", "total", "explanation",
    ]

    /// The CSV; `excel` puts a byte-order mark first so Excel reads it as UTF-8.
    public static func csv(_ lines: [IncentiveLine], policy: IncentivePolicy, period: PayPeriod, excel: Bool) -> String {
        var text = excel ? "\u{FEFF}" : ""
        text += csvColumns.joined(separator: ",") + "\r\n"
        let digits = policy.minorUnitDigits
        func amount(_ minor: Int64) -> String { Money(minorUnits: minor, digits: digits).decimalString }
        for line in lines {
            // Text cells are neutralised against formula injection; numeric cells are ours and stay numbers.
            let cells = [
                SpreadsheetCell.text(line.agentID), SpreadsheetCell.text(line.name), SpreadsheetCell.text(line.team),
                SpreadsheetCell.text(line.location ?? ""), period.description, SpreadsheetCell.text(policy.currency),
                line.eligible ? "true" : "false", String(line.audits), line.meanScore.map { formatFixed($0, 2) } ?? "",
                line.confidenceWidth.map { formatFixed($0, 2) } ?? "", String(line.criticalFailures), String(line.positiveReviews),
                String(line.negativeReviews), SpreadsheetCell.text(line.tier ?? ""), amount(line.tierAmount), amount(line.eventsAmount),
                line.capApplied ? "true" : "false", amount(line.total), SpreadsheetCell.text(line.explanation),
            ]
            text += cells.map(CSVWriter.field).joined(separator: ",") + "\r\n"
        }
        return text
    }

    /// The run as JSON: the run's facts, then one object per line with its evidence.
    public static func json(_ lines: [IncentiveLine], policy: IncentivePolicy, period: PayPeriod, run: (id: Int64, fingerprint: String, finalisedAt: String?, correctionOf: Int64?)) -> JSONValue {
        let digits = policy.minorUnitDigits
        // Amounts as decimal strings: exact, never a binary floating-point number.
        func amount(_ minor: Int64) -> JSONValue { .string(Money(minorUnits: minor, digits: digits).decimalString) }
        return .object([
            ("run", .integer(run.id)), ("policy", .string(policy.id)), ("policy_version", .string(policy.version)),
            ("period", .string(period.description)), ("currency", .string(policy.currency)), ("fingerprint", .string(run.fingerprint)),
            ("finalised_at", .optional(run.finalisedAt)), ("correction_of", run.correctionOf.map { .integer($0) } ?? .null),
            ("total", amount(lines.reduce(0) { $0 + $1.total })),
            ("lines", .array(lines.map { line in
                .object([
                    ("agent", .string(line.agentID)), ("name", .string(line.name)), ("team", .string(line.team)),
                    ("location", .optional(line.location)), ("eligible", .bool(line.eligible)), ("audits", .integer(Int64(line.audits))),
                    ("mean_score", line.meanScore.map { .number($0) } ?? .null), ("ci_width", line.confidenceWidth.map { .number($0) } ?? .null),
                    ("critical_failures", .integer(Int64(line.criticalFailures))), ("positive_reviews", .integer(Int64(line.positiveReviews))),
                    ("negative_reviews", .integer(Int64(line.negativeReviews))), ("tier", .optional(line.tier)),
                    ("tier_amount", amount(line.tierAmount)), ("events_amount", amount(line.eventsAmount)), ("cap_applied", .bool(line.capApplied)),
                    ("total", amount(line.total)), ("explanation", .string(line.explanation)),
                    ("audit_ids", .array(line.auditRefs.map { .integer($0.id) })), ("feedback_ids", .array(line.feedbackRefs.map { .integer($0.id) })),
                ])
            })),
        ])
    }
}

/// Spreadsheet formula injection (OWASP ASVS 1.2.10, CWE-1236): a text cell that a spreadsheet
/// would run as a formula gets a leading apostrophe, which shows as text and is not stored.
public enum SpreadsheetCell {
    /// `value` made inert: a leading `=`, `+`, `-`, `@`, tab, carriage return (or NUL) gets a `'` in front.
    public static func text(_ value: String) -> String {
        guard let first = value.unicodeScalars.first else { return value }
        switch first {
        case "=", "+", "-", "@", "\t", "\r", "\0": return "'" + value
        default: return value
        }
    }
}
