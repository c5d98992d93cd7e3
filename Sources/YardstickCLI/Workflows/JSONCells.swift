import Foundation

/// A JSON object of answers as the same column → text cells a CSV row gives.
enum JSONCells {
    /// The cells, or the first key whose value is neither a string nor a number (null is skipped).
    static func cells(_ object: [String: Any]) -> Result<[String: String], InputError> {
        var cells: [String: String] = [:]
        for (key, value) in object {
            switch value {
            case let text as String: cells[key] = text
            case let number as NSNumber: cells[key] = number.stringValue
            case is NSNull: continue
            default: return .failure(InputError("key '\(key)': expected a string or a number"))
            }
        }
        return .success(cells)
    }
}
