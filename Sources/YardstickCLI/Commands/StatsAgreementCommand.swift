import YardstickApp
import YardstickCore

/// `yardstick stats agreement FILE.csv --measure …`: agreement statistics for any ratings table.
enum StatsAgreementCommand: Command {
    static let spec = CommandSpec(
        path: ["stats", "agreement"], abstract: "Agreement between raters for any ratings table: Cohen's κ, Fleiss' κ, Krippendorff's α, ICC, % agreement",
        arguments: [ArgumentSpec(name: "FILE", help: "CSV: one row per unit, one column per rater (optionally after a 'unit' column), empty = not rated")],
        options: [
            .value("--measure", "NAME", "cohen, fleiss, krippendorff, icc or percent"),
            .value("--level", "LEVEL", "Krippendorff's α: nominal (default), ordinal, interval or ratio"),
            .value("--weights", "W", "Cohen's κ: none (default), linear or quadratic"),
            .value("--scale", "MIN-MAX", "Cohen's κ: the declared scale's levels (needed for weights; every level counts, used or not)"),
            .value("--layout", "L", "Fleiss' κ: ratings (default) or counts (one column per category, cells = raters who chose it)"),
        ] + CSVArguments.options + [.json],
        discussion: """
        Cohen's κ compares two raters (weighted: disagreement |i − j| or (i − j)² over the declared scale).
        Fleiss' κ needs the same number of raters for every unit and also gives each category's κ.
        Krippendorff's α allows any number of observers and missing ratings; units rated once are left out.
        The ICC needs a complete table and gives all six Shrout & Fleiss forms. Ratings are numbers, or for
        nominal measures any labels. Every result matches the published worked examples to 3 decimals.
        """,
        examples: ["yardstick stats agreement ratings.csv --measure krippendorff --level interval",
                   "yardstick stats agreement two-raters.csv --measure cohen --weights quadratic --scale 0-4",
                   "yardstick stats agreement counts.csv --measure fleiss --layout counts --json"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        guard let measureText = arguments.value("--measure") else {
            throw UsageError("--measure is needed: cohen, fleiss, krippendorff, icc or percent", command: spec)
        }
        guard let measure = AgreementService.Measure(rawValue: measureText) else {
            throw UsageError("--measure takes cohen, fleiss, krippendorff, icc or percent, not '\(measureText)'", command: spec)
        }
        func choice<T: RawRepresentable>(_ option: String, _ type: T.Type, default value: T, allowed: [AgreementService.Measure]) throws -> T
        where T.RawValue == String {
            guard let text = arguments.value(option) else { return value }
            guard allowed.contains(measure) else {
                throw UsageError("\(option) applies to --measure \(allowed.map(\.rawValue).joined(separator: " or ")) only", command: spec)
            }
            guard let parsed = T(rawValue: text) else { throw UsageError("\(option): '\(text)' is not one of the choices listed in --help", command: spec) }
            return parsed
        }
        let level = try choice("--level", KrippendorffAlpha.Level.self, default: .nominal, allowed: [.krippendorff])
        let weights = try choice("--weights", CohenKappa.Weights.self, default: .none, allowed: [.cohen])
        let layout = try choice("--layout", AgreementService.Layout.self, default: .ratings, allowed: [.fleiss])
        var scale: ClosedRange<Int>?
        if let text = arguments.value("--scale") {
            guard measure == .cohen else { throw UsageError("--scale applies to --measure cohen only", command: spec) }
            guard case let .range(minimum, maximum)? = RatingScale.parse(text), minimum < maximum, maximum - minimum <= 1000 else {
                throw UsageError("--scale takes MIN-MAX with whole numbers, e.g. 0-4, not '\(text)'", command: spec)
            }
            scale = minimum...maximum
        }
        if weights != .none && scale == nil {
            throw UsageError("weighted κ takes its weights from the declared scale: give --scale MIN-MAX (e.g. --scale 0-4)", command: spec)
        }
        let request = AgreementService.Request(path: arguments.positionals[0], csv: try CSVArguments.parse(arguments, spec: spec), measure: measure,
                                               level: level, weights: weights, scale: scale, layout: layout)
        let outcome = try AgreementService().run(request)
        DiagnosticPrinter.print(outcome.problems, to: context.console)
        guard let result = outcome.result else {
            context.console.reportError("no statistic computed: \(request.path) has the problems listed above")
            throw ReportedFailure()
        }
        context.console.print(arguments.has("--json") ? json(result).rendered() : text(result), terminator: arguments.has("--json") ? "\n" : "")
    }

    static func three(_ value: Double) -> String { formatFixed(value, 3) }

    static func text(_ result: AgreementService.Result) -> String {
        switch result {
        case let .cohen(value, weights, raters):
            let kind = weights == .none ? "Cohen's κ" : "Cohen's κ, \(weights.rawValue) weights"
            return "\(kind) = \(three(value.kappa))  (\(value.units) units rated by both \(raters[0]) and \(raters[1]))\n"
                + "  agreement observed \(three(value.observedAgreement)), by chance \(three(value.expectedAgreement))\n"
        case let .fleiss(value, categories):
            let perCategory = zip(categories, value.perCategory).map { "\($0) \($1.map(three) ?? "—")" }.joined(separator: " · ")
            return "Fleiss' κ = \(three(value.kappa))  (\(value.subjects) units, \(value.ratersPerSubject) raters each, \(categories.count) categories)\n"
                + "  agreement observed P̄ = \(three(value.observedAgreement)), by chance P̄e = \(three(value.expectedAgreement))\n"
                + "  per category: \(perCategory)\n"
        case let .krippendorff(value, level, observers):
            return "Krippendorff's α (\(level.rawValue)) = \(three(value.alpha))  (\(value.units) units with 2 or more of \(observers) observers' values, \(value.values) pairable values)\n"
                + "  disagreement observed \(formatFixed(value.observedDisagreement, 4)), expected \(formatFixed(value.expectedDisagreement, 4))\n"
        case let .icc(value):
            return "Intraclass correlations (Shrout & Fleiss), \(value.targets) targets × \(value.judges) judges\n"
                + "  ICC(1,1) = \(three(value.icc11))   ICC(1,\(value.judges)) = \(three(value.icc1k))   one-way random\n"
                + "  ICC(2,1) = \(three(value.icc21))   ICC(2,\(value.judges)) = \(three(value.icc2k))   two-way random, absolute agreement\n"
                + "  ICC(3,1) = \(three(value.icc31))   ICC(3,\(value.judges)) = \(three(value.icc3k))   two-way mixed, consistency\n"
                + "  mean squares: between targets \(formatFixed(value.bms, 2)), within \(formatFixed(value.wms, 2)), judges \(formatFixed(value.jms, 2)), residual \(formatFixed(value.ems, 2))\n"
        case let .percent(share, units, raters):
            return "Agreement = \(formatFixed(share * 100, 1)) % of pairs of ratings  (\(units) units rated by 2 or more of \(raters) raters)\n"
        }
    }

    static func json(_ result: AgreementService.Result) -> JSONValue {
        switch result {
        case let .cohen(value, weights, raters):
            return .object([("measure", .string("cohen")), ("weights", .string(weights.rawValue)), ("kappa", .number(value.kappa)),
                            ("observed_agreement", .number(value.observedAgreement)), ("expected_agreement", .number(value.expectedAgreement)),
                            ("units", .integer(Int64(value.units))), ("raters", .array(raters.map { .string($0) }))])
        case let .fleiss(value, categories):
            return .object([("measure", .string("fleiss")), ("kappa", .number(value.kappa)), ("observed_agreement", .number(value.observedAgreement)),
                            ("expected_agreement", .number(value.expectedAgreement)), ("units", .integer(Int64(value.subjects))),
                            ("raters_per_unit", .integer(Int64(value.ratersPerSubject))),
                            ("per_category", .object(zip(categories, value.perCategory).map { ($0, $1.map { .number($0) } ?? .null) }))])
        case let .krippendorff(value, level, observers):
            return .object([("measure", .string("krippendorff")), ("level", .string(level.rawValue)), ("alpha", .number(value.alpha)),
                            ("observed_disagreement", .number(value.observedDisagreement)), ("expected_disagreement", .number(value.expectedDisagreement)),
                            ("units", .integer(Int64(value.units))), ("pairable_values", .integer(Int64(value.values))), ("observers", .integer(Int64(observers)))])
        case let .icc(value):
            return .object([("measure", .string("icc")), ("targets", .integer(Int64(value.targets))), ("judges", .integer(Int64(value.judges))),
                            ("icc_1_1", .number(value.icc11)), ("icc_2_1", .number(value.icc21)), ("icc_3_1", .number(value.icc31)),
                            ("icc_1_k", .number(value.icc1k)), ("icc_2_k", .number(value.icc2k)), ("icc_3_k", .number(value.icc3k)),
                            ("bms", .number(value.bms)), ("wms", .number(value.wms)), ("jms", .number(value.jms)), ("ems", .number(value.ems))])
        case let .percent(share, units, raters):
            return .object([("measure", .string("percent")), ("agreement", .number(share)), ("units", .integer(Int64(units))), ("raters", .integer(Int64(raters)))])
        }
    }
}
