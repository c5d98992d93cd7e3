/// What one calibration session's results are computed from: the auditors' stored outcomes and scores.
public struct CalibrationInput: Sendable {
    public var sessionID: Int64
    public var title: String
    public var interaction: String
    public var formID: String
    public var expert: String?
    public var standard: Standard
    /// The auditors who submitted, each with their score and outcomes by criterion id.
    public var submissions: [(auditor: String, score: Double?, outcomes: [String: CriterionOutcome])]

    public init(sessionID: Int64, title: String, interaction: String, formID: String, expert: String?, standard: Standard,
                submissions: [(auditor: String, score: Double?, outcomes: [String: CriterionOutcome])]) {
        self.sessionID = sessionID
        self.title = title
        self.interaction = interaction
        self.formID = formID
        self.expert = expert
        self.standard = standard
        self.submissions = submissions
    }
}

/// The figures of a closed session: per criterion the answers side by side and their agreement;
/// Fleiss' κ over the yes-no criteria, Krippendorff's α (nominal for yes-no, interval for scales);
/// the spread of the scores; each auditor's deviation from the expert, or from the consensus
/// (majority for yes-no, median for scales and scores).
public struct CalibrationResults: Sendable {
    public struct Deviation: Sendable, Hashable {
        public var auditor: String
        public var score: Double?
        /// Score minus the reference score (the expert's, else the median).
        public var scoreDifference: Double?
        /// Criteria where the auditor's answer differs from the reference, of those both assessed.
        public var differing: Int
        public var compared: Int
    }

    public var input: CalibrationInput
    /// "expert k.berg" or "consensus (majority; median for scales)".
    public var reference: String
    public var fleiss: Result<FleissKappa.Result, FleissKappa.Failure>
    public var alphaNominal: Result<KrippendorffAlpha.Result, KrippendorffAlpha.Failure>
    public var alphaInterval: Result<KrippendorffAlpha.Result, KrippendorffAlpha.Failure>
    public var deviations: [Deviation]
    /// One auditor's answer to a criterion: a value (1 met, 0 not met, a scale level) or N/A.
    public enum Answer: Sendable, Hashable {
        case value(Double)
        case notApplicable

        var number: Double? { if case let .value(value) = self { return value } else { return nil } }
    }

    /// Per criterion answered by anyone: each auditor's answer (nil: not asked or hidden), the share
    /// of agreeing pairs (N/A is an answer of its own here) and the reference answer.
    public var criteria: [(criterion: Criterion, answers: [Answer?], agreement: Double?, reference: Answer?)]

    public init(_ input: CalibrationInput) {
        self.input = input
        let auditors = input.submissions
        func answer(_ outcome: CriterionOutcome?) -> Answer? {
            switch outcome {
            case let .met(met)?: return .value(met ? 1 : 0)
            case let .level(level)?: return .value(Double(level))
            case .notApplicable?: return .notApplicable
            default: return nil
            }
        }
        var rows: [(Criterion, [Answer?], Double?, Answer?)] = []
        let expertIndex = input.expert.flatMap { expert in auditors.firstIndex { $0.auditor == expert } }
        for criterion in input.standard.criteria {
            let answers = auditors.map { answer($0.outcomes[criterion.id]) }
            guard answers.contains(where: { $0 != nil }) else { continue }
            let reference: Answer?
            if let expertIndex {
                reference = answers[expertIndex]
            } else {
                // The majority answer (N/A counts as one); for a scale the median of the levels when most gave one.
                let given = answers.compactMap { $0 }
                let counts = Dictionary(grouping: given, by: { $0 }).mapValues(\.count)
                let top = counts.values.max() ?? 0
                let leaders = counts.filter { $0.value == top }.map(\.key)
                if case .range = criterion.scale, given.filter({ $0 != .notApplicable }).count * 2 > given.count {
                    // The lower middle level for an even count: a reference is a level someone could answer.
                    let levels = given.compactMap(\.number).sorted()
                    reference = levels.isEmpty ? nil : .value(levels[(levels.count - 1) / 2])
                } else {
                    reference = leaders.count == 1 ? leaders.first : nil
                }
            }
            // Agreement over the answers given, N/A included: codes 0…, N/A as its own code.
            let coded: [Double?] = answers.map { $0.map { $0.number ?? -1_000_000 } }
            rows.append((criterion, answers, PercentAgreement.compute([coded]), reference))
        }
        criteria = rows.map { (criterion: $0.0, answers: $0.1, agreement: $0.2, reference: $0.3) }
        reference = expertIndex != nil ? "expert \(input.expert ?? "")" : "consensus (majority; median for scales and scores)"

        // The statistics are about the ratings given: N/A is a missing rating there.
        let yesNo = rows.filter { if case .yesNo = $0.0.scale { return true } else { return false } }.map { $0.1.map { $0?.number } }
        let complete = yesNo.filter { row in row.allSatisfy { $0 != nil } }
        fleiss = Result { () throws(FleissKappa.Failure) -> FleissKappa.Result in
            try FleissKappa.compute(counts: complete.map { row in
                let met = row.filter { $0 == 1 }.count
                return [met, row.count - met]
            })
        }
        alphaNominal = Result { () throws(KrippendorffAlpha.Failure) -> KrippendorffAlpha.Result in
            try KrippendorffAlpha.compute(yesNo, level: .nominal)
        }
        let scales = rows.filter { if case .range = $0.0.scale { return true } else { return false } }.map { $0.1.map { $0?.number } }
        alphaInterval = Result { () throws(KrippendorffAlpha.Failure) -> KrippendorffAlpha.Result in
            try KrippendorffAlpha.compute(scales, level: .interval)
        }
        let referenceScore = expertIndex.flatMap { auditors[$0].score } ?? median(auditors.compactMap(\.score))
        deviations = auditors.enumerated().map { index, submission in
            var differing = 0, compared = 0
            for row in rows {
                guard let mine = row.1[index], let reference = row.3 else { continue }
                // N/A against a rating is a difference too: one auditor saw the behaviour, the other did not.
                compared += 1
                if mine != reference { differing += 1 }
            }
            let difference = submission.score.flatMap { score in referenceScore.map { score - $0 } }
            return Deviation(auditor: submission.auditor, score: submission.score, scoreDifference: difference, differing: differing, compared: compared)
        }
    }

    /// The score spread: lowest, highest and the sample standard deviation.
    public var scoreSpread: (low: Double, high: Double, standardDeviation: Double?)? {
        let scores = input.submissions.compactMap(\.score)
        guard let low = scores.min(), let high = scores.max() else { return nil }
        guard scores.count > 1 else { return (low, high, nil) }
        let mean = scores.reduce(0, +) / Double(scores.count)
        let variance = scores.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(scores.count - 1)
        return (low, high, variance.squareRoot())
    }

    /// The results as a report document (terminal, CSV, JSON, HTML).
    public var document: ReportDocument {
        let auditors = input.submissions.map(\.auditor)
        func shown(_ answer: Answer?, _ criterion: Criterion) -> String {
            guard let answer else { return "—" }
            guard case let .value(value) = answer else { return "N/A" }
            if case .yesNo = criterion.scale { return value == 1 ? "met" : "not met" }
            return formatNumber(value)
        }
        var table = ReportTable(id: "criteria", columns: [ReportColumn("criterion", "Criterion"), ReportColumn("title", "Title", inTerminal: false)]
                                + auditors.map { ReportColumn("auditor:\($0)", $0) }
                                + [ReportColumn("agreement", "Agreement", numeric: true), ReportColumn("reference", "Reference")])
        for row in criteria {
            table.rows.append([.text(row.criterion.id), .text(row.criterion.title)] + row.answers.map { .text(shown($0, row.criterion), tone: nil) }
                              + [.rate(row.agreement, higherIsWorse: false), .text(shown(row.reference, row.criterion))])
        }
        func statistic<F>(_ name: String, _ result: Result<Double, F>, _ basis: String) -> [ReportCell] {
            switch result {
            case let .success(value): return [.text(name), .number(value, decimals: 3), .text(basis)]
            case let .failure(failure): return [.text(name), .number(nil, decimals: 3), .text("\(failure)")]
            }
        }
        let yesNoCount = criteria.filter { if case .yesNo = $0.criterion.scale { return true } else { return false } }.count
        let scaleCount = criteria.count - yesNoCount
        var agreement = ReportTable(id: "agreement", columns: [ReportColumn("statistic", "Statistic"), ReportColumn("value", "Value", numeric: true),
                                                               ReportColumn("basis", "Over")])
        agreement.rows.append(statistic("Fleiss' κ", fleiss.map(\.kappa), "the yes-no criteria every auditor assessed (\(((try? fleiss.get())?.subjects) ?? 0))"))
        agreement.rows.append(statistic("Krippendorff's α, nominal", alphaNominal.map(\.alpha), "\(yesNoCount) yes-no criteria"))
        agreement.rows.append(statistic("Krippendorff's α, interval", alphaInterval.map(\.alpha), "\(scaleCount) scale criteria"))
        let all = criteria.compactMap(\.agreement)
        agreement.rows.append([.text("Agreement"), .rate(all.isEmpty ? nil : all.reduce(0, +) / Double(all.count), higherIsWorse: false),
                               .text("mean share of agreeing pairs per criterion")])
        if let spread = scoreSpread {
            agreement.rows.append([.text("Lowest score"), .score(spread.low), .text("of the \(input.submissions.count) auditors")])
            agreement.rows.append([.text("Highest score"), .score(spread.high), .text("of the \(input.submissions.count) auditors")])
            agreement.rows.append([.text("Score standard deviation"), .score(spread.standardDeviation), .text("points")])
        }
        var people = ReportTable(id: "auditors", columns: [
            ReportColumn("auditor", "Auditor"), ReportColumn("score", "Score", numeric: true), ReportColumn("score_difference", "vs reference", numeric: true),
            ReportColumn("differing", "Differs on", numeric: true), ReportColumn("compared", "of", numeric: true),
        ])
        for deviation in deviations {
            people.rows.append([.text(deviation.auditor), .score(deviation.score), .signed(deviation.scoreDifference), .count(deviation.differing),
                                .count(deviation.compared)])
        }
        let facts = [
            ReportFact("session", "Session", "#\(input.sessionID) \(input.title)"), ReportFact("interaction", "Interaction", input.interaction),
            ReportFact("form", "Form", input.formID), ReportFact("reference", "Reference", reference),
            ReportFact("auditors", "Auditors", auditors.joined(separator: ", ")),
        ]
        var document = ReportDocument(kind: "calibration", title: "Calibration results", facts: facts, sections: [
            ReportSection("Agreement", .table(agreement)), ReportSection("Auditors", .table(people)), ReportSection("Criteria side by side", .table(table)),
        ], export: table)
        document.footnote = "Agreement is the share of pairs of auditors giving the same answer (N/A counts as an answer); Fleiss' κ and Krippendorff's α treat N/A as a missing rating. The reference is \(reference)."
        return document
    }
}
