/// A printable, self-contained HTML page of an incentive run for HR: totals per team, agents per
/// tier, and every row with its explanation. No scripts, fonts or images from elsewhere.
public enum IncentiveHTML {
    public struct RunFacts: Sendable {
        public var id: Int64
        public var fingerprint: String
        public var createdAt: String
        public var createdBy: String
        public var finalisedAt: String?
        public var finalisedBy: String?
        public var correctionOf: Int64?

        public init(id: Int64, fingerprint: String, createdAt: String, createdBy: String, finalisedAt: String?, finalisedBy: String?, correctionOf: Int64?) {
            self.id = id
            self.fingerprint = fingerprint
            self.createdAt = createdAt
            self.createdBy = createdBy
            self.finalisedAt = finalisedAt
            self.finalisedBy = finalisedBy
            self.correctionOf = correctionOf
        }
    }

    public static func page(_ lines: [IncentiveLine], policy: IncentivePolicy, period: PayPeriod, run: RunFacts) -> String {
        let calculator = IncentiveCalculator(policy: policy, period: period)
        func money(_ minor: Int64) -> String { htmlEscaped(calculator.signed(minor)) + " " + htmlEscaped(policy.currency) }
        let totals = IncentiveTotals(lines)
        let paid = totals.bonuses, docked = totals.deductions, eligible = totals.eligible
        let status = run.finalisedAt.map { "Finalised for payroll on \(htmlEscaped($0)) by \(htmlEscaped(run.finalisedBy ?? "?"))" }
            ?? "Not finalised: amounts may still change"
        var html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>\(htmlEscaped(policy.title)) — \(period)</title>
        <style>
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2330; margin: 2rem auto; max-width: 72rem; padding: 0 1.5rem; }
        h1 { font-size: 1.6rem; margin: 0 0 .2rem; } h2 { font-size: 1.1rem; margin: 2rem 0 .6rem; border-bottom: 2px solid #dfe3ea; padding-bottom: .2rem; }
        .meta { color: #5b6475; margin: 0 0 1.2rem; } .status { display: inline-block; padding: .15rem .6rem; border-radius: 1rem; font-weight: 600; }
        .final { background: #e3f4e8; color: #1f6b37; } .open { background: #fff4d6; color: #7a5400; }
        .cards { display: flex; gap: 1rem; flex-wrap: wrap; } .card { border: 1px solid #dfe3ea; border-radius: .5rem; padding: .7rem 1rem; min-width: 9rem; }
        .card b { display: block; font-size: 1.35rem; } .card span { color: #5b6475; font-size: .85rem; }
        table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #e8ebf0; vertical-align: top; }
        th { background: #f4f6f9; font-size: .8rem; text-transform: uppercase; letter-spacing: .03em; color: #485164; }
        td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .pos { color: #1f6b37; } .neg { color: #a22c2c; } .muted { color: #7b8494; } .why { font-size: .85rem; color: #3b4352; }
        footer { margin-top: 2rem; color: #7b8494; font-size: .8rem; word-break: break-all; }
        @media print { body { margin: 0; max-width: none; font-size: 11px; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
        </style>
        </head>
        <body>
        <h1>\(htmlEscaped(policy.title))</h1>
        <p class="meta">Pay period <b>\(period)</b> · policy \(htmlEscaped(policy.id)) version \(htmlEscaped(policy.version)) · run #\(run.id)\(run.correctionOf.map { " · correction of finalised run #\($0)" } ?? "") · computed \(htmlEscaped(run.createdAt)) by \(htmlEscaped(run.createdBy))</p>
        <p><span class="status \(run.finalisedAt == nil ? "open" : "final")">\(status)</span></p>
        <div class="cards">
        <div class="card"><b>\(lines.count)</b><span>agents in scope</span></div>
        <div class="card"><b>\(eligible)</b><span>eligible</span></div>
        <div class="card"><b class="pos">\(money(paid))</b><span>bonuses</span></div>
        <div class="card"><b class="neg">\(money(docked))</b><span>deductions</span></div>
        <div class="card"><b>\(money(totals.net))</b><span>net</span></div>
        </div>

        """
        if let refusal = calculator.noticeRefusal {
            html += "<p class=\"why\"><b>Notice:</b> \(htmlEscaped(refusal)).</p>\n"
        }
        html += "<h2>Totals per team</h2>\n<table>\n<tr><th>Team</th><th class=\"n\">Agents</th><th class=\"n\">Eligible</th><th class=\"n\">Bonuses</th><th class=\"n\">Deductions</th><th class=\"n\">Net</th></tr>\n"
        let teams = Dictionary(grouping: lines, by: \.team)
        for team in teams.keys.sorted() {
            let members = IncentiveTotals(teams[team] ?? [])
            html += "<tr><td>\(htmlEscaped(team))</td><td class=\"n\">\(members.agents)</td><td class=\"n\">\(members.eligible)</td>"
                + "<td class=\"n \(members.bonuses == 0 ? "muted" : "pos")\">\(money(members.bonuses))</td>"
                + "<td class=\"n \(members.deductions == 0 ? "muted" : "neg")\">\(money(members.deductions))</td><td class=\"n\">\(money(members.net))</td></tr>\n"
        }
        html += "</table>\n<h2>Agents per tier</h2>\n<table>\n<tr><th>Tier</th><th class=\"n\">Agents</th><th class=\"n\">Tier amount each</th></tr>\n"
        let tiers = policy.bonusTiers.map { ($0.label, $0.amount.minorUnits) } + policy.penaltyTiers.map { ($0.label, $0.amount.minorUnits) }
        for (label, amount) in tiers {
            html += "<tr><td>\(htmlEscaped(label))</td><td class=\"n\">\(lines.filter { $0.tier == label }.count)</td><td class=\"n\">\(money(amount))</td></tr>\n"
        }
        html += "<tr><td class=\"muted\">Eligible, no tier</td><td class=\"n\">\(lines.filter { $0.eligible && $0.tier == nil }.count)</td><td class=\"n muted\">—</td></tr>\n"
        html += "<tr><td class=\"muted\">Not eligible</td><td class=\"n\">\(lines.count - eligible)</td><td class=\"n muted\">—</td></tr>\n</table>\n"
        html += "<h2>Every agent</h2>\n<table>\n<tr><th>Agent</th><th>Team</th><th class=\"n\">Audits</th><th class=\"n\">Mean</th><th class=\"n\">Total</th><th>Explanation</th></tr>\n"
        for line in lines {
            let css = line.total > 0 ? "pos" : (line.total < 0 ? "neg" : "muted")
            html += "<tr><td>\(htmlEscaped(line.agentID))<br><span class=\"muted\">\(htmlEscaped(line.name))</span></td><td>\(htmlEscaped(line.team))</td>"
                + "<td class=\"n\">\(line.audits)</td><td class=\"n\">\(calculator.displayMean(of: line))</td>"
                + "<td class=\"n \(css)\">\(money(line.total))</td><td class=\"why\">\(htmlEscaped(line.explanation))</td></tr>\n"
        }
        html += "</table>\n<footer>Inputs fingerprint \(htmlEscaped(run.fingerprint)): the policy version and every audit and customer response this run used. The same fingerprint means the same inputs.</footer>\n</body>\n</html>\n"
        return html
    }
}
