/// "1 file", "3 files", "2 incentive policies".
public func counted(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(count) \(count == 1 ? singular : (plural ?? singular + "s"))"
}

extension DefinitionKind {
    /// How people call files of this kind.
    public func noun(_ count: Int) -> String {
        switch self {
        case .standard: return counted(count, "standard")
        case .training: return counted(count, "training catalogue")
        case .form: return counted(count, "form")
        case .policy: return counted(count, "incentive policy", "incentive policies")
        }
    }

    public var singularNoun: String { String(noun(1).dropFirst(2)) }
}
