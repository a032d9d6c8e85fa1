public enum Severity: String, Sendable { case error, warning, note }

/// One message about the source, with its location.
public struct Diagnostic: Error, Sendable, CustomStringConvertible {
    public let severity: Severity
    public let message: String
    public let span: Span

    public init(_ severity: Severity, _ message: String, at span: Span) {
        self.severity = severity; self.message = message; self.span = span
    }
    public static func error(_ message: String, at span: Span) -> Diagnostic { Diagnostic(.error, message, at: span) }
    public static func warning(_ message: String, at span: Span) -> Diagnostic { Diagnostic(.warning, message, at: span) }

    /// "file:line:col: error: message"
    public var description: String { "\(span): \(severity.rawValue): \(message)" }

    /// The clang-style rendering: header line, the source line, a caret under the column.
    public func render(source: SourceFile?) -> String {
        var out = description + "\n"
        if let source, span.line >= 1 {
            let text = source.lineText(span.line)
            out += text + "\n"
            // Reproduce tabs so the caret lines up.
            var pad = ""
            var col = 1
            for ch in text.unicodeScalars {
                if col >= span.column { break }
                pad += ch == "\t" ? "\t" : " "
                col += 1
            }
            out += pad + "^\n"
        }
        return out
    }
}

/// Collects diagnostics from every stage; a stage keeps going after an error
/// where it can so that several errors in one file are all reported.
public final class DiagnosticEngine: @unchecked Sendable {
    @exclusivity(unchecked) public private(set) var diagnostics: [Diagnostic] = []
    public init() {}
    public func add(_ d: Diagnostic) { diagnostics.append(d) }
    public func error(_ message: String, at span: Span) { add(.error(message, at: span)) }
    public func warning(_ message: String, at span: Span) { add(.warning(message, at: span)) }
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    /// Puts the diagnostics from `index` on in source order (stably: ties keep
    /// the order they were reported in).
    func sortByStart(from index: Int) {
        guard diagnostics.count - index > 1 else { return }
        let ordered = diagnostics[index...].enumerated().sorted {
            ($0.element.span.start, $0.offset) < ($1.element.span.start, $1.offset)
        }
        diagnostics.replaceSubrange(index..., with: ordered.map(\.element))
    }
}
