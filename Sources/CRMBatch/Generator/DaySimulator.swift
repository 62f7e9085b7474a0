import CRMCore

/// Simulates the bank one business date at a time and writes that date's extract rows.
///
/// Balances move only through transactions, so `balances.csv` always agrees with `transactions.csv`.
/// Flows follow a corporate customer's rhythm: receipts from buyers and payments to suppliers,
/// peaks of deposits at month and quarter end, payroll and tax days, quarterly interest,
/// loan draws and repayments, a few reversals, and a few customers drifting away to another bank.
struct DaySimulator {
    private(set) var bank: BankModel
    private let reference: ReferenceData
    private let scale: GeneratorScale
    private let start: BusinessDate
    private let days: Int
    private let seed: UInt64
    private let activity: WeightedPicker
    /// Yesterday's transactions chosen to be reversed today.
    private var toReverse: [Transaction] = []
    /// Deposit and loan balance-days per customer in the current month, for profit.csv.
    private var monthDepositDays: [Int64]
    private var monthLoanDays: [Int64]
    private var monthFees: [Int64]
    private var monthDays = 0
    /// Accounts and loans whose status changed today, written to accounts.csv and loans.csv.
    private var changedAccounts: [Int] = []
    private var changedLoans: [Int] = []

    /// One simulated transaction before it is numbered.
    struct Transaction {
        var account: Int
        var seconds: Int
        var direction: UInt8
        var amount: Int64
        var counterpartyName: String?
        var counterpartyAccount: String?
        var counterpartyBank: String?
        var channel: String
        var purpose: String
        var kind: String
        var reversalOf: String?
        var id = ""
    }

    init(bank: BankModel, reference: ReferenceData, scale: GeneratorScale, seed: UInt64, start: BusinessDate, days: Int) {
        self.bank = bank
        self.reference = reference
        self.scale = scale
        self.seed = seed
        self.start = start
        self.days = days
        activity = WeightedPicker(weights: bank.customers.map { $0.dormant ? 0 : Double($0.size).squareRoot() })
        monthDepositDays = Array(repeating: 0, count: bank.customers.count)
        monthLoanDays = monthDepositDays
        monthFees = monthDepositDays
    }

    /// The rows of every file for `date`, the `dayIndex`-th day of the run.
    mutating func simulate(_ date: BusinessDate, dayIndex: Int) -> [ExtractFile: ByteWriter] {
        var random = RandomSource(seed: seed).fork(UInt64(date.dayNumber))
        var out = ExtractRows(date: date)
        changedAccounts = []
        changedLoans = []
        if dayIndex == 0 {
            out.writeFirstDay(bank, reference: reference)
        } else {
            changeDimensions(date, out: &out, random: &random)
        }
        let opening = bank.accounts.map(\.balance)
        var transactions = reverseYesterday()
        transactions += dailyFlows(date, random: &random)
        transactions += scheduledFlows(date, random: &random)
        transactions += maturities(date)
        transactions.sort { ($0.seconds, $0.account) < ($1.seconds, $1.account) }
        let dateDigits = date.description.replacingOccurrences(of: "-", with: "")
        for index in transactions.indices {
            transactions[index].id = "T" + dateDigits + Identifiers.zeroPad(index + 1, 8)
        }
        toReverse = transactions.filter { $0.kind == "NORMAL" && random.chance(0.002) }
        out.writeTransactions(transactions, bank)
        for account in changedAccounts { out.writeAccount(account, bank) }
        for loan in changedLoans { out.writeLoan(loan, bank) }
        out.writeBalances(bank, opening: opening, firstDay: dayIndex == 0)
        out.writeEvents(bank, random: &random)
        accumulateMonth(date)
        if date.isEndOfMonth { writeProfit(date, out: &out) }
        return out.files
    }

    // MARK: Flows

    private mutating func dailyFlows(_ date: BusinessDate, random: inout RandomSource) -> [Transaction] {
        let weekend = date.weekday >= 6
        let endOfMonth = date.endOfMonth.days(since: date) < 3
        let quarterEnd = endOfMonth && date.month % 3 == 0
        var count = Double(scale.transactionsPerDay) * (weekend ? 0.25 : 1.15) * (endOfMonth ? 1.3 : 1.0)
        count *= 1 + 0.1 * random.normal()
        let inflowChance = quarterEnd ? 0.72 : endOfMonth ? 0.66 : date.day <= 5 ? 0.38 : 0.5
        var result: [Transaction] = []
        result.reserveCapacity(Int(count) + 16)
        let half = Int(max(1, count / 1.3))
        for _ in 0..<half {
            let customerIndex = activity.pick(&random)
            let customer = bank.customers[customerIndex]
            guard customer.openDate <= date else { continue }
            let drifting = customer.drifting && date.days(since: start) > days / 4
            // Balances revert towards the customer's usual level, so a year of flows stays believable.
            let level = Double(bank.accounts[customer.settlement].balance) / Double(customer.size)
            let chance = min(0.85, max(0.15, inflowChance + 0.15 * (0.8 - level)))
            let inflow = random.chance(drifting ? chance * 0.6 : chance)
            let chain = inflow ? customer.buyers : customer.suppliers
            guard !chain.isEmpty else { continue }
            let counterparty = random.element(chain)
            var amount = Int64(random.logNormal(median: Double(customer.size) * 0.04, sigma: 1.0))
            amount = random.chance(0.7) ? amount / 100 * 100 : amount
            let purpose = inflow ? random.element(["货款", "货款", "销售款", "服务费"])
                : random.element(["货款", "材料款", "采购款", "设备款", "货款"])
            let channel = random.chance(0.7) ? "EBANK" : random.chance(0.5) ? "COUNTER" : "API"
            result += transfer(customer: customerIndex, counterparty: counterparty, inflow: inflow, amount: amount,
                               purpose: purpose, channel: channel, seconds: random.int(in: 30_600...63_000), date: date,
                               random: &random)
        }
        return result
    }

    /// A payment between a customer's settlement account and a counterparty; when the counterparty banks with us,
    /// its side of the payment is booked too.
    private mutating func transfer(customer: Int, counterparty: BankModel.Counterparty, inflow: Bool, amount: Int64,
                                   purpose: String, channel: String, seconds: Int, date: BusinessDate,
                                   random: inout RandomSource) -> [Transaction] {
        let account = bank.customers[customer].settlement
        var amount = amount
        switch counterparty {
        case .external(let index):
            let company = bank.externals[index]
            guard let booked = book(account: account, inflow: inflow, amount: amount, random: &random) else { return [] }
            return [Transaction(account: account, seconds: seconds, direction: inflow ? 0x43 : 0x44, amount: booked,
                                counterpartyName: company.name, counterpartyAccount: company.account,
                                counterpartyBank: company.bankCode, channel: channel, purpose: purpose, kind: "NORMAL")]
        case .customer(let other):
            let otherAccount = bank.customers[other].settlement
            guard bank.customers[other].openDate <= date, !bank.customers[other].dormant else { return [] }
            // A payment fits both parties: a small firm neither pays nor receives a large one's sums.
            amount = min(amount, bank.customers[other].size / 10 / 100 * 100)
            // The paying side must hold the money.
            let payer = inflow ? otherAccount : account
            if bank.accounts[payer].balance < amount { amount = bank.accounts[payer].balance / 3 / 100 * 100 }
            guard amount >= 100 else { return [] }
            bank.accounts[account].balance += inflow ? amount : -amount
            bank.accounts[otherAccount].balance += inflow ? -amount : amount
            return [
                Transaction(account: account, seconds: seconds, direction: inflow ? 0x43 : 0x44, amount: amount,
                            counterpartyName: bank.customers[other].name, counterpartyAccount: bank.accounts[otherAccount].number,
                            counterpartyBank: ourBankCode(otherAccount), channel: channel, purpose: purpose, kind: "NORMAL"),
                Transaction(account: otherAccount, seconds: seconds, direction: inflow ? 0x44 : 0x43, amount: amount,
                            counterpartyName: bank.customers[customer].name, counterpartyAccount: bank.accounts[account].number,
                            counterpartyBank: ourBankCode(account), channel: channel, purpose: purpose, kind: "NORMAL"),
            ]
        }
    }

    /// Moves a deposit account's balance; a debit is cut to what the account holds. Returns the booked amount.
    private mutating func book(account: Int, inflow: Bool, amount: Int64, random: inout RandomSource) -> Int64? {
        var amount = amount
        if !inflow, bank.accounts[account].balance < amount {
            amount = bank.accounts[account].balance * Int64(random.int(in: 10...50)) / 100 / 100 * 100
        }
        guard amount >= 100 else { return nil }
        bank.accounts[account].balance += inflow ? amount : -amount
        return amount
    }

    private func ourBankCode(_ account: Int) -> String? { bank.orgs[bank.accounts[account].org].bankCode }

    /// Payroll, tax, quarterly interest, fees, loan repayments and draws, and drifting customers' transfers out.
    private mutating func scheduledFlows(_ date: BusinessDate, random: inout RandomSource) -> [Transaction] {
        var result: [Transaction] = []
        let quarterInterestDay = date.day == 21 && date.month % 3 == 0
        let taxAuthorityCode = Identifiers.cnaps(prefix: "011", area: "3910", branch: 1)
        for index in bank.customers.indices where bank.customers[index].openDate <= date && !bank.customers[index].dormant {
            let customer = bank.customers[index]
            let settlement = customer.settlement
            if date.day == customer.payrollDay,
               let amount = book(account: settlement, inflow: false, amount: customer.size / 12 / 100 * 100, random: &random) {
                result.append(Transaction(account: settlement, seconds: 7_200, direction: 0x44, amount: amount,
                                          counterpartyName: "代发工资", counterpartyAccount: nil,
                                          counterpartyBank: ourBankCode(settlement), channel: "BATCH", purpose: "代发工资",
                                          kind: "NORMAL"))
            }
            if date.day == 15, random.chance(0.8),
               let amount = book(account: settlement, inflow: false, amount: customer.size / 40, random: &random) {
                result.append(Transaction(account: settlement, seconds: random.int(in: 32_400...57_600), direction: 0x44,
                                          amount: amount, counterpartyName: "国家金库福州中心支库", counterpartyAccount: nil,
                                          counterpartyBank: taxAuthorityCode, channel: "EBANK", purpose: "增值税税款",
                                          kind: "NORMAL"))
            }
            if date.day == 20, random.chance(0.3),
               let amount = book(account: settlement, inflow: false, amount: Int64(random.int(in: 5_000...80_000)) * 100 / 10,
                                 random: &random) {
                monthFees[index] += amount
                result.append(Transaction(account: settlement, seconds: 64_800, direction: 0x44, amount: amount,
                                          counterpartyName: nil, counterpartyAccount: nil, counterpartyBank: nil,
                                          channel: "BATCH", purpose: "账户管理费及结算手续费", kind: "FEE"))
            }
            if quarterInterestDay {
                for account in customer.accounts where bank.accounts[account].kind == "DEPOSIT" && bank.accounts[account].balance > 0 {
                    let ppm = (try? ScaledNumber.parse(bank.accounts[account].rate, decimals: 4).get()) ?? 500
                    let interest = bank.accounts[account].balance * ppm / 1_000_000 * 90 / 360
                    guard interest > 0 else { continue }
                    bank.accounts[account].balance += interest
                    result.append(Transaction(account: account, seconds: 3_600, direction: 0x43, amount: interest,
                                              counterpartyName: nil, counterpartyAccount: nil, counterpartyBank: nil,
                                              channel: "BATCH", purpose: "季度结息", kind: "INTEREST"))
                }
            }
            if customer.drifting, date.days(since: start) > days / 4, date.day == 26 || date.day == 12 {
                let amount = bank.accounts[settlement].balance * Int64(random.int(in: 25...45)) / 100 / 100 * 100
                if amount >= 100, let booked = book(account: settlement, inflow: false, amount: amount, random: &random) {
                    let other = random.element(reference.banks.filter { ["102", "103", "104", "105", "308", "309"].contains($0.prefix) })
                    result.append(Transaction(account: settlement, seconds: random.int(in: 32_400...57_600), direction: 0x44,
                                              amount: booked, counterpartyName: customer.name,
                                              counterpartyAccount: Identifiers.foreignAccount(&random),
                                              counterpartyBank: Identifiers.cnaps(prefix: other.prefix, area: "3910", branch: 18),
                                              channel: "EBANK", purpose: "资金归集", kind: "NORMAL"))
                }
            }
        }
        result += loanFlows(date, random: &random)
        return result
    }

    private mutating func loanFlows(_ date: BusinessDate, random: inout RandomSource) -> [Transaction] {
        var result: [Transaction] = []
        for index in bank.loans.indices where bank.loans[index].status == "ACTIVE" {
            let loan = bank.loans[index]
            let settlement = bank.customers[loan.customer].settlement
            let ends = date == loan.maturity || date == loan.earlySettlement
            if ends {
                let outstanding = bank.accounts[loan.account].balance
                // The customer pays back from its settlement account, topped up by its buyers if need be.
                if bank.accounts[settlement].balance < outstanding {
                    let topUp = outstanding - bank.accounts[settlement].balance + 1_000_00
                    bank.accounts[settlement].balance += topUp
                    let buyer = bank.customers[loan.customer].buyers.first
                    var name = "往来款"
                    var account: String?
                    var code: String?
                    if case .external(let external)? = buyer {
                        name = bank.externals[external].name
                        account = bank.externals[external].account
                        code = bank.externals[external].bankCode
                    }
                    result.append(Transaction(account: settlement, seconds: 33_000, direction: 0x43, amount: topUp,
                                              counterpartyName: name, counterpartyAccount: account, counterpartyBank: code,
                                              channel: "EBANK", purpose: "货款", kind: "NORMAL"))
                }
                bank.accounts[settlement].balance -= outstanding
                bank.accounts[loan.account].balance = 0
                bank.accounts[loan.account].status = "CLOSED"
                bank.loans[index].status = "SETTLED"
                changedAccounts.append(loan.account)
                changedLoans.append(index)
                result.append(Transaction(account: settlement, seconds: 36_000, direction: 0x44, amount: outstanding,
                                          counterpartyName: bank.customers[loan.customer].name,
                                          counterpartyAccount: bank.accounts[loan.account].number,
                                          counterpartyBank: ourBankCode(loan.account), channel: "COUNTER",
                                          purpose: "归还贷款本金", kind: "LOAN_REPAY"))
                continue
            }
            // Now and then a revolving draw or a partial repayment.
            if random.chance(0.004) {
                let draw = random.chance(0.5)
                let amount = loan.amount * Int64(random.int(in: 5...20)) / 100 / 10_000_00 * 10_000_00
                let outstanding = bank.accounts[loan.account].balance
                let booked = draw ? min(amount, loan.amount - outstanding) : min(amount, outstanding, bank.accounts[settlement].balance)
                guard booked >= 10_000_00 else { continue }
                bank.accounts[loan.account].balance += draw ? booked : -booked
                bank.accounts[settlement].balance += draw ? booked : -booked
                result.append(Transaction(account: settlement, seconds: random.int(in: 32_400...57_600), direction: draw ? 0x43 : 0x44,
                                          amount: booked, counterpartyName: bank.customers[loan.customer].name,
                                          counterpartyAccount: bank.accounts[loan.account].number,
                                          counterpartyBank: ourBankCode(loan.account), channel: "COUNTER",
                                          purpose: draw ? "贷款发放" : "归还贷款本金", kind: draw ? "LOAN_DRAW" : "LOAN_REPAY"))
            }
        }
        return result
    }

    /// Today's reversals of yesterday's chosen transactions (the money goes back).
    private mutating func reverseYesterday() -> [Transaction] {
        let chosen = toReverse
        toReverse = []
        return chosen.compactMap { original in
            let inflow = original.direction == 0x44
            guard inflow || bank.accounts[original.account].balance >= original.amount else { return nil }
            bank.accounts[original.account].balance += inflow ? original.amount : -original.amount
            var reversal = original
            reversal.direction = inflow ? 0x43 : 0x44
            reversal.kind = "REVERSAL"
            reversal.purpose = "冲正：" + original.purpose
            reversal.reversalOf = original.id
            reversal.seconds = 30_000
            reversal.channel = "COUNTER"
            return reversal
        }
    }

    // MARK: Dimensions over time

    private mutating func changeDimensions(_ date: BusinessDate, out: inout ExtractRows, random: inout RandomSource) {
        out.writeNewCustomers(bank, opening: date)
        // A few customers change hands between managers of the same team.
        for _ in 0..<max(1, bank.customers.count / 2_000) where random.chance(0.3) {
            let index = random.int(bank.customers.count)
            guard bank.customers[index].openDate < date, let rms = bank.managersByTeam[bank.customers[index].team], rms.count > 1
            else { continue }
            bank.customers[index].managers = [BankModel.Manager(staff: random.element(rms), role: "MAIN", shareBasisPoints: 10_000)]
            out.writeManagers(of: index, bank)
        }
        for index in bank.limits.indices where bank.limits[index].status == "ACTIVE" && bank.limits[index].end < date {
            bank.limits[index].status = "EXPIRED"
            out.writeLimit(index, bank)
        }
    }

    /// Matured time deposits return to the settlement account, as a same-name transfer, and close.
    private mutating func maturities(_ date: BusinessDate) -> [Transaction] {
        var result: [Transaction] = []
        for index in bank.accounts.indices where bank.accounts[index].maturity == date && bank.accounts[index].kind == "DEPOSIT"
            && bank.accounts[index].status == "ACTIVE" {
            let customer = bank.accounts[index].customer
            let settlement = bank.customers[customer].settlement
            let amount = bank.accounts[index].balance
            bank.accounts[index].status = "CLOSED"
            changedAccounts.append(index)
            guard amount > 0 else { continue }
            bank.accounts[settlement].balance += amount
            bank.accounts[index].balance = 0
            let name = bank.customers[customer].name
            result.append(Transaction(account: index, seconds: 3_000, direction: 0x44, amount: amount, counterpartyName: name,
                                      counterpartyAccount: bank.accounts[settlement].number, counterpartyBank: ourBankCode(settlement),
                                      channel: "BATCH", purpose: "定期存款到期转活期", kind: "NORMAL"))
            result.append(Transaction(account: settlement, seconds: 3_000, direction: 0x43, amount: amount, counterpartyName: name,
                                      counterpartyAccount: bank.accounts[index].number, counterpartyBank: ourBankCode(index),
                                      channel: "BATCH", purpose: "定期存款到期转活期", kind: "NORMAL"))
        }
        return result
    }

    // MARK: Profit

    private mutating func accumulateMonth(_ date: BusinessDate) {
        if date.day == 1 || monthDays == 0 {
            for index in monthDepositDays.indices { monthDepositDays[index] = 0; monthLoanDays[index] = 0 }
            monthDays = 0
        }
        monthDays += 1
        for account in bank.accounts {
            switch account.kind {
            case "DEPOSIT": monthDepositDays[account.customer] += account.balance
            case "LOAN": monthLoanDays[account.customer] += account.balance
            default: break
            }
        }
    }

    private mutating func writeProfit(_ date: BusinessDate, out: inout ExtractRows) {
        var writer = ByteWriter(header: ExtractFile.profit.columns)
        for index in bank.customers.indices where bank.customers[index].openDate <= date {
            let deposit = monthDepositDays[index] / Int64(max(monthDays, 1))
            let loan = monthLoanDays[index] / Int64(max(monthDays, 1))
            let ftp = deposit * 150 / 10_000 / 12 + loan * 140 / 10_000 / 12
            let fees = monthFees[index] + loan / 2_000
            writer.field(date.monthKey)
            writer.field(bank.customers[index].id)
            writer.money(ftp)
            writer.money(fees)
            writer.money(ftp / 4 + 200_00)
            writer.money(loan * 45 / 10_000 / 12)
            writer.money(loan * 105 / 1_000 + deposit * 3 / 1_000)
            writer.endRow()
            monthFees[index] = 0
        }
        out.files[.profit] = writer
    }
}
