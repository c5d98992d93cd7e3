import YardstickCore
import YardstickStore

/// `yardstick report …`: resolves the window, the standard and the filters, sums the figures —
/// from the monthly aggregates for whole months, from the audits' stored results otherwise — and
/// builds the report document every output format renders.
public struct ReportService {
    let context: AppContext
    var store: Store { context.store }

    public init(context: AppContext) { self.context = context }

    /// Trends without a window show this many full months.
    public static let defaultTrendMonths = 12

    public func run(_ request: ReportRequest) throws -> ReportDocument {
        try store.database.readTransaction { try build(request) }
    }

    private func build(_ request: ReportRequest) throws -> ReportDocument {
        try checkFilters(request)
        let window = request.window ?? defaultWindow(request)
        let (standard, others) = try standard(for: request, window: window)
        var document = try build(request, window: window, standard: standard)
        if !others.isEmpty {
            let listed = others.map { "\($0.id) (\($0.audits) audits)" }.joined(separator: ", ")
            document.notes.append("This report is on standard \(standard.id), the one most audits in scope use; other standards in scope: \(listed). Choose one with --standard.")
        }
        return document
    }

    private func build(_ request: ReportRequest, window: ReportWindow, standard: ReportStandard) throws -> ReportDocument {
        switch request.kind {
        case .team, .location, .form, .criteria, .trend:
            let dimension: ReportDimension = switch request.kind {
            case .team, .criteria: .team
            case .location: .location
            case .form: .form
            default: .all
            }
            // A trend over two months or less steps by week unless told otherwise.
            let trendStep = request.granularity ?? (window.days <= 62 ? .week : .month)
            let granularity = request.kind == .trend ? trendStep : (request.kind == .criteria ? nil : request.granularity)
            var buckets = granularity.map { window.buckets($0) } ?? [window]
            buckets.insert(buckets.first?.previous ?? window.previous, at: 0)
            var grouped = GroupedFigures(dimension: dimension, buckets: buckets)
            try collect(into: &grouped, request: request, standard: standard, requireGroup: dimension != .all && request.kind != .criteria)
            var input = ReportInput(standard: standard, window: window, granularity: granularity, scope: request.scopeDescription,
                                    figures: grouped, names: try names(dimension))
            if granularity == nil, request.kind != .criteria {
                input.history = try history(request, dimension: dimension, window: window, standard: standard)
            }
            switch request.kind {
            case .criteria: return CriteriaReport.build(input)
            case .trend: return TrendReport.build(input)
            default: return GroupReport.build(input)
            }
        case .auditors:
            return try auditors(request, window: window, standard: standard)
        case .agent:
            return try agent(request, window: window, standard: standard)
        }
    }

    /// Months of the scope ending with the window's, for the trend line of a one-period page.
    static let historyMonths = 12

    private func history(_ request: ReportRequest, dimension: ReportDimension, window: ReportWindow, standard: ReportStandard) throws -> GroupedFigures {
        let lastMonth = ReportWindow(from: ISODate(year: window.to.year, month: window.to.month, day: 1) ?? window.to, to: window.to)
        var first = lastMonth
        for _ in 1..<Self.historyMonths { first = first.previous }
        let months = ReportWindow(from: first.from, to: window.to).buckets(.month)
        // Grouped as the report is, so the line counts exactly the audits the report does (no shop in a team report).
        var history = GroupedFigures(dimension: dimension, buckets: [months[0].previous] + months)
        try collect(into: &history, request: request, standard: standard, requireGroup: dimension != .all)
        // Months before the first with audits say nothing on the line.
        if let firstFilled = history.shown.first(where: { !history.total($0).isEmpty }), firstFilled > 1 {
            history = GroupedFigures(dimension: dimension, buckets: Array(history.buckets[(firstFilled - 1)...]),
                                     figures: Array(history.figures[(firstFilled - 1)...]))
        }
        return history
    }

    private func defaultWindow(_ request: ReportRequest) -> ReportWindow {
        let today = ISODate(String(context.now.prefix(10))) ?? ISODate(year: 2000, month: 1, day: 1)!
        let last = ReportWindow.lastFullMonth(before: today)
        guard request.kind == .trend else { return last }
        var first = last
        for _ in 1..<Self.defaultTrendMonths { first = first.previous }
        return ReportWindow(from: first.from, to: last.to)
    }

    // MARK: Filters and the standard

    private func checkFilters(_ request: ReportRequest) throws {
        let reads = store.reports
        func check(_ value: String?, in known: [String: String], noun: String, hint: String) throws {
            guard let value, known[value] == nil else { return }
            let sample = known.keys.sorted().prefix(8).joined(separator: ", ")
            throw InputError("no \(noun) '\(value)'" + (known.isEmpty ? "" : " (known: \(sample)\(known.count > 8 ? ", …" : ""))") + "; \(hint)")
        }
        try check(request.team, in: try reads.teamNames(), noun: "team", hint: "teams come from the roster ('yardstick agents list')")
        try check(request.location, in: try reads.locationNames(), noun: "location", hint: "locations come from the roster's location column")
        try check(request.agent, in: try reads.agentNames(), noun: "agent", hint: "see 'yardstick agents list'")
        try check(request.form, in: try reads.formTitles(), noun: "form", hint: "see 'yardstick forms list'")
        if let standard = request.standard, try store.definitions.latest(kind: .standard, id: standard) == nil {
            let known = try store.definitions.latestVersions(kind: .standard).map(\.docID).joined(separator: ", ")
            throw InputError("no standard '\(standard)' (known: \(known)); see 'yardstick standards list'")
        }
    }

    /// The standard the report is about: the one asked for, the one of the form asked for, or the
    /// one most audits in scope use (with the others, for a note).
    private func standard(for request: ReportRequest, window: ReportWindow) throws -> (ReportStandard, others: [(id: String, audits: Int)]) {
        var id = request.standard
        var others: [(id: String, audits: Int)] = []
        if let formID = request.form {
            let formStandard = try context.definitions.latest(formID: formID).standard.id
            if let id, id != formStandard { throw InputError("form '\(formID)' is scored against standard '\(formStandard)', not '\(id)'") }
            id = formStandard
        }
        if id == nil {
            let used = try store.reports.standards(from: window.from, to: window.to, withTeam: request.kind == .team || request.kind == .criteria,
                                                   withLocation: request.kind == .location, team: request.team, location: request.location,
                                                   agent: request.agent)
            id = used.first?.id
            others = Array(used.dropFirst())
        }
        if id == nil {
            // No audits in the window: lay the (empty) report out on the most used standard, or the only one.
            let everything = ReportWindow(from: ISODate(year: 1900, month: 1, day: 1) ?? window.from, to: ISODate(year: 9999, month: 12, day: 31) ?? window.to)
            let registered = try store.definitions.latestVersions(kind: .standard).first?.docID
            id = try store.reports.standards(from: everything.from, to: everything.to).first?.id ?? registered
        }
        guard let standardID = id, let version = try store.definitions.latest(kind: .standard, id: standardID) else {
            throw InputError("no standard is loaded; load one with 'yardstick load standards'")
        }
        let standard = try context.definitions.standard(versionID: version.versionID)
        return (ReportStandard(standard, slots: try store.audits.slots(standardID: standardID)), others)
    }

    private func names(_ dimension: ReportDimension) throws -> [String: String] {
        switch dimension {
        case .team: return try store.reports.teamNames()
        case .location: return try store.reports.locationNames()
        case .form: return try store.reports.formTitles()
        case .agent: return try store.reports.agentNames()
        case .all: return [:]
        }
    }

    // MARK: Summing

    /// Sums the counted audits inside the filters into `grouped`: whole-month buckets from the
    /// aggregates, the others from the audits' stored results.
    func collect(into grouped: inout GroupedFigures, request: ReportRequest, standard: ReportStandard, requireGroup: Bool) throws {
        let dimension = grouped.dimension
        func group(team: String, location: String, agent: String, form: String) -> String {
            switch dimension {
            case .team: return team
            case .location: return location
            case .agent: return agent
            case .form: return form
            case .all: return ""
            }
        }
        var monthBuckets: [Int: Int] = [:]
        var dayBuckets: [(window: ReportWindow, index: Int)] = []
        for (index, bucket) in grouped.buckets.enumerated() {
            if let months = bucket.wholeMonths {
                for month in months.lowerBound...months.upperBound where (1...12).contains(month % 100) { monthBuckets[month] = index }
            } else {
                dayBuckets.append((bucket, index))
            }
        }
        if let first = monthBuckets.keys.min(), let last = monthBuckets.keys.max() {
            // Without an agent in the question, the per-team rows hold all that is needed.
            let rollup = dimension != .agent && request.agent == nil
            try store.aggregates.forEach(rollup: rollup, months: first...last, standardID: standard.id) { result in
                let row: AggregateRow
                switch result {
                case let .success(found): row = found
                case let .failure(error): throw InputError("\(error); run 'yardstick verify'")
                }
                let key = row.key
                guard let bucket = monthBuckets[key.month],
                      request.includes(team: key.teamID.nilIfEmpty, location: key.locationID.nilIfEmpty, agent: key.agentID.nilIfEmpty, form: key.formID)
                else { return }
                let value = group(team: key.teamID, location: key.locationID, agent: key.agentID, form: key.formID)
                if requireGroup && value.isEmpty { return }
                grouped.add(ReportFigures(audits: row.audits, scoreMicros: row.scoreMicrosSum, scoreMicrosSquares: row.scoreMicrosSquareSum,
                                          criticalFails: row.criticalFails, bands: row.bands, counters: row.counters), bucket: bucket, group: value)
            }
        }
        guard let from = dayBuckets.map(\.window.from).min(), let to = dayBuckets.map(\.window.to).max() else { return }
        var decoder = ResultDecoder(context: context)
        try store.reports.forEachAudit(standardID: standard.id, from: from, to: to, withResults: true, agentID: request.agent) { audit in
            guard audit.counts, let date = ISODate(audit.occurredOn),
                  let bucket = dayBuckets.first(where: { $0.window.from <= date && date <= $0.window.to })?.index,
                  request.includes(team: audit.teamID, location: audit.locationID, agent: audit.agentID, form: audit.formID)
            else { return }
            let value = group(team: audit.teamID ?? "", location: audit.locationID ?? "", agent: audit.agentID ?? "", form: audit.formID)
            if requireGroup && value.isEmpty { return }
            grouped.figures[bucket][value, default: ReportFigures()].add(score: audit.score, band: audit.band, criticalFail: audit.criticalFail,
                                                                          outcomes: try decoder.outcomes(of: audit))
        }
    }
}

/// Decodes stored results by standard version, with each criterion's stored slot and scale.
struct ResultDecoder {
    let context: AppContext
    private var versions: [Int64: (scales: [RatingScale], ids: [String], slots: [Int])] = [:]

    init(context: AppContext) { self.context = context }

    mutating func outcomes(of audit: ReportAuditRow) throws -> [(slot: Int, outcome: CriterionOutcome, scale: RatingScale)] {
        guard let results = audit.results else { return [] }
        let version: (scales: [RatingScale], ids: [String], slots: [Int])
        if let known = versions[audit.standardVersionID] {
            version = known
        } else {
            let standard = try context.definitions.standard(versionID: audit.standardVersionID)
            let slots = try context.store.audits.slots(standardID: standard.id)
            version = (standard.criteria.map(\.scale), standard.criteria.map(\.id), standard.criteria.map { slots[$0.id] ?? -1 })
            versions[audit.standardVersionID] = version
        }
        let decoded: [CriterionOutcome?]
        do {
            decoded = try ResultCodec.decode(results, scales: version.scales, ids: version.ids)
        } catch {
            throw InputError("audit \(audit.id): the stored results cannot be decoded (\(error)); run 'yardstick verify'")
        }
        return decoded.indices.compactMap { index in decoded[index].map { (version.slots[index], $0, version.scales[index]) } }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
