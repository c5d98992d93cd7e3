/// The sums behind every report cell: audits, scores in millionths of a point, critical failures,
/// audits per band, and per criterion (by stored slot) exact integer counters. Sums of sums are
/// exact, so a team's figures are the sum of its months' and agents' figures.
public struct ReportFigures: Sendable, Hashable {
    public var audits: Int64 = 0
    public var scoreMicros: Int64 = 0
    public var scoreMicrosSquares: Double = 0
    public var criticalFails: Int64 = 0
    public var bands = BandCounts()
    public var counters: [CriterionCounters] = []

    public init() {}

    public init(audits: Int64, scoreMicros: Int64, scoreMicrosSquares: Double, criticalFails: Int64, bands: BandCounts, counters: [CriterionCounters]) {
        self.audits = audits
        self.scoreMicros = scoreMicros
        self.scoreMicrosSquares = scoreMicrosSquares
        self.criticalFails = criticalFails
        self.bands = bands
        self.counters = counters
    }

    public var isEmpty: Bool { audits == 0 }

    /// Adds one audit: its score, band, critical failure and its outcomes by stored slot.
    public mutating func add(score: Double?, band: String?, criticalFail: Bool, outcomes: [(slot: Int, outcome: CriterionOutcome, scale: RatingScale)]) {
        if let score {
            let micros = Int64(exactly: (score * 1_000_000).rounded()) ?? 0
            audits += 1
            scoreMicros &+= micros
            scoreMicrosSquares += Double(micros) * Double(micros)
            if let band { bands.add(band) }
        }
        if criticalFail { criticalFails += 1 }
        for (slot, outcome, scale) in outcomes where slot >= 0 {
            if counters.count <= slot { counters += Array(repeating: CriterionCounters(), count: slot + 1 - counters.count) }
            counters[slot].add(outcome, scale: scale)
        }
    }

    /// Wrapping sums: figures read from a damaged aggregate row must not stop a report (`verify` names the row).
    public static func += (lhs: inout ReportFigures, rhs: ReportFigures) {
        lhs.audits &+= rhs.audits
        lhs.scoreMicros &+= rhs.scoreMicros
        lhs.scoreMicrosSquares += rhs.scoreMicrosSquares
        lhs.criticalFails &+= rhs.criticalFails
        lhs.bands += rhs.bands
        if lhs.counters.count < rhs.counters.count {
            lhs.counters += Array(repeating: CriterionCounters(), count: rhs.counters.count - lhs.counters.count)
        }
        for (slot, counter) in rhs.counters.enumerated() { lhs.counters[slot] += counter }
    }

    /// The mean audit score, nil without audits.
    public var meanScore: Double? { audits > 0 ? Double(scoreMicros) / Double(audits) / 1_000_000 : nil }


    /// The sample standard deviation of the audit scores, nil below two audits.
    public var scoreStandardDeviation: Double? {
        guard audits > 1 else { return nil }
        let n = Double(audits), mean = Double(scoreMicros) / n
        let variance = max(0, (scoreMicrosSquares - n * mean * mean) / (n - 1))
        return variance.squareRoot() / 1_000_000
    }

    /// Share of audits with a critical failure, nil without audits.
    public var criticalShare: Double? { audits > 0 ? Double(criticalFails) / Double(audits) : nil }

    /// The counters of stored slot `slot` (zero when never seen).
    public func counters(slot: Int) -> CriterionCounters { slot >= 0 && slot < counters.count ? counters[slot] : CriterionCounters() }

    /// The category's points earned of points possible over these audits, in percent, from the
    /// criterion counters (before critical effects on the category); nil when none was assessed.
    public func categoryScore(_ criteria: [ReportCriterion]) -> Double? {
        var earned = 0.0, possible = 0.0
        for criterion in criteria {
            let counter = counters(slot: criterion.slot)
            guard counter.assessed > 0 else { continue }
            let span = Double(max(1, criterion.span))
            earned += criterion.weight * Double(counter.spanUnits - counter.failureUnits) / span
            if !criterion.isBonus { possible += criterion.weight * Double(counter.assessed) }
        }
        return possible > 0 ? 100 * earned / possible : nil
    }
}

/// What a report shows of one criterion of the standard, and where its counters are kept.
public struct ReportCriterion: Sendable, Hashable {
    public var id: String
    public var title: String
    public var categoryID: String
    public var weight: Double
    /// `max − min` of a scale, 1 for yes-no.
    public var span: Int
    public var isCritical: Bool
    public var isBonus: Bool
    /// The stored slot of its counters in the aggregates.
    public var slot: Int

    public init(id: String, title: String, categoryID: String, weight: Double, span: Int, isCritical: Bool, isBonus: Bool, slot: Int) {
        self.id = id
        self.title = title
        self.categoryID = categoryID
        self.weight = weight
        self.span = span
        self.isCritical = isCritical
        self.isBonus = isBonus
        self.slot = slot
    }
}

/// The standard a report is about: its bands (highest first), categories and criteria.
public struct ReportStandard: Sendable, Hashable {
    public var id: String
    public var title: String
    public var bands: [Band]
    public var categories: [(id: String, title: String)]
    public var criteria: [ReportCriterion]

    public init(id: String, title: String, bands: [Band], categories: [(id: String, title: String)], criteria: [ReportCriterion]) {
        self.id = id
        self.title = title
        self.bands = bands
        self.categories = categories
        self.criteria = criteria
    }

    /// The report standard of `standard`, with the stored slot of each criterion.
    public init(_ standard: Standard, slots: [String: Int]) {
        let criteria = standard.criteria.map { criterion -> ReportCriterion in
            var span = 1
            if case let .range(minimum, maximum) = criterion.scale { span = max(1, maximum - minimum) }
            return ReportCriterion(id: criterion.id, title: criterion.title, categoryID: criterion.categoryID, weight: criterion.weight,
                                   span: span, isCritical: criterion.critical != nil, isBonus: criterion.isBonus, slot: slots[criterion.id] ?? -1)
        }
        self.init(id: standard.id, title: standard.title, bands: standard.bands, categories: standard.categories.map { ($0.id, $0.title) },
                  criteria: criteria)
    }

    public static func == (lhs: ReportStandard, rhs: ReportStandard) -> Bool {
        lhs.id == rhs.id && lhs.criteria == rhs.criteria && lhs.bands == rhs.bands
            && lhs.categories.map(\.id) == rhs.categories.map(\.id)
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(id) }

    /// The criteria of category `id`.
    public func criteria(inCategory id: String) -> [ReportCriterion] { criteria.filter { $0.categoryID == id } }
}
