/// The S-expressions of one file as `Reader` produces them, before special
/// forms are recognised; `Parser` turns them into the AST.
///
/// They are stored flat for speed: one array of fixed-size nodes, and the
/// element ids of every list stored contiguously in a second array, so reading
/// allocates nothing per node. Names, strings and spans are produced on demand
/// by the accessors.
public struct SExprTree: Sendable {
    /// A node's index in the tree.
    public typealias ID = Int32

    public enum Kind: UInt8, Sendable {
        case int, float, string, bool, nil_, symbol
        /// `:name`
        case keyword
        /// `( ... )`
        case list
        /// `[ ... ]`
        case bracket
    }

    /// One S-expression: its kind, location, and value bits or elements.
    struct Node {
        /// Int value, Float bits, Bool (0/1), the lexer's string flags, or for a
        /// list the start of its elements in `elementIDs`.
        var payload: UInt64
        /// Byte range; for a list from its opener to just after its closer.
        var start: Int32
        var end: Int32
        var line: Int32
        var column: Int32
        /// For a list, how many elements it has.
        var count: Int32
        var kind: Kind
    }

    public let source: SourceFile
    var nodes: [Node]
    var elementIDs: [ID]
    /// The top-level forms, in order.
    public let forms: [ID]

    init(source: SourceFile, nodes: [Node], elementIDs: [ID], forms: [ID]) {
        self.source = source; self.nodes = nodes; self.elementIDs = elementIDs; self.forms = forms
    }

    public func kind(_ id: ID) -> Kind { nodes[Int(id)].kind }

    public func span(_ id: ID) -> Span {
        let node = nodes[Int(id)]
        return Span(file: source.path, start: Int(node.start), end: Int(node.end),
                    line: Int(node.line), column: Int(node.column))
    }

    /// The elements of a `( )` or `[ ]` list; empty for an atom.
    public func elements(_ id: ID) -> ArraySlice<ID> {
        let node = nodes[Int(id)]
        guard node.kind == .list || node.kind == .bracket else { return [] }
        let first = Int(node.payload)
        return elementIDs[first..<first + Int(node.count)]
    }

    /// True for a `( )` or `[ ]` list.
    public func isList(_ id: ID) -> Bool { kind(id) == .list || kind(id) == .bracket }

    public func intValue(_ id: ID) -> Int64 { Int64(bitPattern: nodes[Int(id)].payload) }
    public func floatValue(_ id: ID) -> Double { Double(bitPattern: nodes[Int(id)].payload) }
    public func boolValue(_ id: ID) -> Bool { nodes[Int(id)].payload != 0 }

    /// The value of a string literal, escapes decoded.
    public func stringValue(_ id: ID) -> String {
        let node = nodes[Int(id)]
        let token = Token(kind: .string, start: Int(node.start), end: Int(node.end), line: 0, column: 0,
                          payload: node.payload)
        return source.bytes.withUnsafeBufferPointer { Lexer.stringValue(of: token, in: $0) }
    }

    /// The exact source text of a node.
    public func text(_ id: ID) -> String {
        let node = nodes[Int(id)]
        return source.bytes.withUnsafeBufferPointer { Lexer.text($0, Int(node.start), Int(node.end)) }
    }

    /// A symbol's name, or a keyword's name without its colon.
    public func name(_ id: ID) -> String {
        let node = nodes[Int(id)]
        let start = Int(node.start) + (node.kind == .keyword ? 1 : 0)
        return source.bytes.withUnsafeBufferPointer { Lexer.text($0, start, Int(node.end)) }
    }

    /// The name, when the node is a symbol.
    public func symbol(_ id: ID) -> String? { kind(id) == .symbol ? name(id) : nil }

    /// True when the node is the symbol `name`; compares bytes, allocating nothing.
    public func isSymbol(_ id: ID, _ name: StaticString) -> Bool {
        let node = nodes[Int(id)]
        guard node.kind == .symbol, Int(node.end - node.start) == name.utf8CodeUnitCount else { return false }
        return source.bytes.withUnsafeBufferPointer { bytes in
            let start = Int(node.start)
            for i in 0..<name.utf8CodeUnitCount where bytes[start + i] != name.utf8Start[i] { return false }
            return true
        }
    }

    /// The special form a list's head symbol names, if any.
    func specialForm(_ id: ID) -> SpecialForm? {
        let node = nodes[Int(id)]
        guard node.kind == .symbol else { return nil }
        return source.bytes.withUnsafeBufferPointer {
            SpecialForm(UnsafeBufferPointer(rebasing: $0[Int(node.start)..<Int(node.end)]))
        }
    }

    /// What a node is, for messages: `'x'`, `integer`, `keyword ':k'`.
    public func describe(_ id: ID) -> String {
        switch kind(id) {
        case .int: return "integer"
        case .float: return "float"
        case .string: return "string"
        case .bool: return "boolean"
        case .nil_: return "nil"
        case .symbol: return "'\(name(id))'"
        case .keyword: return "keyword ':\(name(id))'"
        case .list: return "list"
        case .bracket: return "'[...]'"
        }
    }
}
