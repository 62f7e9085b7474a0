/// A run of changed cells on one row, to be drawn left to right from `x`.
public struct CellRun: Equatable, Sendable {
    public var y: Int
    public var x: Int
    public var cells: [Cell]
}

/// The cells that differ between two frames of the same size, as runs. A changed half of a wide grapheme
/// brings its other half, because a terminal cannot draw half a character.
public enum FrameDiff {
    public static func runs(from old: Grid?, to new: Grid) -> [CellRun] {
        guard let old, old.size == new.size else {
            return (0..<new.height).map { y in
                CellRun(y: y, x: 0, cells: (0..<new.width).map { new[$0, y] })
            }
        }
        var runs: [CellRun] = []
        for y in 0..<new.height {
            var x = 0
            while x < new.width {
                guard old[x, y] != new[x, y] else { x += 1; continue }
                var start = x
                if new[start, y].isContinuation, start > 0 { start -= 1 }
                var end = x
                while end < new.width, old[end, y] != new[end, y] || new[end, y].isContinuation { end += 1 }
                if var last = runs.last, last.y == y, last.x + last.cells.count >= start {
                    let overlap = last.x + last.cells.count - start
                    last.cells += (start + overlap..<end).map { new[$0, y] }
                    runs[runs.count - 1] = last
                } else {
                    runs.append(CellRun(y: y, x: start, cells: (start..<end).map { new[$0, y] }))
                }
                x = end
            }
        }
        return runs
    }

    /// The cells a list of runs draws, counting a wide grapheme and its continuation as one.
    public static func drawnCells(_ runs: [CellRun]) -> Int {
        runs.reduce(0) { $0 + $1.cells.filter { !$0.isContinuation }.count }
    }
}
