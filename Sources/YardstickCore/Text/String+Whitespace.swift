/// Text helpers the readers share; Foundation-free so the core stays portable.
extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line breaks.
    public func trimmingWhitespace() -> String {
        // Fast path: most cells and answers have no space at either end.
        let scalars = unicodeScalars
        if let first = scalars.first?.value, let last = scalars.last?.value, (0x21..<0x80).contains(first), (0x21..<0x80).contains(last) {
            return String(self)
        }
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
