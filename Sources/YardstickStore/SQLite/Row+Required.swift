/// Reading stored rows strictly: a missing or mistyped value is a `StoreError.damagedRow`, never a
/// silent default, so damage behind the tool's back is reported instead of believed.
extension Row {
    /// Names the row in errors.
    public struct Origin: Sendable {
        public var table: String
        public var id: String

        public init(_ table: String, _ id: String) {
            self.table = table
            self.id = id
        }
    }

    private func damaged(_ origin: Origin, _ column: String, _ problem: String) -> StoreError {
        .damagedRow(table: origin.table, id: origin.id, column: column, problem: problem)
    }

    public func requiredInteger(_ index: Int, _ column: String, of origin: Origin) throws -> Int64 {
        guard case let .integer(value) = values[index] else { throw damaged(origin, column, "is not a whole number") }
        return value
    }

    public func optionalInteger(_ index: Int, _ column: String, of origin: Origin) throws -> Int64? {
        if case .null = values[index] { return nil }
        return try requiredInteger(index, column, of: origin)
    }

    public func requiredText(_ index: Int, _ column: String, of origin: Origin) throws -> String {
        guard case let .text(value) = values[index] else { throw damaged(origin, column, "is not text") }
        return value
    }

    public func optionalText(_ index: Int, _ column: String, of origin: Origin) throws -> String? {
        if case .null = values[index] { return nil }
        return try requiredText(index, column, of: origin)
    }

    public func optionalReal(_ index: Int, _ column: String, of origin: Origin) throws -> Double? {
        switch values[index] {
        case .null: return nil
        case let .real(value): return value
        case let .integer(value): return Double(value)
        default: throw damaged(origin, column, "is not a number")
        }
    }

    public func requiredBlob(_ index: Int, _ column: String, of origin: Origin) throws -> [UInt8] {
        guard case let .blob(value) = values[index] else { throw damaged(origin, column, "is not binary data") }
        return value
    }

    public func optionalBlob(_ index: Int, _ column: String, of origin: Origin) throws -> [UInt8]? {
        if case .null = values[index] { return nil }
        return try requiredBlob(index, column, of: origin)
    }

    public func requiredFlag(_ index: Int, _ column: String, of origin: Origin) throws -> Bool {
        switch try requiredInteger(index, column, of: origin) {
        case 0: return false
        case 1: return true
        default: throw damaged(origin, column, "is neither 0 nor 1")
        }
    }

    public func requiredEnum<Value: RawRepresentable>(_ index: Int, _ column: String, of origin: Origin) throws -> Value where Value.RawValue == String {
        let text = try requiredText(index, column, of: origin)
        guard let value = Value(rawValue: text) else { throw damaged(origin, column, "holds the unknown value '\(text)'") }
        return value
    }
}
