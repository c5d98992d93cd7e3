/// Wraps text to a width at spaces, keeping existing line breaks and each line's leading indent.
public enum TextWrap {
    public static func wrap(_ text: String, width: Int, indent: String = "") -> String {
        let limit = max(width - indent.count, 20)
        var out: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let lead = String(line.prefix { $0 == " " })
            var current = ""
            for word in line.dropFirst(lead.count).split(separator: " ") {
                if !current.isEmpty, lead.count + current.count + 1 + word.count > limit {
                    out.append(indent + lead + current)
                    current = String(word)
                } else {
                    current += (current.isEmpty ? "" : " ") + word
                }
            }
            out.append(indent + lead + current)
        }
        return out.joined(separator: "\n")
    }
}
