internal import CLibXML2
import Foundation
import YardstickCore

/// One bundled XML Schema, compiled by libxml2 once per process and reused for every validation:
/// compiling a schema costs far more than validating a definition file against it.
///
/// libxml2's schema objects are not `Sendable`. The cache is guarded by a lock, and so is each
/// schema while a document is validated against it, so concurrent callers never share one unguarded.
final class CompiledSchema: @unchecked Sendable {
    /// The compiled schema, or why it did not compile (a bug in the bundled schema, not in the user's file).
    enum Outcome {
        case compiled(CompiledSchema)
        case failed(String)
    }

    private let schema: xmlSchemaPtr
    /// The schema text libxml2 compiled; the compiled schema keeps pointers into it, so it lives as long.
    private let text: UnsafeMutableBufferPointer<CChar>
    private let lock = NSLock()

    private static let cacheLock = NSLock()
    // Guarded by `cacheLock`; written once per kind, then only read.
    nonisolated(unsafe) private static var cache: [DefinitionKind: Outcome] = [:]

    private init(schema: xmlSchemaPtr, text: UnsafeMutableBufferPointer<CChar>) {
        self.schema = schema
        self.text = text
    }

    deinit {
        xmlSchemaFree(schema)
        text.deallocate()
    }

    /// The schema of `kind`, compiled on first use.
    static func schema(for kind: DefinitionKind) -> Outcome {
        cacheLock.lock()
        defer { cacheLock.unlock() }
        if let cached = cache[kind] { return cached }
        let outcome = compile(kind)
        cache[kind] = outcome
        return outcome
    }

    private static func compile(_ kind: DefinitionKind) -> Outcome {
        LibXML2.ensureInitialized()
        let bytes = Array(EmbeddedSchemas.text(for: kind).utf8)
        let text = UnsafeMutableBufferPointer<CChar>.allocate(capacity: max(bytes.count, 1))
        for (index, byte) in bytes.enumerated() { text[index] = CChar(bitPattern: byte) }
        let collector = ErrorCollector()
        let unmanaged = Unmanaged.passRetained(collector)
        defer { unmanaged.release() }
        guard let base = text.baseAddress, let parserContext = xmlSchemaNewMemParserCtxt(base, Int32(bytes.count)) else {
            text.deallocate()
            return .failed("the \(kind.rawValue) schema could not be loaded")
        }
        defer { xmlSchemaFreeParserCtxt(parserContext) }
        xmlSchemaSetParserStructuredErrors(parserContext, { userData, error in
            guard let userData, let error else { return }
            Unmanaged<ErrorCollector>.fromOpaque(userData).takeUnretainedValue().record(error)
        }, unmanaged.toOpaque())
        guard let schema = xmlSchemaParse(parserContext) else {
            text.deallocate()
            return .failed("the \(kind.rawValue) schema does not compile: \(collector.summary ?? "")")
        }
        return .compiled(CompiledSchema(schema: schema, text: text))
    }

    /// Validates `document` with a fresh validation context, handing libxml2's errors to `handler`.
    /// - Returns: false when no validation context could be made.
    func validate(_ document: xmlDocPtr, handler: xmlStructuredErrorFunc, userData: UnsafeMutableRawPointer) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard let validator = xmlSchemaNewValidCtxt(schema) else { return false }
        defer { xmlSchemaFreeValidCtxt(validator) }
        xmlSchemaSetValidStructuredErrors(validator, handler, userData)
        _ = xmlSchemaValidateDoc(validator, document)
        return true
    }
}
