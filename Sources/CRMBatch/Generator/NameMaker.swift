import CRMCore

/// Chinese names for people and companies that fit region and industry, never repeated.
struct NameMaker {
    private let reference: ReferenceData
    private let surnames: WeightedPicker
    private var usedCompanyNames: Set<String> = []

    init(reference: ReferenceData) {
        self.reference = reference
        surnames = WeightedPicker(weights: reference.surnames.map(\.weight))
    }

    func person(_ random: inout RandomSource) -> String {
        reference.surnames[surnames.pick(&random)].name + random.element(reference.givenNames)
    }

    /// `福州鑫源鞋业有限公司`: city, a brand core, an industry word and a legal form; unique within the bank.
    mutating func company(region: ReferenceData.Region, industry: ReferenceData.Industry, form: String,
                          _ random: inout RandomSource) -> String {
        for attempt in 0..<50 {
            let core = random.element(reference.nameCores)
            let word = random.element(industry.nameWords)
            let place = attempt < 20 ? region.cityShort : region.cityShort + random.element(reference.nameCores)
            let name = place + core + word + form
            if usedCompanyNames.insert(name).inserted { return name }
        }
        var serial = usedCompanyNames.count
        while true {
            let name = region.cityShort + random.element(reference.nameCores) + industry.nameWords[0] + "\(serial)" + form
            if usedCompanyNames.insert(name).inserted { return name }
            serial += 1
        }
    }

}

/// Identifiers in the forms a Chinese bank's systems use.
enum Identifiers {
    /// A valid USCC for a company registered in `region`: `91` (industry and commerce, enterprise) + region + body.
    static func uscc(region: String, _ random: inout RandomSource) -> String {
        var body = ""
        for _ in 0..<9 { body.append(Character(Unicode.Scalar(USCC.alphabet[random.int(31)]))) }
        return USCC.make(prefix: "91", region: region, organisation: body)!
    }

    /// A 12-digit CNAPS code: bank prefix, 4-digit city area, 4-digit branch, and a check digit.
    static func cnaps(prefix: String, area: String, branch: Int) -> String {
        let body = prefix + area + zeroPad(branch, 4)
        let sum = body.utf8.enumerated().reduce(0) { $0 + Int($1.element - 48) * ($1.offset % 2 == 0 ? 3 : 1) }
        return body + String((10 - sum % 10) % 10)
    }

    /// An account number of another bank: 16 to 19 digits.
    static func foreignAccount(_ random: inout RandomSource) -> String {
        var digits = String(random.int(in: 1...9))
        for _ in 0..<random.int(in: 15...18) { digits += String(random.int(10)) }
        return digits
    }

    static func zeroPad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
