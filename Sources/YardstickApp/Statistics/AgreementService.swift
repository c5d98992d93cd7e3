import YardstickCore

/// `yardstick stats agreement`: reads a ratings table and computes one agreement statistic.
public struct AgreementService {
    public enum Measure: String, Sendable, CaseIterable {
        case cohen, fleiss, krippendorff, icc, percent
    }

    public enum Layout: String, Sendable, CaseIterable {
        /// One column per rater.
        case ratings
        /// One column per category, cells counting the raters who chose it (Fleiss).
        case counts
    }

    public struct Request: Sendable {
        public var path: String
        public var csv: CSVOptions
        public var measure: Measure
        public var level: KrippendorffAlpha.Level
        public var weights: CohenKappa.Weights
        /// The declared scale's levels (for weighted κ): every integer from the first to the second.
        public var scale: ClosedRange<Int>?
        public var layout: Layout

        public init(path: String, csv: CSVOptions = CSVOptions(), measure: Measure, level: KrippendorffAlpha.Level = .nominal,
                    weights: CohenKappa.Weights = .none, scale: ClosedRange<Int>? = nil, layout: Layout = .ratings) {
            self.path = path
            self.csv = csv
            self.measure = measure
            self.level = level
            self.weights = weights
            self.scale = scale
            self.layout = layout
        }
    }

    public enum Result: Sendable {
        case cohen(CohenKappa.Result, weights: CohenKappa.Weights, raters: [String])
        case fleiss(FleissKappa.Result, categories: [String])
        case krippendorff(KrippendorffAlpha.Result, level: KrippendorffAlpha.Level, observers: Int)
        case icc(IntraclassCorrelation.Result)
        case percent(Double, units: Int, raters: Int)
    }

    public struct Outcome: Sendable {
        public var result: Result?
        /// Problems in the file, by row and column; no result when there are any.
        public var problems: [Diagnostic]
    }

    public init() {}

    public func run(_ request: Request) throws -> Outcome {
        var reader = RatingsTableReader(path: request.path)
        do {
            try CSVInput.stream(request.path, options: request.csv) { reader.read($0) }
        } catch let error as CSVParser.SyntaxError {
            return Outcome(result: nil, problems: reader.problems + [.error(request.path, SourceLocation(line: error.row, column: error.column), error.message)])
        }
        guard reader.problems.isEmpty, let table = reader.table else {
            guard !reader.problems.isEmpty else { throw InputError("\(request.path) is empty: a header row of rater names, then one row per unit") }
            return Outcome(result: nil, problems: reader.problems)
        }
        guard !table.units.isEmpty else { throw InputError("\(request.path) has a header but no units to compare") }
        if request.layout == .counts && request.measure != .fleiss {
            throw InputError("the counts layout is for Fleiss' κ only (--measure fleiss); other measures read one column per rater")
        }
        do {
            return try compute(request, table: table)
        } catch let failure as CohenKappa.Failure {
            throw InputError("\(request.path): \(failure)")
        } catch let failure as FleissKappa.Failure {
            throw InputError("\(request.path): \(failure)")
        } catch let failure as KrippendorffAlpha.Failure {
            throw InputError("\(request.path): \(failure)")
        } catch let failure as IntraclassCorrelation.Failure {
            throw InputError("\(request.path): \(failure)")
        }
    }

    private func compute(_ request: Request, table: RatingsTable) throws -> Outcome {
        let path = request.path
        switch request.measure {
        case .cohen:
            guard table.columns.count == 2 else {
                throw InputError("Cohen's κ compares two raters; \(path) has \(table.columns.count) rater columns (use --measure fleiss or krippendorff)")
            }
            let levels = request.scale.map { Array($0).map(Double.init) }
            let values: [[Double?]]
            if levels != nil || request.weights != .none {
                let numbers = table.numbers(path: path)
                guard numbers.problems.isEmpty else { return Outcome(result: nil, problems: numbers.problems) }
                values = numbers.values
            } else {
                values = table.categories().values
            }
            let result = try CohenKappa.compute(values.map { ($0[0], $0[1]) }, categories: levels, weights: request.weights)
            return Outcome(result: .cohen(result, weights: request.weights, raters: table.columns), problems: [])
        case .fleiss:
            if request.layout == .counts {
                let counts = table.counts(path: path)
                guard counts.problems.isEmpty else { return Outcome(result: nil, problems: counts.problems) }
                let result = try FleissKappa.compute(counts: counts.values)
                return Outcome(result: .fleiss(result, categories: table.columns), problems: [])
            }
            let coded = table.categories()
            let categories = Array(Set(coded.values.flatMap { $0.compactMap { $0 } })).sorted()
            var position: [Double: Int] = [:]
            for (index, value) in categories.enumerated() { position[value] = index }
            let counts = coded.values.map { unit -> [Int] in
                var row = Array(repeating: 0, count: categories.count)
                for value in unit.compactMap({ $0 }) { if let index = position[value] { row[index] += 1 } }
                return row
            }
            let names = categories.map { value in coded.labels.map { $0[Int(value)] } ?? formatNumber(value, decimals: 6) }
            if let first = counts.first?.reduce(0, +), let odd = counts.firstIndex(where: { $0.reduce(0, +) != first }) {
                return Outcome(result: nil, problems: [.error(path, SourceLocation(line: table.rows[odd], column: table.firstColumn),
                    "unit \(table.units[odd]) has \(counts[odd].reduce(0, +)) ratings, the first unit \(first): Fleiss' κ needs every unit rated by the same number of raters (Krippendorff's α allows missing ratings)")])
            }
            let result = try FleissKappa.compute(counts: counts)
            return Outcome(result: .fleiss(result, categories: names), problems: [])
        case .krippendorff:
            let values: [[Double?]]
            if request.level == .nominal {
                values = table.categories().values
            } else {
                let numbers = table.numbers(path: path)
                guard numbers.problems.isEmpty else { return Outcome(result: nil, problems: numbers.problems) }
                values = numbers.values
            }
            let result = try KrippendorffAlpha.compute(values, level: request.level)
            return Outcome(result: .krippendorff(result, level: request.level, observers: table.columns.count), problems: [])
        case .icc:
            let numbers = table.numbers(path: path)
            guard numbers.problems.isEmpty else { return Outcome(result: nil, problems: numbers.problems) }
            if let missing = numbers.values.firstIndex(where: { $0.contains { $0 == nil } }) {
                return Outcome(result: nil, problems: [.error(path, SourceLocation(line: table.rows[missing], column: table.firstColumn),
                    "unit \(table.units[missing]) is not rated by every rater; the ICC needs a complete table (Krippendorff's α allows missing ratings)")])
            }
            return Outcome(result: .icc(try IntraclassCorrelation.compute(numbers.values)), problems: [])
        case .percent:
            let values = table.categories().values
            guard let share = PercentAgreement.compute(values) else { throw InputError("\(path): no unit is rated by two raters") }
            return Outcome(result: .percent(share, units: values.filter { $0.compactMap { $0 }.count >= 2 }.count, raters: table.columns.count),
                           problems: [])
        }
    }
}
