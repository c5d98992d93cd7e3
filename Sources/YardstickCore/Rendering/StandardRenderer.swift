/// Renders a standard for people: bands, then each category's criteria with weight, scale,
/// N/A and critical policy, channels, training and the auditor's guidance.
public struct StandardRenderer: Sendable {
    public let standard: Standard
    public let training: [String: TrainingModule]

    public init(standard: Standard, training: [String: TrainingModule] = [:]) {
        self.standard = standard
        self.training = training
    }

    public func text(width: Int = 100) -> String {
        var out = "\(standard.title)  (standard \(standard.id), version \(standard.version))\n"
        let criteria = standard.criteria
        out += "\(standard.categories.count) categories, \(criteria.count) criteria, \(criteria.filter { $0.critical != nil }.count) critical\n"
        out += "Bands: " + standard.bands.map { "\($0.label) ≥ \(formatNumber($0.minimum))" }.joined(separator: " · ") + "\n"
        for category in standard.categories {
            let weight = category.criteria.filter { !$0.isBonus }.reduce(0) { $0 + $1.weight }
            out += "\n\(category.title)  [\(category.id), weight \(formatNumber(weight))]\n"
            for criterion in category.criteria {
                out += "  \(criterion.id)  \(criterion.title)\n"
                var facts = ["weight \(formatNumber(criterion.weight))", "scale \(criterion.scale)"]
                if criterion.notApplicable == .never { facts.append("N/A never") }
                if let critical = criterion.critical { facts.append("CRITICAL \(critical.rawValue)") }
                if criterion.isBonus { facts.append("bonus") }
                facts.append(criterion.channels.isEmpty ? "all channels" : criterion.channels.joined(separator: ", "))
                out += "      " + facts.joined(separator: " · ") + "\n"
                if !criterion.guidance.isEmpty { out += wrap(criterion.guidance, width: width, indent: "      ") + "\n" }
                for level in criterion.levels.sorted(by: { $0.value < $1.value }) {
                    out += wrap("\(level.value) = \(level.label)", width: width, indent: "      ") + "\n"
                }
                for moduleID in criterion.trainingModuleIDs {
                    if let module = training[moduleID] {
                        out += "      training: \(module.id) \(module.title) (\(module.format.displayName), \(module.minutes) min)\n"
                    } else {
                        out += "      training: \(moduleID)\n"
                    }
                }
            }
        }
        return out
    }
}
