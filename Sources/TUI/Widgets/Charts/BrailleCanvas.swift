/// A dot canvas over braille cells (U+2800 block): each cell holds 2 columns by 4 rows of dots, so a chart gets
/// twice the horizontal and four times the vertical resolution of the grid.
struct BrailleCanvas {
    let width: Int
    let height: Int
    private var bits: [UInt8]

    /// The dot bit for column (0-1) and row (0-3) within a cell, as Unicode orders braille dots.
    private static let dotBits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

    /// A blank canvas of `width` by `height` cells.
    init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        bits = Array(repeating: 0, count: self.width * self.height)
    }

    var dotWidth: Int { width * 2 }
    var dotHeight: Int { height * 4 }

    /// Sets the dot at (x, y), y counted down from the top; dots outside are ignored.
    mutating func set(_ x: Int, _ y: Int) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        bits[(y / 4) * width + x / 2] |= BrailleCanvas.dotBits[x % 2][y % 4]
    }

    /// Sets every dot on the straight line between two dots (Bresenham).
    mutating func line(from start: (x: Int, y: Int), to end: (x: Int, y: Int)) {
        var (x, y) = start
        let dx = abs(end.x - x), dy = -abs(end.y - y)
        let sx = x < end.x ? 1 : -1, sy = y < end.y ? 1 : -1
        var error = dx + dy
        while true {
            set(x, y)
            if x == end.x && y == end.y { break }
            let doubled = 2 * error
            if doubled >= dy { error += dy; x += sx }
            if doubled <= dx { error += dx; y += sy }
        }
    }

    /// The canvas as one string a row; cells without dots are spaces.
    var rows: [String] {
        (0..<height).map { row in
            String((0..<width).map { column -> Character in
                let value = bits[row * width + column]
                return value == 0 ? " " : Character(Unicode.Scalar(0x2800 + UInt32(value))!)
            })
        }
    }
}
