import CLLVM

/// An error from the LLVM backend: invalid generated IR, a target or JIT
/// failure, or a failed link.
public struct LLVMError: Error, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { "LLVM backend: \(message)" }
}

/// One-time initialisation of LLVM's native target, assembly printer and parser.
enum LLVMSetup {
    private static let once: Void = {
        LLVMInitializeNativeTarget()
        LLVMInitializeNativeAsmPrinter()
        LLVMInitializeNativeAsmParser()
    }()

    static func initialize() { _ = once }
}

/// Takes ownership of an LLVM-allocated message and returns it as a String.
func takeMessage(_ m: UnsafeMutablePointer<CChar>?) -> String {
    guard let m else { return "" }
    defer { LLVMDisposeMessage(m) }
    return String(cString: m)
}

/// Throws (and consumes) an LLVMErrorRef if it is set.
func check(_ err: LLVMErrorRef?, _ what: String) throws {
    guard let err else { return }
    let msg = LLVMGetErrorMessage(err)
    defer { LLVMDisposeErrorMessage(msg) }
    throw LLVMError("\(what): \(msg.map { String(cString: $0) } ?? "unknown error")")
}

/// Calls an LLVM-C function taking a mutable array pointer and a count.
@inline(__always)
func withRefs<R>(_ xs: [OpaquePointer], _ body: (UnsafeMutablePointer<OpaquePointer?>?, UInt32) -> R) -> R {
    var arr = xs.map { Optional($0) }
    return arr.withUnsafeMutableBufferPointer { body($0.baseAddress, UInt32($0.count)) }
}

/// LLVM calling convention number of `tailcc` (no name in the C enum).
let tailCC: UInt32 = 18
/// The C calling convention.
let cCC: UInt32 = 0
