/// The S-expressions of one file as `Reader` produces them, before special
/// forms are recognised; `Parser` turns them into the AST.
///
/// They are stored flat for speed: one buffer of fixed-size nodes, and the
/// element ids of every list stored contiguously in a second buffer, so reading
/// allocates nothing per node. Names, strings and spans are produced on demand
/// by the accessors.
public struct SExprTree: @unchecked Sendable {
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

    /// One S-expression: its kind, location, and value bits or elements (24 bytes).
    struct Node {
        /// Int value, Float bits, Bool (0/1), the lexer's string flags, or for a
        /// list the start of its elements in `elementIDs` (low 32 bits) and
        /// their count (high 32 bits).
        var payload: UInt64
        /// Byte range; for a list from its opener to just after its closer.
        var start: Int32
        var end: Int32
        var line: Int32
        /// The column (low 28 bits; `columnUnknown` when it does not fit) and the kind (high 4 bits).
        var columnAndKind: UInt32

        static let columnMask: UInt32 = 0x0FFF_FFFF
        static let columnUnknown: UInt32 = columnMask

        @inline(__always)
        init(kind: Kind, start: Int32, end: Int32, line: Int32, column: Int, payload: UInt64) {
            self.payload = payload; self.start = start; self.end = end; self.line = line
            let c = column >= 0 && column < Int(Node.columnUnknown) ? UInt32(column) : Node.columnUnknown
            columnAndKind = c | UInt32(kind.rawValue) << 28
        }

        @inline(__always) var kind: Kind { Kind(rawValue: UInt8(truncatingIfNeeded: columnAndKind >> 28))! }
        @inline(__always) var column: UInt32 { columnAndKind & Node.columnMask }
        @inline(__always) var firstElement: Int { Int(UInt32(truncatingIfNeeded: payload)) }
        @inline(__always) var count: Int { Int(UInt32(truncatingIfNeeded: payload >> 32)) }
    }

    public let source: SourceFile
    let storage: SExprStorage

    init(source: SourceFile, storage: SExprStorage) {
        self.source = source; self.storage = storage
    }

    /// The top-level forms, in order.
    public var forms: [ID] { Array(storage.forms.buffer) }

    /// The tree seen through raw pointers (valid while `storage` and `bytes` are).
    /// Public accessors use no name table: looking names up adds to it, and a
    /// tree may be read from several threads at once.
    func view(bytes: UnsafePointer<UInt8>) -> View {
        View(storage: storage, bytes: bytes, byteCount: source.bytes.count, source: source, names: nil)
    }

    private func withView<R>(_ body: (View) -> R) -> R {
        source.bytes.withUnsafeBufferPointer { body(view(bytes: $0.baseAddress ?? SExprTree.noBytes)) }
    }

    private static let noBytes = UnsafePointer<UInt8>(UnsafeMutablePointer<UInt8>.allocate(capacity: 1))

    private func node(_ id: ID) -> Node {
        precondition(id >= 0 && Int(id) < storage.nodes.count, "node id out of range")
        return storage.nodes.base[Int(id)]
    }

    public func kind(_ id: ID) -> Kind { node(id).kind }

    public func span(_ id: ID) -> Span { _ = node(id); return withView { $0.span(id) } }

    /// The elements of a `( )` or `[ ]` list; empty for an atom.
    public func elements(_ id: ID) -> ArraySlice<ID> {
        _ = node(id)
        return withView { ArraySlice(Array($0.elements(id))) }
    }

    /// True for a `( )` or `[ ]` list.
    public func isList(_ id: ID) -> Bool { kind(id) == .list || kind(id) == .bracket }

    public func intValue(_ id: ID) -> Int64 { Int64(bitPattern: node(id).payload) }
    public func floatValue(_ id: ID) -> Double { Double(bitPattern: node(id).payload) }
    public func boolValue(_ id: ID) -> Bool { node(id).payload != 0 }

    /// The value of a string literal, escapes decoded.
    public func stringValue(_ id: ID) -> String { _ = node(id); return withView { $0.stringValue(id) } }

    /// The exact source text of a node.
    public func text(_ id: ID) -> String { _ = node(id); return withView { $0.text(id) } }

    /// A symbol's name, or a keyword's name without its colon.
    public func name(_ id: ID) -> String { _ = node(id); return withView { $0.name(id) } }

    /// The name, when the node is a symbol.
    public func symbol(_ id: ID) -> String? { kind(id) == .symbol ? name(id) : nil }

    /// True when the node is the symbol `name`; compares bytes, allocating nothing.
    public func isSymbol(_ id: ID, _ name: StaticString) -> Bool {
        _ = node(id)
        return withView { $0.isSymbol(id, name) }
    }

    /// What a node is, for messages: `'x'`, `integer`, `keyword ':k'`.
    public func describe(_ id: ID) -> String { _ = node(id); return withView { $0.describe(id) } }
}

/// A growable buffer of plain values (no reference counting), for the reader's
/// tables. Not a Swift array: appending checks neither uniqueness nor bounds
/// beyond the capacity.
struct RawBuffer<Element> {
    private(set) var base: UnsafeMutablePointer<Element>
    var count = 0
    private(set) var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 4)
        base = .allocate(capacity: self.capacity)
    }

    var buffer: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    @inline(__always)
    mutating func append(_ element: Element) {
        if count == capacity { grow(to: count + 1) }
        (base + count).initialize(to: element)
        count += 1
    }

    /// Appends `n` elements copied from `source`.
    @inline(__always)
    mutating func append(from source: UnsafePointer<Element>, count n: Int) {
        if count + n > capacity { grow(to: count + n) }
        (base + count).update(from: source, count: n)
        count += n
    }

    /// Makes room for at least `minimum` elements.
    @inline(__always)
    mutating func reserve(_ minimum: Int) {
        if minimum > capacity { grow(to: minimum) }
    }

    /// Makes room for at least `minimum` elements, keeping the contents.
    mutating func grow(to minimum: Int) {
        guard minimum > capacity else { return }
        let newCapacity = max(minimum, capacity * 2)
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newBase.moveInitialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    func free() { base.deallocate() }
}

/// The tables of an `SExprTree`, owned by one tree (or reused, cleared, by
/// `Parser` for the next file).
final class SExprStorage: @unchecked Sendable {
    // Only one parse uses a storage at a time, so accesses need no dynamic
    // exclusivity checks.
    @exclusivity(unchecked) var nodes: RawBuffer<SExprTree.Node>
    @exclusivity(unchecked) var elementIDs: RawBuffer<SExprTree.ID>
    @exclusivity(unchecked) var forms: RawBuffer<SExprTree.ID>
    /// The reader's working stacks: elements read so far of every open list,
    /// and the open lists.
    @exclusivity(unchecked) var pending: RawBuffer<SExprTree.ID>
    @exclusivity(unchecked) var open: RawBuffer<Reader.OpenList>
    @exclusivity(unchecked) var names = NameTable()

    init(expectedNodes: Int = 16) {
        nodes = RawBuffer(capacity: expectedNodes)
        elementIDs = RawBuffer(capacity: expectedNodes)
        forms = RawBuffer(capacity: 16)
        pending = RawBuffer(capacity: 64)
        open = RawBuffer(capacity: 16)
    }

    deinit {
        nodes.free(); elementIDs.free(); forms.free(); pending.free(); open.free()
    }

    /// Frees the tables, keeping small empty ones (and the name table, unless huge).
    func shrink() {
        if names.count > 1 << 16 { names = NameTable() }
        nodes.free(); elementIDs.free(); forms.free(); pending.free(); open.free()
        nodes = RawBuffer(capacity: 16)
        elementIDs = RawBuffer(capacity: 16)
        forms = RawBuffer(capacity: 16)
        pending = RawBuffer(capacity: 64)
        open = RawBuffer(capacity: 16)
    }

    func reset() {
        nodes.count = 0; elementIDs.count = 0; forms.count = 0; pending.count = 0; open.count = 0
    }

    /// Bytes held, to decide whether keeping it around for reuse is worth it.
    var footprint: Int {
        nodes.capacity * MemoryLayout<SExprTree.Node>.stride + elementIDs.capacity * 4 + forms.capacity * 4
            + pending.capacity * 4 + open.capacity * MemoryLayout<Reader.OpenList>.stride
    }
}

/// The elements of a list as ids, read in place (no copy, no reference counting).
struct IDs: RandomAccessCollection {
    typealias Index = Int
    typealias Indices = Range<Int>
    typealias SubSequence = IDs
    let base: UnsafePointer<SExprTree.ID>
    let startIndex: Int
    let endIndex: Int

    @inline(__always)
    init(base: UnsafePointer<SExprTree.ID>, startIndex: Int, endIndex: Int) {
        self.base = base; self.startIndex = startIndex; self.endIndex = endIndex
    }

    @inline(__always) subscript(i: Int) -> SExprTree.ID { base[i] }
    @inline(__always) subscript(r: Range<Int>) -> IDs { IDs(base: base, startIndex: r.lowerBound, endIndex: r.upperBound) }
    var indices: Range<Int> { startIndex..<endIndex }
    @inline(__always) func index(after i: Int) -> Int { i + 1 }
    @inline(__always) func index(before i: Int) -> Int { i - 1 }
}

extension SExprTree {
    /// Read access to a tree through raw pointers, for the form parser's hot
    /// paths. Valid while the tree's storage and the source bytes are.
    struct View {
        let nodes: UnsafePointer<Node>
        let elementIDs: UnsafePointer<ID>
        let bytes: UnsafePointer<UInt8>
        let byteCount: Int
        let fileID: UInt32
        /// Where names are made (nil: made afresh each time).
        unowned(unsafe) let names: NameTable?
        unowned(unsafe) let source: SourceFile

        @inline(__always)
        init(storage: SExprStorage, bytes: UnsafePointer<UInt8>, byteCount: Int, source: SourceFile,
             names: NameTable?) {
            nodes = UnsafePointer(storage.nodes.base); elementIDs = UnsafePointer(storage.elementIDs.base)
            self.bytes = bytes; self.byteCount = byteCount; fileID = source.fileID
            self.names = names; self.source = source
        }

        @inline(__always)
        func kind(_ id: ID) -> Kind { nodes[Int(id)].kind }

        @inline(__always)
        func span(_ id: ID) -> Span {
            let node = nodes[Int(id)]
            guard node.column != Node.columnUnknown else { return longLineSpan(node) }
            return Span(fileID: fileID, start: node.start, end: node.end, line: node.line,
                        column: Int32(bitPattern: node.column))
        }

        /// A span whose column did not fit in the node (a line of 256 MB or more).
        @inline(never)
        private func longLineSpan(_ node: Node) -> Span {
            let column = source.lineColumn(of: Int(node.start)).column
            return Span(fileID: fileID, start: node.start, end: node.end, line: node.line,
                        column: Int32(truncatingIfNeeded: column))
        }

        /// The elements of a `( )` or `[ ]` list; empty for an atom.
        @inline(__always)
        func elements(_ id: ID) -> IDs {
            let node = nodes[Int(id)]
            guard node.kind == .list || node.kind == .bracket else {
                return IDs(base: elementIDs, startIndex: 0, endIndex: 0)
            }
            let first = node.firstElement
            return IDs(base: elementIDs, startIndex: first, endIndex: first + node.count)
        }

        @inline(__always)
        func isList(_ id: ID) -> Bool { let k = kind(id); return k == .list || k == .bracket }

        func intValue(_ id: ID) -> Int64 { Int64(bitPattern: nodes[Int(id)].payload) }
        func floatValue(_ id: ID) -> Double { Double(bitPattern: nodes[Int(id)].payload) }
        func boolValue(_ id: ID) -> Bool { nodes[Int(id)].payload != 0 }

        private func buffer(_ start: Int, _ end: Int) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(start: bytes + start, count: end - start)
        }

        /// The value of a string literal, escapes decoded.
        func stringValue(_ id: ID) -> String {
            let node = nodes[Int(id)]
            let token = Token(kind: .string, start: Int(node.start), end: Int(node.end), line: 0, column: 0,
                              payload: node.payload)
            return Lexer.stringValue(of: token, in: UnsafeBufferPointer(start: bytes, count: Int(node.end)))
        }

        /// The exact source text of a node.
        func text(_ id: ID) -> String {
            let node = nodes[Int(id)]
            return String(decoding: buffer(Int(node.start), Int(node.end)), as: UTF8.self)
        }

        /// A symbol's name, or a keyword's name without its colon.
        @inline(__always)
        func name(_ id: ID) -> String {
            let node = nodes[Int(id)]
            let start = Int(node.start) + (node.kind == .keyword ? 1 : 0)
            guard let names else { return Names.make(buffer(start, Int(node.end))) }
            return names.name(bytes + start, Int(node.end) - start, available: byteCount - start)
        }

        /// The name, when the node is a symbol.
        @inline(__always)
        func symbol(_ id: ID) -> String? { kind(id) == .symbol ? name(id) : nil }

        /// True when the node is the symbol `name`; compares bytes, allocating nothing.
        func isSymbol(_ id: ID, _ name: StaticString) -> Bool {
            let node = nodes[Int(id)]
            let count = name.utf8CodeUnitCount
            guard node.kind == .symbol, Int(node.end - node.start) == count else { return false }
            let start = Int(node.start)
            for i in 0..<count where bytes[start + i] != name.utf8Start[i] { return false }
            return true
        }

        /// The special form a list's head symbol names, if any.
        @inline(__always)
        func specialForm(_ id: ID) -> SpecialForm? {
            let node = nodes[Int(id)]
            guard node.kind == .symbol else { return nil }
            let start = Int(node.start)
            guard let names else { return SpecialForm(rawValue: Names.make(buffer(start, Int(node.end)))) }
            return names.specialForm(bytes + start, Int(node.end) - start, available: byteCount - start)
        }

        /// For a symbol: the special form it names, or else its name.
        @inline(__always)
        func headSymbol(_ id: ID) -> (SpecialForm?, String)? {
            let node = nodes[Int(id)]
            guard node.kind == .symbol else { return nil }
            let start = Int(node.start)
            guard let names else {
                let name = Names.make(buffer(start, Int(node.end)))
                return SpecialForm(rawValue: name).map { ($0, "") } ?? (nil, name)
            }
            return names.symbol(bytes + start, Int(node.end) - start, available: byteCount - start)
        }

        /// What a node is, for messages: `'x'`, `integer`, `keyword ':k'`.
        func describe(_ id: ID) -> String {
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
}
