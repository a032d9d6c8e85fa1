import ClaudeSyntax

/// Appends instructions to one function, tracking the current block.
public final class IRBuilder {
    public let module: IRModule
    public let function: IRFunction
    public private(set) var block: BlockID
    /// False once the current block has its terminator.
    public private(set) var isOpen = true

    /// Starts a function: creates the entry block with [self] + parameter values.
    public init(module: IRModule, function: IRFunction, paramNames: [String?] = []) {
        self.module = module
        self.function = function
        let entry = function.newBlock(params: [.any] + function.paramTypes)
        function.valueNames[function.blocks[0].params[0].index] = "self"
        for (p, n) in zip(function.blocks[0].params.dropFirst(), paramNames) {
            if let n { function.valueNames[p.index] = n }
        }
        self.block = entry
    }

    public var selfValue: ValueID { function.blocks[0].params[0] }
    public var params: [ValueID] { Array(function.blocks[0].params.dropFirst()) }

    public func type(of v: ValueID) -> IRType { function.type(of: v) }

    /// Emits an instruction; `type` is its result type (nil: no result).
    @discardableResult
    public func emit(_ op: Op, _ type: IRType?, at span: Span, name: String? = nil) -> ValueID? {
        precondition(isOpen, "emitting into a terminated block")
        let r = type.map { function.newValue($0, name: name) }
        function.blocks[block.index].insts.append(Inst(result: r, op: op, span: span))
        return r
    }

    /// Emits an instruction that has a result.
    public func value(_ op: Op, _ type: IRType, at span: Span, name: String? = nil) -> ValueID {
        emit(op, type, at: span, name: name)!
    }

    /// The instruction of the current block that defines `v`, if any.
    public func definition(of v: ValueID) -> Op? {
        function.blocks[block.index].insts.last(where: { $0.result == v })?.op
    }

    public func terminate(_ t: Terminator) {
        precondition(isOpen, "block terminated twice")
        function.blocks[block.index].terminator = t
        isOpen = false
    }

    public func newBlock(params: [IRType]) -> BlockID { function.newBlock(params: params) }

    public func blockParams(_ b: BlockID) -> [ValueID] { function.blocks[b.index].params }

    /// Continues emitting at the start of `b` (which must not be terminated yet).
    public func position(at b: BlockID) {
        block = b
        isOpen = true
    }
}
