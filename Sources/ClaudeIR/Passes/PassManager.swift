/// Runs the IR passes in order, verifying the module after each one when
/// asked to. Each pass is one file in this folder with one entry point.
public enum PassManager {
    /// The passes, in order.
    public static let passes: [(name: String, run: (IRModule) -> Void)] = [
        ("inline", Inlining.run),
        ("known-tests", KnownTests.run),
        ("box-elimination", BoxElimination.run),
        ("dce", DeadCodeElimination.run),
    ]

    public static func run(_ module: IRModule, verify: Bool, stopAfter: String? = nil) {
        for p in passes {
            p.run(module)
            if verify {
                do { try Verifier.verify(module) } catch { fatalError("after pass \(p.name): \(error)") }
            }
            if p.name == stopAfter { return }
        }
    }
}
