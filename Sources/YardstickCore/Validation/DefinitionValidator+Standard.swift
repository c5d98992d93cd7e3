extension DefinitionValidator {
    func validate(_ standard: Standard, into sink: inout DiagnosticSink) {
        validateBands(standard.bands, into: &sink, anchor: standard.anchor)
        sink.reportDuplicates(standard.categories, what: "category", id: \.id, location: { $0.anchor.at("id") })
        sink.reportDuplicates(standard.criteria, what: "criterion", id: \.id, location: { $0.anchor.at("id") })
        for category in standard.categories where category.criteria.isEmpty {
            sink.error(category.anchor.element, "category '\(category.id)' has no criteria")
        }
        for criterion in standard.criteria {
            validate(criterion, into: &sink)
        }
    }

    private func validateBands(_ bands: [Band], into sink: inout DiagnosticSink, anchor: SourceAnchor) {
        guard !bands.isEmpty else {
            sink.error(anchor.element, "the standard has no bands; expected <bands> with at least a band of min=\"0\"")
            return
        }
        sink.reportDuplicates(bands, what: "band", id: \.label, location: { $0.anchor.at("label") })
        for (previous, band) in zip(bands, bands.dropFirst()) where band.minimum >= previous.minimum {
            sink.error(band.anchor.at("min"),
                       "band '\(band.label)' (min \(format(band.minimum))) must be below the band before it, '\(previous.label)' (min \(format(previous.minimum))); list bands highest first")
        }
        for band in bands where band.minimum < 0 {
            sink.error(band.anchor.at("min"), "band '\(band.label)' has a negative minimum \(format(band.minimum)); scores are never below 0")
        }
        if !bands.contains(where: { $0.minimum == 0 }) {
            let last = bands[bands.count - 1]
            sink.error(last.anchor.at("min"), "no band has min=\"0\", so a low score would get no band; make the lowest band start at 0")
        }
    }

    private func validate(_ criterion: Criterion, into sink: inout DiagnosticSink) {
        // A weight that is not a number at all was already reported by the schema.
        if !criterion.weight.isNaN, !(criterion.weight > 0) || !criterion.weight.isFinite {
            sink.error(criterion.anchor.at("weight"), "criterion '\(criterion.id)' has weight \(format(criterion.weight)); a weight must be greater than 0")
        }
        if case let .range(minimum, maximum) = criterion.scale {
            if Int32(exactly: minimum) == nil || Int32(exactly: maximum) == nil {
                // Levels are stored as 32-bit values (ResultCodec); wider bounds could never be decoded.
                sink.error(criterion.anchor.at("scale"),
                           "criterion '\(criterion.id)' has scale \"\(criterion.scale)\"; scale bounds must lie between \(Int32.min) and \(Int32.max)")
            } else if minimum >= maximum {
                sink.error(criterion.anchor.at("scale"),
                           "criterion '\(criterion.id)' has scale \"\(criterion.scale)\"; the bounds must be increasing integers, e.g. \"0-4\"")
            } else {
                for level in criterion.levels where !(minimum...maximum).contains(level.value) {
                    sink.error(level.anchor.at("value"), "level \(level.value) of criterion '\(criterion.id)' lies outside its scale \(criterion.scale)")
                }
            }
            sink.reportDuplicates(criterion.levels, what: "level", id: { String($0.value) }, location: { $0.anchor.at("value") })
            if criterion.levels.isEmpty {
                sink.warning(criterion.anchor.at("scale"),
                             "scale criterion '\(criterion.id)' has no <level> anchors; auditors rate more consistently with a description of each level")
            }
        } else if !criterion.levels.isEmpty {
            sink.error(criterion.levels[0].anchor.element, "criterion '\(criterion.id)' is yes-no, so its <level> elements have no meaning; give it a scale such as \"0-4\"")
        }
        if criterion.isBonus, criterion.critical != nil {
            sink.error(criterion.anchor.at("critical"), "criterion '\(criterion.id)' cannot be both a bonus and critical")
        }
        if criterion.guidance.isEmpty {
            sink.warning(criterion.anchor.element, "criterion '\(criterion.id)' has no <guidance>; auditors need it to rate consistently")
        }
        if catalog.hasTrainingCatalogue {
            for module in criterion.trainingModuleIDs where !catalog.trainingModuleIDs.contains(module) {
                sink.error(criterion.anchor.at("training"), "criterion '\(criterion.id)' links to unknown training module '\(module)'")
            }
        }
    }

    func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
