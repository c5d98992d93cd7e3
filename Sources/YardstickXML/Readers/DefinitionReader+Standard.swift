import YardstickCore

extension DefinitionReader {
    mutating func readStandard(_ root: XMLElement) -> Standard {
        let bands = (root.child(named: "bands")?.children(named: "band") ?? []).map { element in
            Band(label: string(element, "label"), minimum: number(element, "min"), anchor: element.anchor)
        }
        var categories: [Category] = []
        for element in root.children(named: "category") {
            let categoryID = string(element, "id")
            var criteria: [Criterion] = []
            for criterionElement in element.children(named: "criterion") {
                criteria.append(readCriterion(criterionElement, categoryID: categoryID))
            }
            categories.append(Category(id: categoryID, title: string(element, "title"), criteria: criteria, anchor: element.anchor))
        }
        return Standard(
            id: string(root, "id"), version: string(root, "version"), title: string(root, "title"),
            bands: bands, categories: categories, anchor: root.anchor)
    }

    private mutating func readCriterion(_ element: XMLElement, categoryID: String) -> Criterion {
        let scaleText = string(element, "scale", default: "yes-no")
        let scale = RatingScale.parse(scaleText) ?? .yesNo
        let levels = element.children(named: "level").map { level in
            ScaleLevel(value: integer(level, "value"), label: level.text, anchor: level.anchor)
        }
        return Criterion(
            id: string(element, "id"), categoryID: categoryID,
            title: element.child(named: "title")?.text ?? "",
            guidance: element.child(named: "guidance")?.text ?? "",
            weight: number(element, "weight", default: .nan), scale: scale, levels: levels,
            notApplicable: NotApplicablePolicy(rawValue: string(element, "na")) ?? .allowed,
            critical: CriticalPolicy(rawValue: string(element, "critical")),
            isBonus: boolean(element, "bonus"), channels: list(element, "channels"),
            trainingModuleIDs: list(element, "training"), anchor: element.anchor)
    }
}
