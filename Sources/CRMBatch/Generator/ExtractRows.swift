import CRMCore

/// The rows of one date folder, file by file, in the exact columns of the contract.
struct ExtractRows {
    let date: BusinessDate
    var files: [ExtractFile: ByteWriter] = [:]

    init(date: BusinessDate) { self.date = date }

    /// Appends one row to `file`, in place: copying a writer out of the dictionary would copy its whole buffer.
    private mutating func row(_ file: ExtractFile, _ fill: (inout ByteWriter) -> Void) {
        ExtractRows.append(to: &files[file, default: ByteWriter(header: file.columns)], fill)
    }

    private static func append(to writer: inout ByteWriter, _ fill: (inout ByteWriter) -> Void) {
        fill(&writer)
        writer.endRow()
    }

    // MARK: The first day: everything

    mutating func writeFirstDay(_ bank: BankModel, reference: ReferenceData) {
        for org in bank.orgs {
            row(.org) { w in
                w.field(org.id); w.field(org.parent.map { bank.orgs[$0].id }); w.field(org.level); w.field(org.name)
                w.field(org.regionCode); w.field(org.bankCode); w.field("ACTIVE")
            }
        }
        for person in bank.staff {
            row(.staff) { w in
                w.field(person.id); w.field(person.name); w.field(bank.orgs[person.org].id); w.field(person.position); w.field("ACTIVE")
            }
        }
        for product in reference.products {
            row(.products) { w in
                w.field(product.code); w.field(product.name); w.field(product.category); w.field(product.onBalance ? "Y" : "N")
            }
        }
        for index in bank.customers.indices where bank.customers[index].openDate <= date {
            writeCustomer(index, bank)
        }
        for index in bank.loans.indices { writeLoan(index, bank) }
        for index in bank.limits.indices { writeLimit(index, bank) }
        for group in bank.conglomerates {
            row(.conglomerates) { w in
                w.field(group.id); w.field(group.name); w.field(bank.customers[group.core].id); w.field("ACTIVE")
            }
            for member in group.members {
                row(.conglomerateMembers) { w in
                    w.field(group.id); w.field(bank.customers[member.customer].id); w.field(member.relation)
                    w.field(ScaledNumber.text(Int64(member.holdingBasisPoints), decimals: 2))
                }
                if member.relation != "PARENT" {
                    row(.extRelations) { w in
                        w.field(bank.customers[group.core].uscc); w.field(bank.customers[member.customer].uscc); w.field("INVESTS")
                    }
                }
            }
        }
        for company in bank.externals {
            row(.extRegistration) { w in
                w.field(company.uscc); w.field("存续"); w.field(reference.regions[company.region].city + "市场监督管理局")
                w.field(reference.regions[company.region].province + reference.regions[company.region].city
                        + reference.regions[company.region].district)
                w.empty(); w.empty(); w.empty()
            }
        }
    }

    /// Customers whose relationship starts today, with their accounts, managers and external profile.
    mutating func writeNewCustomers(_ bank: BankModel, opening date: BusinessDate) {
        for index in bank.customers.indices where bank.customers[index].openDate == date {
            writeCustomer(index, bank)
        }
    }

    private mutating func writeCustomer(_ index: Int, _ bank: BankModel) {
        let customer = bank.customers[index]
        row(.customers) { w in
            w.field(customer.id); w.field(customer.name); w.field(customer.uscc); w.field(customer.line)
            w.field(bank.industryCodes[customer.industry]); w.field(bank.regionCodes[customer.region])
            w.money(customer.registeredCapital); w.date(customer.founded); w.field(customer.legalRep)
            w.field(customer.controller); w.date(customer.controllerBirthday); w.date(customer.openDate); w.field("ACTIVE")
        }
        writeManagers(of: index, bank)
        for account in customer.accounts { writeAccount(account, bank) }
        row(.extRegistration) { w in
            w.field(customer.uscc); w.field("存续"); w.field(bank.regionNames[customer.region] + "市场监督管理局")
            w.field(bank.regionNames[customer.region] + "某路\(index % 300 + 1)号")
            w.field(bank.industryNames[customer.industry] + "；货物及技术进出口（依法须经批准的项目，经相关部门批准后方可开展经营活动）")
            w.money(customer.registeredCapital / 100 * Int64(60 + index % 41)); w.field(10 + Int(customer.size / 1_000_000_00) + index % 90)
        }
        let controllerShare = customer.controller == customer.legalRep ? 6_000 + index % 40 * 100 : 5_100
        row(.extShareholders) { w in
            w.field(customer.uscc); w.field(customer.controller); w.empty()
            w.field(ScaledNumber.text(Int64(controllerShare), decimals: 2))
        }
        if customer.controller != customer.legalRep {
            row(.extShareholders) { w in
                w.field(customer.uscc); w.field(customer.legalRep); w.empty()
                w.field(ScaledNumber.text(Int64(10_000 - controllerShare), decimals: 2))
            }
        } else if case .external(let external)? = customer.suppliers.first {
            row(.extShareholders) { w in
                w.field(customer.uscc); w.field(bank.externals[external].name); w.field(bank.externals[external].uscc)
                w.field(ScaledNumber.text(Int64(10_000 - controllerShare), decimals: 2))
            }
        }
        for supplier in customer.suppliers.prefix(2) {
            let uscc: String
            switch supplier {
            case .customer(let other): uscc = bank.customers[other].uscc
            case .external(let external): uscc = bank.externals[external].uscc
            }
            row(.extRelations) { w in w.field(uscc); w.field(customer.uscc); w.field("SUPPLIES") }
        }
    }

    mutating func writeManagers(of index: Int, _ bank: BankModel) {
        let customer = bank.customers[index]
        for manager in customer.managers {
            row(.customerManagers) { w in
                w.field(customer.id); w.field(bank.staff[manager.staff].id); w.field(manager.role)
                w.field(ScaledNumber.text(Int64(manager.shareBasisPoints), decimals: 2))
            }
        }
    }

    mutating func writeAccount(_ index: Int, _ bank: BankModel) {
        let account = bank.accounts[index]
        row(.accounts) { w in
            w.field(account.number); w.field(bank.customers[account.customer].id); w.field(bank.productCodes[account.product])
            w.field(account.kind); w.field("CNY"); w.field(bank.orgs[account.org].id); w.date(account.openDate)
            w.date(account.maturity); w.field(account.rate.isEmpty ? nil : account.rate); w.field(account.status)
        }
    }

    mutating func writeLoan(_ index: Int, _ bank: BankModel) {
        let loan = bank.loans[index]
        row(.loans) { w in
            w.field(loan.contract); w.field(bank.customers[loan.customer].id); w.field(bank.accounts[loan.account].number)
            w.field(bank.productCodes[loan.product]); w.money(loan.amount); w.field(loan.rate); w.field(loan.spreadBasisPoints)
            w.date(loan.start); w.date(loan.maturity); w.field(loan.classification); w.field(loan.guarantee); w.field(loan.status)
        }
    }

    mutating func writeLimit(_ index: Int, _ bank: BankModel) {
        let limit = bank.limits[index]
        row(.creditLimits) { w in
            w.field(limit.id); w.field(bank.customers[limit.customer].id); w.money(limit.amount); w.money(limit.used)
            w.date(limit.start); w.date(limit.end); w.field(limit.status)
        }
    }

    // MARK: Facts

    mutating func writeTransactions(_ transactions: [DaySimulator.Transaction], _ bank: BankModel) {
        let dateText = date.description
        for txn in transactions {
            row(.transactions) { w in
                w.field(txn.id); w.field(bank.accounts[txn.account].number)
                let h = txn.seconds / 3_600, m = txn.seconds / 60 % 60, s = txn.seconds % 60
                w.field(dateText + " " + Identifiers.zeroPad(h, 2) + ":" + Identifiers.zeroPad(m, 2) + ":" + Identifiers.zeroPad(s, 2))
                w.field(txn.direction == 0x43 ? "C" : "D"); w.money(txn.amount); w.field(txn.counterpartyName)
                w.field(txn.counterpartyAccount); w.field(txn.counterpartyBank); w.field(txn.channel); w.field(txn.purpose)
                w.field(txn.kind); w.field(txn.reversalOf)
            }
        }
    }

    /// End-of-day balances of the accounts whose balance changed (every open account with a balance on the first day).
    mutating func writeBalances(_ bank: BankModel, opening: [Int64], firstDay: Bool) {
        for (index, account) in bank.accounts.enumerated() where account.openDate <= date
            && bank.customers[account.customer].openDate <= date {
            guard firstDay ? account.balance != 0 : account.balance != opening[index] else { continue }
            row(.balances) { w in w.field(account.number); w.money(account.balance) }
        }
    }

    /// External events (lawsuits, penalties, news, tax ratings) for a few customers a day.
    mutating func writeEvents(_ bank: BankModel, random: inout RandomSource) {
        let count = max(1, bank.customers.count / 400)
        let dateDigits = date.description.replacingOccurrences(of: "-", with: "")
        for serial in 0..<count where random.chance(0.6) {
            let index = random.int(bank.customers.count)
            guard bank.customers[index].openDate <= date else { continue }
            let customer = bank.customers[index]
            let kinds: [(String, String, ClosedRange<Int>)] = [
                ("LAWSUIT", "买卖合同纠纷（被告）", 2...4), ("PENALTY", "环保行政处罚", 2...4),
                ("EXECUTIVE_CHANGE", "法定代表人变更", 1...2), ("NEWS_POSITIVE", "获评“专精特新”中小企业", 1...1),
                ("NEWS_NEGATIVE", "媒体报道拖欠供应商货款", 3...5), ("TAX_RATING", "纳税信用等级评定为A级", 1...1),
            ]
            let kind = kinds[customer.drifting && random.chance(0.5) ? 4 : random.int(kinds.count)]
            let severity = random.int(in: kind.2)
            let day = date
            row(.extEvents) { w in
                w.field("EV" + dateDigits + Identifiers.zeroPad(serial, 5)); w.field(customer.uscc); w.date(day)
                w.field(kind.0); w.field(customer.name + "：" + kind.1); w.field(severity)
            }
        }
    }
}
