import Testing
@testable import CRMBatch

@Suite struct CSVReaderTests {
    private func records(_ text: String) -> [(line: Int, fields: [String])] {
        var reader = CSVReader(bytes: Array(text.utf8))
        var result: [(Int, [String])] = []
        while (try? reader.next()) == true {
            result.append((reader.recordLine, reader.fields.indices.map { reader.string($0) }))
        }
        return result
    }

    @Test func quotedCommasQuotesAndLineBreaks() {
        let rows = records("a,b,c\r\n1,\"x, y\",\"he said \"\"hi\"\"\"\r\n2,\"two\nlines\",z\r\n3,,\n")
        #expect(rows.map(\.fields) == [["a", "b", "c"], ["1", "x, y", "he said \"hi\""], ["2", "two\nlines", "z"], ["3", "", ""]])
        #expect(rows.map(\.line) == [1, 2, 3, 5])
    }

    @Test func byteOrderMarkAndBlankLines() {
        let rows = records("\u{FEFF}id,name\n\n1,林\n\n2,陈")
        #expect(rows.map(\.fields) == [["id", "name"], ["1", "林"], ["2", "陈"]])
        #expect(rows.map(\.line) == [1, 3, 5])
    }

    @Test func unterminatedQuoteIsAnErrorNotACrash() {
        var reader = CSVReader(bytes: Array("a,b\n1,\"open\n2,x\n".utf8))
        #expect((try? reader.next()) == true)
        #expect(throws: CSVReader.RecordError.unterminatedQuote) { try reader.next() }
        #expect((try? reader.next()) == false)
    }

    @Test func countsRecordsNotLines() {
        #expect(CSVReader.countDataRecords(Array("h\n\"a\nb\"\nc\n".utf8)) == 2)
        #expect(CSVReader.countDataRecords(Array("h\n".utf8)) == 0)
    }

    @Test func decodesGB18030() {
        let utf8 = Array("客户号,名称\nC1,福州鑫源鞋业有限公司\n".utf8)
        let gb = Iconv.convert(utf8, from: "UTF-8", to: "GB18030")!
        #expect(gb != utf8)
        #expect(SourceEncoding.gb18030.utf8Bytes(gb) == utf8)
        #expect(SourceEncoding.gb18030.utf8Bytes([0x81]) == nil)
    }
}
