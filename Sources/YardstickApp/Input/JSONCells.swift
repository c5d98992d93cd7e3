import Foundation

/// A JSON object of answers as the same column → text cells a CSV row gives.
public enum JSONCells {
    /// The cells, or the first key whose value is neither a string nor a number (null is skipped).
    /// `true`/`false` are refused: an answer is written as the form's words ("yes", a level), and a
    /// boolean would otherwise turn into 1 or 0.
    public static func cells(_ object: [String: Any]) -> Result<[String: String], InputError> {
        var cells: [String: String] = [:]
        for key in object.keys.sorted() {
            switch object[key] {
            case let text as String: cells[key] = text
            case let number as NSNumber:
                if isBoolean(number) {
                    return .failure(InputError("key '\(key)': \(number.boolValue) is a JSON boolean; write the answer as text, e.g. \"yes\" or \"no\""))
                }
                cells[key] = number.stringValue
            case is NSNull: continue
            case is [Any]: return .failure(InputError("key '\(key)': expected a string or a number, found a list"))
            case is [String: Any]: return .failure(InputError("key '\(key)': expected a string or a number, found an object"))
            default: return .failure(InputError("key '\(key)': expected a string or a number"))
            }
        }
        return .success(cells)
    }

    private static func isBoolean(_ number: NSNumber) -> Bool {
        // Foundation boxes JSON true/false as NSNumber with the objCType of a C bool ("c" or "B").
        let type = String(cString: number.objCType)
        return type == "c" || type == "B"
    }
}
