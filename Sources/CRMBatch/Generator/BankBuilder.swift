import CRMCore

/// Builds the synthetic bank as it stands on the first business date.
struct BankBuilder {
    let scale: GeneratorScale
    let reference: ReferenceData
    let start: BusinessDate
    let days: Int
    var random: RandomSource
    var names: NameMaker
    var bank = BankModel()

    init(scale: GeneratorScale, reference: ReferenceData, seed: UInt64, start: BusinessDate, days: Int) {
        self.scale = scale
        self.reference = reference
        self.start = start
        self.days = days
        random = RandomSource(seed: seed)
        names = NameMaker(reference: reference)
    }

    /// The branch cities, in order: the head office city first.
    private var branchCities: [String] { ["福州", "厦门", "泉州", "漳州", "莆田", "宁德", "三明", "南平", "龙岩", "晋江", "石狮", "福清", "南安"] }

    mutating func build() -> BankModel {
        bank.industryCodes = reference.industries.map(\.code)
        bank.industryNames = reference.industries.map(\.name)
        bank.regionCodes = reference.regions.map(\.code)
        bank.regionNames = reference.regions.map { $0.city + $0.district }
        bank.productCodes = reference.products.map(\.code)
        buildOrgTree()
        buildCustomers()
        buildExternalCompanies()
        buildSupplyChains()
        buildConglomerates()
        return bank
    }

    // MARK: Org tree and staff

    private mutating func buildOrgTree() {
        let hqRegion = reference.regions.first { $0.cityShort == "福州" }!
        let bankName = "锦程银行"
        addOrg(id: "100000", parent: nil, level: "HQ", name: bankName + "总行", region: hqRegion.code,
               bankCode: Identifiers.cnaps(prefix: "313", area: reference.cnapsAreas["福州"] ?? "3910", branch: 1))
        addStaff(org: 0, position: "ADMIN")
        addStaff(org: 0, position: "HQ_ANALYST")
        addStaff(org: 0, position: "HQ_ANALYST")
        let cities = branchCities
        var branchSerial = 10
        for branchIndex in 0..<scale.branches {
            let city = cities[branchIndex % cities.count]
            let cityRegions = reference.regions.filter { $0.cityShort == city || $0.city.hasPrefix(city) }
            let area = reference.cnapsAreas[city] ?? "3910"
            let suffix = branchIndex < cities.count ? "" : "第\(branchIndex / cities.count + 1)"
            let branchID = "1\(Identifiers.zeroPad(branchIndex + 1, 2))000"
            let branch = addOrg(id: branchID, parent: 0, level: "BRANCH", name: "\(bankName)\(city)\(suffix)分行",
                                region: cityRegions.first?.code ?? hqRegion.code,
                                bankCode: Identifiers.cnaps(prefix: "313", area: area, branch: branchSerial))
            branchSerial += 10
            addStaff(org: branch, position: "BRANCH_HEAD")
            for subIndex in 0..<scale.subBranchesPerBranch {
                let region = cityRegions.isEmpty ? hqRegion : cityRegions[subIndex % cityRegions.count]
                let round = subIndex / max(1, cityRegions.count)
                let subName = region.district.replacingOccurrences(of: "区", with: "").replacingOccurrences(of: "县", with: "")
                    .replacingOccurrences(of: "市", with: "") + (round > 0 ? "第\(round + 1)" : "")
                let sub = addOrg(id: "1\(Identifiers.zeroPad(branchIndex + 1, 2))\(Identifiers.zeroPad(subIndex + 1, 2))0",
                                 parent: branch, level: "SUBBRANCH", name: "\(bankName)\(city)\(subName)支行",
                                 region: region.code, bankCode: Identifiers.cnaps(prefix: "313", area: area, branch: branchSerial))
                branchSerial += 1
                let numerals = ["一", "二", "三", "四", "五", "六"]
                for teamIndex in 0..<scale.teamsPerSubBranch {
                    let team = addOrg(id: "1\(Identifiers.zeroPad(branchIndex + 1, 2))\(Identifiers.zeroPad(subIndex + 1, 2))\(teamIndex + 1)",
                                      parent: sub, level: "TEAM", name: "\(subName)支行公司业务\(numerals[teamIndex % 6])部",
                                      region: region.code, bankCode: nil)
                    bank.teams.append(team)
                    addStaff(org: team, position: "TEAM_LEAD")
                    for _ in 0..<scale.managersPerTeam {
                        bank.managersByTeam[team, default: []].append(addStaff(org: team, position: "RM"))
                    }
                }
            }
        }
    }

    @discardableResult
    private mutating func addOrg(id: String, parent: Int?, level: String, name: String, region: String, bankCode: String?) -> Int {
        bank.orgs.append(BankModel.Org(id: id, parent: parent, level: level, name: name, regionCode: region, bankCode: bankCode))
        return bank.orgs.count - 1
    }

    @discardableResult
    private mutating func addStaff(org: Int, position: String) -> Int {
        let id = "E" + Identifiers.zeroPad(10_001 + bank.staff.count, 6)
        bank.staff.append(BankModel.Staff(id: id, name: names.person(&random), org: org, position: position))
        return bank.staff.count - 1
    }

    // MARK: Customers and accounts

    private mutating func buildCustomers() {
        let industries = WeightedPicker(weights: reference.industries.map(\.weight))
        let lastDay = start.adding(days: days - 1)
        for index in 0..<scale.customers {
            let team = bank.teams[index % bank.teams.count]
            let teamRegion = bank.orgs[team].regionCode
            let teamCity = reference.regions.first { $0.code == teamRegion }?.cityShort ?? "福州"
            let sameCity = reference.regions.indices.filter { reference.regions[$0].cityShort == teamCity }
            let regionIndex = random.chance(0.9) && !sameCity.isEmpty ? random.element(sameCity) : random.int(reference.regions.count)
            let region = reference.regions[regionIndex]
            let industryIndex = industries.pick(&random)
            let industry = reference.industries[industryIndex]
            let roll = random.unit()
            let line = roll < 0.15 ? "LARGE_MID" : roll < 0.90 ? "SMALL_MICRO" : roll < 0.98 ? "TRADE_FINANCE" : "INTERBANK"
            let median: Double = line == "LARGE_MID" ? 8_000_000 : line == "SMALL_MICRO" ? 600_000 : 2_000_000
            let size = Int64(min(random.logNormal(median: median, sigma: 1.3), 2_500_000_000) * 100)
            let isLarge = line == "LARGE_MID" && size > 50_000_000_00
            let name = names.company(region: region, industry: industry, form: isLarge ? "股份有限公司" : "有限公司", &random)
            let founded = BusinessDate(year: random.int(in: 1993...2021), month: random.int(in: 1...12), day: random.int(in: 1...28))!
            let legalRep = names.person(&random)
            let controller = random.chance(0.7) ? legalRep : names.person(&random)
            let birthday = BusinessDate(year: random.int(in: 1955...1990), month: random.int(in: 1...12), day: random.int(in: 1...28))!
            // About 5% of customers open during the simulated period; the rest were customers before it.
            let opensLater = days > 30 && random.chance(0.05)
            let openDate = opensLater
                ? start.adding(days: random.int(in: 1...(days - 1)))
                : max(founded, start.adding(days: -random.int(in: 30...3650)))
            let rms = bank.managersByTeam[team]!
            let main = random.element(rms)
            var managers = [BankModel.Manager(staff: main, role: "MAIN", shareBasisPoints: 10_000)]
            if rms.count > 1, random.chance(0.2) {
                var assist = random.element(rms)
                while assist == main { assist = random.element(rms) }
                let assistShare = random.element([2_000, 3_000, 4_000])
                managers = [BankModel.Manager(staff: main, role: "MAIN", shareBasisPoints: 10_000 - assistShare),
                            BankModel.Manager(staff: assist, role: "ASSIST", shareBasisPoints: assistShare)]
            }
            let capitalWan = Int64(max(50, min(100_000, Double(size) / 100 / 10_000 * random.logNormal(median: 1.5, sigma: 0.6))))
            bank.customers.append(BankModel.Customer(
                id: "80" + Identifiers.zeroPad(10_000_001 + index, 8), name: name,
                uscc: Identifiers.uscc(region: region.code, &random), line: line, industry: industryIndex, region: regionIndex,
                registeredCapital: capitalWan / 10 * 10 * 10_000 * 100, founded: founded, legalRep: legalRep,
                controller: controller, controllerBirthday: birthday, openDate: min(openDate, lastDay), team: team,
                managers: managers, size: max(size, 5_000_00), drifting: random.chance(0.02), dormant: !opensLater && random.chance(0.03),
                payrollDay: random.element([5, 10, 15, 25])))
            openAccounts(for: index)
        }
    }

    private func product(_ code: String) -> Int { reference.products.firstIndex { $0.code == code }! }

    private mutating func openAccounts(for customerIndex: Int) {
        let customer = bank.customers[customerIndex]
        let open = customer.openDate
        func add(_ code: String, balance: Int64, opened: BusinessDate? = nil, maturity: BusinessDate? = nil,
                 status: String = "ACTIVE") -> Int {
            addAccount(customerIndex, code: code, balance: balance, opened: opened ?? open, maturity: maturity, status: status)
        }
        let size = customer.size
        bank.customers[customerIndex].settlement = add("D1001", balance: size * Int64(random.int(in: 50...90)) / 100)
        if random.chance(0.6) { _ = add("D1002", balance: size * Int64(random.int(in: 5...30)) / 100) }
        if random.chance(0.25) {
            let code = random.element(["D2003", "D2004", "D2005", "D2006"])
            let term = ["D2003": 90, "D2004": 180, "D2005": 360, "D2006": 720][code]!
            // Placed within one term before the first business date (or on the opening day), so it matures inside the data.
            let opened = max(open, start.adding(days: -random.int(in: 0...(term - 1))))
            _ = add(code, balance: size * Int64(random.int(in: 20...60)) / 100, opened: opened, maturity: opened.adding(days: term))
        }
        if customer.line == "LARGE_MID", random.chance(0.2) { _ = add("D3001", balance: size * Int64(random.int(in: 10...40)) / 100) }
        if random.chance(0.2) { _ = add("W6002", balance: size * Int64(random.int(in: 10...50)) / 100) }
        if random.chance(0.08) {
            _ = add("O5001", balance: size * Int64(random.int(in: 20...80)) / 100)
            _ = add("D4001", balance: size * Int64(random.int(in: 10...40)) / 100)
        }
        if random.chance(0.03) { _ = add("O5002", balance: size * Int64(random.int(in: 10...30)) / 100) }
        if random.chance(0.04) {
            _ = add("D1003", balance: Int64(random.int(in: 0...200_000)), status: "DORMANT")
        }
        if customer.openDate <= start, !customer.dormant, random.chance(customer.line == "SMALL_MICRO" ? 0.22 : 0.35) { openLoan(for: customerIndex) }
    }

    /// Opens an account at the customer's branch; customers who join later start with nothing.
    private mutating func addAccount(_ customerIndex: Int, code: String, balance: Int64, opened: BusinessDate,
                                     maturity: BusinessDate?, status: String) -> Int {
        let customer = bank.customers[customerIndex]
        let branchOrg = bank.orgs[bank.orgs[customer.team].parent!].parent!
        let productIndex = product(code)
        let item = reference.products[productIndex]
        let number = "35" + String(bank.orgs[branchOrg].id.prefix(3)) + String(code.prefix(1).unicodeScalars.first!.value % 10)
            + Identifiers.zeroPad(bank.accounts.count + 1, 10)
        let startBalance = customer.openDate > start ? 0 : customer.dormant ? balance / 50 : balance
        let status = customer.dormant && item.kind == "DEPOSIT" ? "DORMANT" : status
        bank.accounts.append(BankModel.Account(number: number, customer: customerIndex, product: productIndex,
                                               kind: item.kind, org: branchOrg, openDate: opened, maturity: maturity,
                                               rate: item.rate, status: status, balance: startBalance))
        bank.customers[customerIndex].accounts.append(bank.accounts.count - 1)
        return bank.accounts.count - 1
    }

    private mutating func openLoan(for customerIndex: Int) {
        let customer = bank.customers[customerIndex]
        let code = customer.line == "SMALL_MICRO" ? random.element(["L3005", "L3001", "L3004"])
            : random.element(["L3001", "L3002", "L3003", "L3006", "B4001"])
        let amount = max(100_000_00, customer.size * Int64(random.int(in: 60...250)) / 100 / 10_000_00 * 10_000_00)
        let termMonths = code == "L3002" ? 36 : code == "B4001" ? 6 : random.element([12, 12, 24])
        let loanStart = max(customer.openDate, start.adding(days: -random.int(in: 0...(termMonths * 30 - 20))))
        let maturity = loanStart.adding(days: termMonths * 30)
        let account = addAccount(customerIndex, code: code, balance: amount, opened: loanStart, maturity: maturity, status: "ACTIVE")
        let spread = random.element([-20, -10, 0, 15, 30, 45, 60, 80])
        let rate = ScaledNumber.text(Int64(30_000 + (termMonths > 60 ? 5_000 : 0) + spread * 100), decimals: 4)
        let lastDay = start.adding(days: days - 1)
        let early = customer.drifting && maturity > lastDay && days > 60
            ? start.adding(days: random.int(in: (days / 2)...(days - 1))) : nil
        bank.loans.append(BankModel.Loan(
            contract: "JK" + Identifiers.zeroPad(bank.loans.count + 1, 10), customer: customerIndex, account: account,
            product: bank.accounts[account].product, amount: amount, rate: rate, spreadBasisPoints: spread, start: loanStart,
            maturity: maturity, classification: random.chance(0.96) ? "NORMAL" : random.element(["SPECIAL_MENTION", "SUBSTANDARD"]),
            guarantee: random.element(["CREDIT", "GUARANTEE", "COLLATERAL", "COLLATERAL", "PLEDGE"]), status: "ACTIVE",
            earlySettlement: early))
        bank.customers[customerIndex].loans.append(bank.loans.count - 1)
        let limitStart = loanStart.adding(days: -random.int(in: 0...30))
        let limitEnd = max(limitStart.adding(days: random.element([365, 730, 1095])), maturity)
        bank.limits.append(BankModel.CreditLimit(
            id: "SX" + Identifiers.zeroPad(bank.limits.count + 1, 10), customer: customerIndex,
            amount: amount * Int64(random.int(in: 12...20)) / 10 / 10_000_00 * 10_000_00, used: amount,
            start: limitStart, end: limitEnd, status: "ACTIVE"))
    }

    // MARK: Counterparties outside the bank, supply chains, conglomerates

    private mutating func buildExternalCompanies() {
        let count = max(50, scale.customers * 3 / 2)
        let otherBanks = reference.banks.filter { !["313", "314", "402"].contains($0.prefix) }
        let industries = WeightedPicker(weights: reference.industries.map(\.weight))
        for _ in 0..<count {
            let regionIndex = random.int(reference.regions.count)
            let region = reference.regions[regionIndex]
            let industry = reference.industries[industries.pick(&random)]
            let bankPrefix = random.chance(0.1) ? "313" : random.element(otherBanks).prefix
            let area = reference.cnapsAreas[region.cityShort] ?? "3910"
            bank.externals.append(BankModel.ExternalCompany(
                name: names.company(region: region, industry: industry, form: "有限公司", &random),
                uscc: Identifiers.uscc(region: region.code, &random), region: regionIndex,
                bankCode: Identifiers.cnaps(prefix: bankPrefix, area: area, branch: random.int(in: 100...9_999)),
                account: Identifiers.foreignAccount(&random)))
        }
    }

    private mutating func buildSupplyChains() {
        // Popular external companies deal with many of our customers: the prospects of fund-chain analysis.
        let popularity = WeightedPicker(weights: bank.externals.indices.map { 1.0 / Double($0 + 10) })
        for index in bank.customers.indices {
            for role in 0..<2 {
                var chain: [BankModel.Counterparty] = []
                for _ in 0..<random.int(in: 2...5) {
                    if random.chance(0.3) {
                        var other = random.int(bank.customers.count)
                        if other == index { other = (other + 1) % bank.customers.count }
                        chain.append(.customer(other))
                    } else {
                        chain.append(.external(popularity.pick(&random)))
                    }
                }
                if role == 0 { bank.customers[index].suppliers = chain } else { bank.customers[index].buyers = chain }
            }
        }
    }

    private mutating func buildConglomerates() {
        let groupCount = max(2, scale.customers / 60)
        var taken = Set<Int>()
        let candidates = bank.customers.indices.sorted { bank.customers[$0].size > bank.customers[$1].size }
        for core in candidates.prefix(groupCount * 3) where bank.conglomerates.count < groupCount {
            guard !taken.contains(core), bank.customers[core].openDate <= start else { continue }
            var members: [(Int, String, Int)] = []
            for _ in 0..<random.int(in: 2...5) {
                let member = random.int(bank.customers.count)
                guard member != core, !taken.contains(member), bank.customers[member].openDate <= start else { continue }
                taken.insert(member)
                let relation = random.chance(0.8) ? "SUBSIDIARY" : "AFFILIATE"
                members.append((member, relation, relation == "SUBSIDIARY" ? random.int(in: 51...100) * 100 : random.int(in: 10...49) * 100))
            }
            guard !members.isEmpty else { continue }
            taken.insert(core)
            let coreName = bank.customers[core].name
            let groupName = coreName.replacingOccurrences(of: "股份有限公司", with: "").replacingOccurrences(of: "有限公司", with: "") + "集团"
            bank.conglomerates.append(BankModel.Conglomerate(
                id: "JT" + Identifiers.zeroPad(bank.conglomerates.count + 1, 6), name: groupName, core: core,
                members: [(core, "PARENT", 10_000)] + members))
        }
    }
}
